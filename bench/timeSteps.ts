/**
 * Times training steps of one or more configs on the active backend, interleaved (step
 * of config 0, step of config 1, ..., repeat), so that load from other processes hits
 * every config alike and their ratio (a method's overhead) stays meaningful. One step is
 * Trainer.trainStep then waitForGpu, as the engine's loop does; off WebGPU a drain follows
 * (one scalar read, outside the read counter, inside the step's time) so that no queued
 * work spills into the next config's step. Reads are counted per config; warm-up steps
 * (shader compilation, buffer pools, lazy optimiser state) are excluded from every figure.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendChoice } from '../src/backend/chooseBackend';
import { waitForGpu } from '../src/backend/waitForGpu';
import type { RunConfig } from '../src/config';
import { readMetrics } from '../src/metricsReader';
import { Trainer } from '../src/trainer';
import { loadDataset } from './datasets';
import { drain } from './gpuSync';
import { median } from '../test/support/median';
import { countReads } from '../test/support/readCounter';

/** How many steps to run per config. */
export interface StepPlan {
  /** Untimed steps first (shader compilation, buffer pools, lazy optimiser state). */
  warmup: number;
  /** Timed steps at most. */
  steps: number;
  /** Timed steps at least, whatever the budget. */
  minSteps: number;
  /** Wall-time budget of the timed steps, judged from the last warm-up round (ms). */
  budgetMs: number;
  /** Also run one metrics step with evaluation per config and count its reads. */
  metricsStep: boolean;
}

/** What one config's timing measured. */
export interface StepTiming {
  /** Timed steps (after warm-up). */
  steps: number;
  /** Median of the per-step times, ms: the robust figure. */
  medianMs: number;
  /** Mean of the per-step times, ms. */
  meanMs: number;
  /** Fastest step, ms. */
  minMs: number;
  /** Reads during the timed (non-metrics) steps, per step: the goal is 0. */
  readsPerStep: number;
  /** Reads made by one metrics step: trainStep(record) + evaluation + the metrics read; null when not run. */
  readsPerMetricsStep: number | null;
  /** The slowest warm-up step, ms (the first one includes shader compilation). */
  warmupMs: number;
  /** Reads by method name over the timed steps. */
  readsByMethod: Record<string, number>;
  /** Change in tensor count across the timed steps of all configs together (0: nothing kept per step). */
  tensorDelta: number;
}

/** One weight of the run, read to wait for its queue. */
function anyWeight(trainer: Trainer): tf.Tensor {
  const first = trainer.model.variables.values().next();
  if (first.done) throw new Error('The model has no variables.');
  return first.value;
}

/**
 * One non-metrics step as the engine runs it; returns its wall time in ms. On WebGPU
 * waitForGpu already waits for the queue; elsewhere (WebGL queues work too) a drain follows.
 */
async function timedStep(trainer: Trainer, backend: BackendChoice, reads: Record<string, number>): Promise<number> {
  const t0 = performance.now();
  const counter = countReads();
  try {
    trainer.trainStep(false);
    await waitForGpu(backend);
  } finally {
    counter.stop();
  }
  for (const [name, n] of Object.entries(counter.byMethod)) reads[name] = (reads[name] ?? 0) + n;
  if (backend.info.id !== 'webgpu') await drain(anyWeight(trainer));
  return performance.now() - t0;
}

/** Builds a Trainer per config on `backend` (the active one), runs the plan interleaved, disposes them. */
export async function timeSteps(configs: RunConfig[], plan: StepPlan, backend: BackendChoice): Promise<StepTiming[]> {
  const trainers: Trainer[] = [];
  try {
    for (const config of configs) trainers.push(new Trainer(config, await loadDataset(config.dataset, config.seed)));
    const sink: Record<string, number> = {};
    const warmupMs = trainers.map(() => 0);
    let roundMs = 0;
    for (let i = 0; i < plan.warmup; i++) {
      roundMs = 0;
      for (const [k, t] of trainers.entries()) {
        const ms = await timedStep(t, backend, sink);
        warmupMs[k] = Math.max(warmupMs[k]!, ms);
        roundMs += ms;
      }
    }
    const steps = Math.max(plan.minSteps, Math.min(plan.steps, Math.floor(plan.budgetMs / Math.max(roundMs, 1))));
    const times = trainers.map((): number[] => []);
    const reads = trainers.map((): Record<string, number> => ({}));
    const totalTensors0 = tf.memory().numTensors;
    for (let i = 0; i < steps; i++) {
      for (const [k, t] of trainers.entries()) times[k]!.push(await timedStep(t, backend, reads[k]!));
    }
    // tfjs counts tensors globally: the delta is over all configs together.
    const tensorDelta = tf.memory().numTensors - totalTensors0;
    const out: StepTiming[] = [];
    for (const [k, trainer] of trainers.entries()) {
      let readsPerMetricsStep: number | null = null;
      if (plan.metricsStep) {
        // One metrics step as the engine does it on its first report (with evaluation).
        const metricsCounter = countReads();
        try {
          const rec = trainer.trainStep(true);
          if (rec) await readMetrics(rec, trainer.evaluate(), configs[k]!.task);
        } finally {
          metricsCounter.stop();
        }
        readsPerMetricsStep = metricsCounter.count;
      }
      const t = times[k]!;
      const readCount = Object.values(reads[k]!).reduce((a, b) => a + b, 0);
      out.push({
        steps: t.length,
        medianMs: median(t),
        meanMs: t.reduce((a, b) => a + b, 0) / Math.max(t.length, 1),
        minMs: Math.min(...t),
        readsPerStep: readCount / Math.max(t.length, 1),
        readsPerMetricsStep,
        warmupMs: warmupMs[k]!,
        readsByMethod: reads[k]!,
        tensorDelta,
      });
    }
    return out;
  } finally {
    for (const t of trainers) t.dispose();
  }
}
