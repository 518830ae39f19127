/**
 * Runs the real Engine (the one inside the app's worker, here on the page) for N steps
 * with its own cadence: metrics every K steps, evaluation, weight snapshots. Records
 * tfjs memory before and after, and the reads per step over the whole run.
 */
import * as tf from '@tensorflow/tfjs';
import type { RunConfig } from '../config';
import { Engine } from '../engine';
import type { BackendInfo, WorkerEvent } from '../protocol';
import { fetchBytes } from './datasets';
import { countReads } from './readCounter';

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
  stepsRequested: number;
  stepsDone: number;
  metricsReports: number;
  seconds: number;
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

/** Configures a fresh Engine with `config`, runs `steps` steps, and measures. */
export async function engineRun(config: RunConfig, steps: number, timeoutMs: number): Promise<EngineRun> {
  let backend: BackendInfo | null = null;
  let state = 'booting';
  let step = 0;
  let lastReport = 0;
  let reports = 0;
  const notices: string[] = [];
  const engine = new Engine((e: WorkerEvent) => {
    if (e.type === 'ready') backend = e.backend;
    else if (e.type === 'status') {
      state = e.state;
      step = e.step;
    } else if (e.type === 'metrics') {
      reports++;
      lastReport = e.report.step;
    } else if (e.type === 'notice') notices.push(`${e.level} ${e.code}: ${e.message}`);
  }, fetchBytes);
  await engine.handle({ type: 'configure', config });
  if (state === 'error' || (backend as BackendInfo | null)?.id !== config.backend) {
    return { backend, stepsRequested: steps, stepsDone: 0, metricsReports: 0, seconds: 0, before: memoryFigures(), after: memoryFigures(), reads: 0, notices };
  }
  const before = memoryFigures();
  const counter = countReads();
  const t0 = performance.now();
  try {
    await engine.handle({ type: 'step', n: steps });
    // The loop runs on; the last step records metrics, read asynchronously.
    while (performance.now() - t0 < timeoutMs) {
      await sleep(200);
      if (state === 'error') break;
      if (state === 'paused' && lastReport >= step && step > 0) break;
    }
    // Let a weight snapshot started after the last report finish.
    let prev = -1;
    for (let i = 0; i < 20 && tf.memory().numTensors !== prev; i++) {
      prev = tf.memory().numTensors;
      await sleep(250);
    }
  } finally {
    counter.stop();
  }
  const seconds = (performance.now() - t0) / 1000;
  const after = memoryFigures();
  await engine.handle({ type: 'pause' });
  return { backend, stepsRequested: steps, stepsDone: step, metricsReports: reports, seconds, before, after, reads: counter.count, notices };
}
