/**
 * Heads shared by both backbones: the projector (features -> embedding z), the
 * SimSiam-style predictor (z -> z) and the classifier (features -> logits).
 */
import type * as tf from '@tensorflow/tfjs';
import * as tfn from '@tensorflow/tfjs';
import type { Rng } from '../util/rng';
import { dense, denseInit, type DenseWeights } from './layers';

/** Weights of the three heads. */
export interface Heads {
  proj1: DenseWeights;
  proj2: DenseWeights;
  pred1: DenseWeights;
  pred2: DenseWeights;
  cls: DenseWeights;
}

/** Creates the heads for features of width `f`, embeddings of width `d`, `classes` outputs. */
export function createHeads(vars: Map<string, tf.Variable>, f: number, d: number, classes: number, rng: Rng): Heads {
  const hidden = Math.max(64, 2 * d);
  const predHidden = Math.max(16, Math.floor(d / 2));
  return {
    proj1: denseInit(vars, 'projector/0', f, hidden, rng),
    proj2: denseInit(vars, 'projector/1', hidden, d, rng, { gain: 1 / Math.SQRT2 }),
    pred1: denseInit(vars, 'predictor/0', d, predHidden, rng),
    pred2: denseInit(vars, 'predictor/1', predHidden, d, rng, { gain: 1 / Math.SQRT2 }),
    cls: denseInit(vars, 'classifier', f, classes, rng, { gain: 1 / Math.SQRT2 }),
  };
}

/** Projector: Linear-ReLU-Linear (no BatchNorm, as CorInfoMax asks). */
export function project(h: Heads, features: tf.Tensor2D): tf.Tensor2D {
  return dense(tfn.relu(dense(features, h.proj1)), h.proj2);
}

/** Predictor: a bottleneck Linear-ReLU-Linear. */
export function predict(h: Heads, z: tf.Tensor2D): tf.Tensor2D {
  return dense(tfn.relu(dense(z, h.pred1)), h.pred2);
}

/** Classifier: one Linear layer. */
export function classify(h: Heads, features: tf.Tensor2D): tf.Tensor2D {
  return dense(features, h.cls);
}
