/**
 * Times training steps of one config on the active backend, the way the engine runs
 * them (Trainer.trainStep then the engine's yield), and counts the reads they make.
 * Warm-up steps (shader compilation, buffer pools) are excluded from every figure.
 */
import * as tf from '@tensorflow/tfjs';
import type { RunConfig } from '../config';
import { readMetrics } from '../metricsReader';
import { Trainer } from '../trainer';
import { loadDataset } from './datasets';
import { drain, yieldLikeEngine } from './gpuSync';
import { countReads } from './readCounter';

/** How many steps to run. */
export interface StepPlan {
  warmup: number;
  steps: number;
}

/** What one timing run measured. */
export interface StepTiming {
  /** Timed steps (after warm-up). */
  steps: number;
  /** Wall time of the timed steps, including one final wait for the backend, per step (ms). */
  msPerStep: number;
  /** Median of the per-step times (trainStep + the engine's yield), ms. */
  medianMs: number;
  /** Reads during the timed (non-metrics) steps, per step: the goal is 0. */
  readsPerStep: number;
  /** Reads made by one metrics step: trainStep(record) + evaluation + the metrics read. */
  readsPerMetricsStep: number;
  /** Reads by method name over the timed steps. */
  readsByMethod: Record<string, number>;
  /** Change in tensor count across the timed steps (0: nothing kept per step). */
  tensorDelta: number;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** One weight of the run, read to wait for the queue. */
function anyWeight(trainer: Trainer): tf.Tensor {
  const first = trainer.model.variables.values().next();
  if (first.done) throw new Error('The model has no variables.');
  return first.value;
}

/** Builds a Trainer for `config` on the active backend, runs the plan, disposes it. */
export async function timeSteps(config: RunConfig, plan: StepPlan): Promise<StepTiming> {
  const dataset = await loadDataset(config.dataset, config.seed);
  const trainer = new Trainer(config, dataset);
  try {
    for (let i = 0; i < plan.warmup; i++) {
      trainer.trainStep(false);
      await yieldLikeEngine();
    }
    await drain(anyWeight(trainer));
    const tensorsBefore = tf.memory().numTensors;
    const counter = countReads();
    const times: number[] = [];
    const t0 = performance.now();
    try {
      for (let i = 0; i < plan.steps; i++) {
        const s = performance.now();
        trainer.trainStep(false);
        await yieldLikeEngine();
        times.push(performance.now() - s);
      }
    } finally {
      counter.stop();
    }
    await drain(anyWeight(trainer));
    const total = performance.now() - t0;
    const tensorDelta = tf.memory().numTensors - tensorsBefore;
    const readsByMethod = { ...counter.byMethod };
    const readsPerStep = counter.count / Math.max(plan.steps, 1);

    // One metrics step as the engine does it on its first report (with evaluation).
    const metricsCounter = countReads();
    try {
      const rec = trainer.trainStep(true);
      if (rec) await readMetrics(rec, trainer.evaluate(), config.task);
    } finally {
      metricsCounter.stop();
    }
    return {
      steps: plan.steps,
      msPerStep: total / Math.max(plan.steps, 1),
      medianMs: median(times),
      readsPerStep,
      readsPerMetricsStep: metricsCounter.count,
      readsByMethod,
      tensorDelta,
    };
  } finally {
    trainer.dispose();
  }
}
