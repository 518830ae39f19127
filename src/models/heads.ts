/**
 * Heads shared by both backbones, shaped as the canonical recipes (docs/methods.md §6):
 * the projector (features -> embedding z: Linear-[norm]-ReLU, then a Linear without a
 * trained bias, as SimSiam (frozen bias before its output batch norm), BYOL, VICReg, Barlow
 * Twins and CorInfoMax all end), the predictor (z -> z, SimSiam's bottleneck
 * Linear-[norm]-ReLU-Linear of hidden width D/4, also used for BYOL, whose published predictor
 * is as wide as its projector: a simplification for small runs) and the classifier (features
 * -> logits, one Linear).
 */
import type * as tf from '@tensorflow/tfjs';
import * as tfn from '@tensorflow/tfjs';
import type { Rng } from '../util/rng';
import { dense, denseInit, type DenseWeights } from './layers';
import { applyNorm, normInit, type NormKind, type NormLayer, type RunningStats } from './normalization';

/** Weights of the three heads. */
export interface Heads {
  proj1: DenseWeights;
  projNorm: NormLayer | null;
  proj2: DenseWeights;
  pred1: DenseWeights;
  predNorm: NormLayer | null;
  pred2: DenseWeights;
  cls: DenseWeights;
}

/** Hidden width of the projector for embeddings of width `d`. */
export function projectorHidden(d: number): number {
  return Math.max(64, 2 * d);
}

/** Hidden (bottleneck) width of the predictor for embeddings of width `d`: D/4, at least 8. */
export function predictorHidden(d: number): number {
  return Math.max(8, Math.floor(d / 4));
}

/** Creates the heads for features of width `f`, embeddings of width `d`, `classes` outputs; `norm` in the hidden layers. */
export function createHeads(vars: Map<string, tf.Variable>, stats: RunningStats, f: number, d: number, classes: number, norm: NormKind, rng: Rng): Heads {
  const hidden = projectorHidden(d);
  const predHidden = predictorHidden(d);
  // A normalised hidden layer needs no bias (the norm's shift takes its place).
  const hiddenBias = norm === 'none';
  return {
    proj1: denseInit(vars, 'projector/0', f, hidden, rng, { bias: hiddenBias }),
    projNorm: normInit(vars, stats, 'projector/norm0', hidden, norm),
    proj2: denseInit(vars, 'projector/1', hidden, d, rng, { gain: 1 / Math.SQRT2, bias: false }),
    pred1: denseInit(vars, 'predictor/0', d, predHidden, rng, { bias: hiddenBias }),
    predNorm: normInit(vars, stats, 'predictor/norm0', predHidden, norm),
    pred2: denseInit(vars, 'predictor/1', predHidden, d, rng, { gain: 1 / Math.SQRT2 }),
    cls: denseInit(vars, 'classifier', f, classes, rng, { gain: 1 / Math.SQRT2 }),
  };
}

/** Projector: Linear-[norm]-ReLU-Linear (no bias on the last layer). */
export function project(h: Heads, features: tf.Tensor2D, stats: RunningStats, training: boolean): tf.Tensor2D {
  return dense(tfn.relu(applyNorm(dense(features, h.proj1), h.projNorm, stats, training)), h.proj2);
}

/** Predictor: a bottleneck Linear-[norm]-ReLU-Linear. */
export function predict(h: Heads, z: tf.Tensor2D, stats: RunningStats, training: boolean): tf.Tensor2D {
  return dense(tfn.relu(applyNorm(dense(z, h.pred1), h.predNorm, stats, training)), h.pred2);
}

/** Classifier: one Linear layer. */
export function classify(h: Heads, features: tf.Tensor2D): tf.Tensor2D {
  return dense(features, h.cls);
}
