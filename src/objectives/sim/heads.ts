/**
 * The per-block heads of ρSIM: an optional pre-projection (C_out -> C_in, no bias), one
 * shared projector (C_in -> 256 -> 128 -> 128, ReLU between) used by both branches, and a
 * predictor (128 -> 128). Plain tensors, weights laid out [in, out].
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../util/rng';

/** Hidden width of the projector. */
export const SIM_HIDDEN = 256;
/** Width of the latent space where the distance is measured. */
export const SIM_LATENT = 128;

/** One linear layer: x W + b, W [in, out], b [out] or none. */
export interface SimLinear {
  w: tf.Tensor2D;
  b: tf.Tensor1D | null;
}

/** The heads of one block. */
export interface SimHeads {
  /** C_out -> C_in without bias, only when the block changes the channel count. */
  pre: SimLinear | null;
  /** The shared projector's three layers. */
  proj: readonly [SimLinear, SimLinear, SimLinear];
  pred: SimLinear;
}

/**
 * One linear layer on rows [R, C_in] -> [R, C_out], with the ReLU after it when `relu`: one
 * fused op (matrix product, bias and activation) forward and its gradient backward, where
 * separate ops would each be dispatched and kept for backprop.
 */
function linearRows(x: tf.Tensor2D, layer: SimLinear, relu: boolean): tf.Tensor2D {
  return tf.fused.matMul({ a: x, b: layer.w, bias: layer.b ?? undefined, activation: relu ? 'relu' : 'linear' }) as tf.Tensor2D;
}

/** Runs `f` on tokens [B, n, C] as rows [B*n, C] and gives its result back as tokens [B, n, C_out]. */
function onRows(x: tf.Tensor3D, f: (rows: tf.Tensor2D) => tf.Tensor2D): tf.Tensor3D {
  const [b, n, c] = x.shape;
  const y = f(tf.reshape(x, [b * n, c]));
  return tf.reshape(y, [b, n, y.shape[1]]);
}

/** The shared projector on rows: Linear ReLU Linear ReLU Linear. */
function projectRows(x: tf.Tensor2D, heads: SimHeads): tf.Tensor2D {
  const [l0, l1, l2] = heads.proj;
  return linearRows(linearRows(linearRows(x, l0, true), l1, true), l2, false);
}

/** Applies one linear layer to tokens [B, n, C_in] -> [B, n, C_out]. */
export function applyLinear(x: tf.Tensor3D, layer: SimLinear): tf.Tensor3D {
  return onRows(x, (rows) => linearRows(rows, layer, false));
}

/** The shared projector: Linear ReLU Linear ReLU Linear, on tokens [B, n, C_in] -> [B, n, 128]. */
export function applyProjector(x: tf.Tensor3D, heads: SimHeads): tf.Tensor3D {
  return onRows(x, (rows) => projectRows(rows, heads));
}

/** The prediction branch pred(proj(pre(y))) on tokens [B, n, C_out] -> [B, n, 128] (pre only when the block changes width). */
export function applyPrediction(y: tf.Tensor3D, heads: SimHeads): tf.Tensor3D {
  return onRows(y, (rows) => linearRows(projectRows(heads.pre ? linearRows(rows, heads.pre, false) : rows, heads), heads.pred, false));
}

/** A linear layer initialised like PyTorch's default: uniform in ±1/sqrt(fan_in), seeded. */
function initLinear(fanIn: number, fanOut: number, bias: boolean, rng: Rng, out: tf.Variable[]): SimLinear {
  const bound = 1 / Math.sqrt(fanIn);
  // tidy frees the initial value; the variable keeps its own reference to the data.
  const w = tf.tidy(() => tf.variable(tf.randomUniform([fanIn, fanOut], -bound, bound, 'float32', rng.tfSeed()), true)) as tf.Variable<tf.Rank.R2>;
  out.push(w);
  if (!bias) return { w, b: null };
  const b = tf.tidy(() => tf.variable(tf.randomUniform([fanOut], -bound, bound, 'float32', rng.tfSeed()), true)) as tf.Variable<tf.Rank.R1>;
  out.push(b);
  return { w, b };
}

/** Creates trainable heads for a block with `channelsIn` -> `channelsOut`; `variables` lists every tensor created. */
export function createSimHeads(channelsIn: number, channelsOut: number, rng: Rng): { heads: SimHeads; variables: tf.Variable[] } {
  const variables: tf.Variable[] = [];
  const pre = channelsOut !== channelsIn ? initLinear(channelsOut, channelsIn, false, rng, variables) : null;
  const proj = [
    initLinear(channelsIn, SIM_HIDDEN, true, rng, variables),
    initLinear(SIM_HIDDEN, SIM_LATENT, true, rng, variables),
    initLinear(SIM_LATENT, SIM_LATENT, true, rng, variables),
  ] as const;
  const pred = initLinear(SIM_LATENT, SIM_LATENT, true, rng, variables);
  return { heads: { pre, proj, pred }, variables };
}
