/**
 * Normalisation layers as the canonical recipes use them (docs/methods.md §6): batch
 * normalisation with train and eval modes and running statistics, and layer normalisation.
 *
 * Batch norm in training mode normalises with the batch's statistics (biased variance) and
 * moves the running ones towards them (momentum 0.1, the running variance from the unbiased
 * batch variance), as PyTorch's BatchNorm does; in eval mode it uses the running ones. The
 * updates of one step are collected by `RunningStats` and committed after the optimiser
 * step, outside the gradient tape, so an abandoned step changes nothing.
 *
 * ```ts
 * const bn = normInit(vars, stats, 'projector/bn0', 64, 'batch');
 * const y = applyNorm(x, bn, stats, true); // training: batch statistics, update recorded
 * stats.commit();                          // after the optimiser step
 * ```
 */
import * as tf from '@tensorflow/tfjs';
import { track, variableFrom } from './layers';

/** The normalisations a model can use. */
export const NORM_KINDS = ['none', 'batch', 'layer'] as const;
/** One normalisation kind. */
export type NormKind = (typeof NORM_KINDS)[number];

/** PyTorch's defaults. */
export const NORM_MOMENTUM = 0.1;
/** Added to the variance before the square root. */
export const NORM_EPS = 1e-5;

/** A batch- or layer-norm layer's weights and (batch norm) running statistics. */
export interface NormLayer {
  kind: 'batch' | 'layer';
  /** Per-channel scale and shift, or null without affine parameters. */
  gamma: tf.Variable | null;
  beta: tf.Variable | null;
  /** Batch norm only: running mean and variance [channels] (not trained). */
  runningMean: tf.Variable | null;
  runningVar: tf.Variable | null;
}

/**
 * The running-statistics updates of one training step, committed after the optimiser
 * step. Several forward passes in one step (two views) chain their updates, as they
 * would in PyTorch.
 */
export class RunningStats {
  private readonly pending = new Map<tf.Variable, tf.Tensor>();
  /** Every running-statistics variable, by stable name (they are saved in snapshots). */
  readonly buffers = new Map<string, tf.Variable>();

  /** The value a statistic has in this step so far: the last recorded update, else the variable. */
  current(v: tf.Variable): tf.Tensor {
    return this.pending.get(v) ?? v;
  }

  /** Records the statistic's next value (kept until commit or discard). */
  record(v: tf.Variable, next: tf.Tensor): void {
    const old = this.pending.get(v);
    this.pending.set(v, tf.keep(next));
    old?.dispose();
  }

  /** Makes the recorded values the running statistics; a non-finite update is dropped. */
  commit(): void {
    tf.tidy(() => {
      for (const [v, next] of this.pending) v.assign(tf.where(tf.all(tf.isFinite(next)), next, v));
    });
    this.discard();
  }

  /** Forgets the recorded values (a failed step). */
  discard(): void {
    for (const t of this.pending.values()) t.dispose();
    this.pending.clear();
  }
}

/** Creates a normalisation layer over `channels` features, or null for 'none'. */
export function normInit(vars: Map<string, tf.Variable>, stats: RunningStats, name: string, channels: number, kind: NormKind, opts: { affine?: boolean } = {}): NormLayer | null {
  if (kind === 'none') return null;
  const affine = opts.affine !== false;
  const gamma = affine ? track(vars, `${name}/gamma`, variableFrom(() => tf.ones([channels]), `${name}/gamma`)) : null;
  const beta = affine ? track(vars, `${name}/beta`, variableFrom(() => tf.zeros([channels]), `${name}/beta`)) : null;
  let runningMean: tf.Variable | null = null;
  let runningVar: tf.Variable | null = null;
  if (kind === 'batch') {
    runningMean = track(stats.buffers, `${name}/running_mean`, variableFrom(() => tf.zeros([channels]), `${name}/running_mean`, false));
    runningVar = track(stats.buffers, `${name}/running_var`, variableFrom(() => tf.ones([channels]), `${name}/running_var`, false));
  }
  return { kind, gamma, beta, runningMean, runningVar };
}

/**
 * Normalises `x` (channels last: [N, C] or NHWC). Batch norm: over every axis but the last,
 * with batch statistics when `training` (recording the running update in `stats`), else
 * with the running ones. Layer norm: over every axis but the first, per sample.
 */
export function applyNorm<T extends tf.Tensor>(x: T, layer: NormLayer | null, stats: RunningStats, training: boolean): T {
  if (!layer) return x;
  const rank = x.rank;
  let y: tf.Tensor;
  if (layer.kind === 'layer') {
    const axes = Array.from({ length: rank - 1 }, (_, i) => i + 1);
    const { mean, variance } = tf.moments(x, axes, true);
    y = tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, NORM_EPS)));
  } else {
    const axes = Array.from({ length: rank - 1 }, (_, i) => i);
    const runningMean = layer.runningMean!;
    const runningVar = layer.runningVar!;
    if (training) {
      const { mean, variance } = tf.moments(x, axes);
      const count = x.size / x.shape[rank - 1]!;
      const unbiased = tf.mul(variance, count / Math.max(1, count - 1));
      stats.record(runningMean, tf.add(tf.mul(stats.current(runningMean), 1 - NORM_MOMENTUM), tf.mul(mean, NORM_MOMENTUM)));
      stats.record(runningVar, tf.add(tf.mul(stats.current(runningVar), 1 - NORM_MOMENTUM), tf.mul(unbiased, NORM_MOMENTUM)));
      y = tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, NORM_EPS)));
    } else {
      y = tf.div(tf.sub(x, runningMean), tf.sqrt(tf.add(runningVar, NORM_EPS)));
    }
  }
  if (layer.gamma) y = tf.mul(y, layer.gamma);
  if (layer.beta) y = tf.add(y, layer.beta);
  return y as T;
}
