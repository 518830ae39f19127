/**
 * Runs the real Engine (the one inside the app's worker, here on the page) with its own
 * cadence: metrics every K steps, evaluation, weight snapshots. First `warmup` steps
 * (the optimiser's moments, method state, GPU copies of the data and the backend's
 * buffer pool are all created lazily), then N steps; tfjs memory is read when the
 * engine is idle: fresh, after the warm-up, and at the end. Reads are counted over the N steps.
 */
import * as tf from '@tensorflow/tfjs';
import type { RunConfig } from '../src/config';
import { Engine } from '../src/engine';
import type { BackendInfo, WorkerEvent } from '../src/protocol';
import { fetchSiteBytes } from '../src/util/siteUrl';
import { countReads } from '../test/support/readCounter';

/** tfjs memory figures, with the GPU ones of the backend when it has them. */
export interface MemoryFigures {
  numTensors: number;
  numBytes: number;
  /** Bytes in live GPU buffers/textures (webgpu, webgl); null elsewhere. */
  numBytesInGPU: number | null;
  /** Bytes the backend holds on the GPU, including its free pool; null when not reported. */
  numBytesInGPUAllocated: number | null;
}

/** What an engine run measured. */
export interface EngineRun {
  backend: BackendInfo | null;
  /** Steps run before the `before` figures. */
  warmupSteps: number;
  stepsRequested: number;
  stepsDone: number;
  metricsReports: number;
  seconds: number;
  /** Just after the run was built, before any step. */
  fresh: MemoryFigures;
  /** After the warm-up steps: the baseline of the comparison. */
  before: MemoryFigures;
  after: MemoryFigures;
  /** Every read during the run (metrics reads, evaluation, snapshots included). */
  reads: number;
  /** Notices the engine raised (errors, NaN pauses, fallbacks). */
  notices: string[];
}

/** The current tfjs memory figures. */
export function memoryFigures(): MemoryFigures {
  const m = tf.memory() as tf.MemoryInfo & { numBytesInGPU?: number; numBytesAllocatedInGPU?: number; numBytesInGPUAllocated?: number };
  return {
    numTensors: m.numTensors,
    numBytes: m.numBytes,
    numBytesInGPU: m.numBytesInGPU ?? null,
    numBytesInGPUAllocated: m.numBytesAllocatedInGPU ?? m.numBytesInGPUAllocated ?? null,
  };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Configures a fresh Engine with `config`, runs `warmup` then `steps` steps, and measures. */
export async function engineRun(config: RunConfig, warmup: number, steps: number, timeoutMs: number): Promise<EngineRun> {
  let backend: BackendInfo | null = null;
  let state = 'booting';
  let step = 0;
  let lastReport = 0;
  let reports = 0;
  const notices: string[] = [];
  let errors = 0;
  const engine = new Engine((e: WorkerEvent) => {
    if (e.type === 'ready') backend = e.backend;
    else if (e.type === 'status') {
      state = e.state;
      step = e.step;
    } else if (e.type === 'metrics') {
      reports++;
      lastReport = e.report.step;
    } else if (e.type === 'notice') {
      notices.push(`${e.level} ${e.code}: ${e.message}`);
      if (e.level === 'error') errors++;
    }
  }, fetchSiteBytes);
  await engine.handle({ type: 'configure', config });
  if (state === 'error' || (backend as BackendInfo | null)?.id !== config.backend) {
    const m = memoryFigures();
    return { backend, warmupSteps: 0, stepsRequested: steps, stepsDone: 0, metricsReports: 0, seconds: 0, fresh: m, before: m, after: m, reads: 0, notices };
  }
  /** Runs n steps and waits until the engine is idle with its last report read. */
  const runSteps = async (n: number, deadline: number): Promise<void> => {
    const target = step + n;
    const errorsBefore = errors;
    await engine.handle({ type: 'step', n });
    // The loop runs on; the last step records metrics, read asynchronously. An error
    // notice (a failed step, a NaN pause) ends the run early.
    while (performance.now() < deadline) {
      await sleep(200);
      if (state === 'error') break;
      if (state === 'paused' && (errors > errorsBefore || (lastReport >= step && step >= target))) break;
    }
    // Let a weight snapshot started after the last report finish.
    let prev = -1;
    for (let i = 0; i < 20 && tf.memory().numTensors !== prev; i++) {
      prev = tf.memory().numTensors;
      await sleep(250);
    }
  };
  const fresh = memoryFigures();
  const start = performance.now();
  await runSteps(warmup, start + timeoutMs);
  const warmed = step;
  const before = memoryFigures();
  const reportsBefore = reports;
  const counter = countReads();
  const t0 = performance.now();
  try {
    await runSteps(steps, start + timeoutMs);
  } finally {
    counter.stop();
  }
  const seconds = (performance.now() - t0) / 1000;
  const after = memoryFigures();
  await engine.handle({ type: 'pause' });
  return { backend, warmupSteps: warmed, stepsRequested: steps, stepsDone: step - warmed, metricsReports: reports - reportsBefore, seconds, fresh, before, after, reads: counter.count, notices };
}
