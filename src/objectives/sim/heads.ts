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

/** Applies one linear layer to tokens [B, n, C_in] -> [B, n, C_out]. */
export function applyLinear(x: tf.Tensor3D, layer: SimLinear): tf.Tensor3D {
  const [b, n, c] = x.shape;
  let y: tf.Tensor2D = tf.matMul(tf.reshape(x, [b * n, c]), layer.w);
  if (layer.b) y = tf.add(y, layer.b);
  return tf.reshape(y, [b, n, layer.w.shape[1]]);
}

/** The shared projector: Linear ReLU Linear ReLU Linear. */
export function applyProjector(x: tf.Tensor3D, heads: SimHeads): tf.Tensor3D {
  const [l0, l1, l2] = heads.proj;
  return applyLinear(tf.relu(applyLinear(tf.relu(applyLinear(x, l0)), l1)), l2);
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
