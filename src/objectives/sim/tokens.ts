/**
 * How ρSIM sees a block tensor as tokens, and how it samples them. A CNN block
 * (NHWC [B, H, W, C]) has H*W tokens per sample, id h*W + w (the same row-major order
 * as the authors' NCHW code); an MLP block ([B, C]) is one "sample" whose tokens are
 * the batch rows ([1, B, C]).
 */
import * as tf from '@tensorflow/tfjs';
import { differentiableGather, gatherByProduct } from '../../util/differentiableGather';
import type { Rng } from '../../util/rng';

/** The block tensor as tokens [B, T, C]: NHWC -> [B, H*W, C]; [B, C] -> [1, B, C]; [B, T, C] as is. */
export function toTokens(t: tf.Tensor): tf.Tensor3D {
  const s = t.shape;
  if (t.rank === 4) return tf.reshape(t, [s[0]!, s[1]! * s[2]!, s[3]!]);
  if (t.rank === 2) return tf.reshape(t, [1, s[0]!, s[1]!]);
  if (t.rank === 3) return t as tf.Tensor3D;
  throw new Error(`ρSIM expects a block tensor of rank 2, 3 or 4, got shape [${s.join(', ')}].`);
}

/** Tokens per sample T of a block tensor: H*W for NHWC, the batch size for [B, C]. */
export function tokenCount(t: tf.Tensor): number {
  const s = t.shape;
  if (t.rank === 4) return s[1]! * s[2]!;
  if (t.rank === 2) return s[0]!;
  if (t.rank === 3) return s[1]!;
  throw new Error(`ρSIM expects a block tensor of rank 2, 3 or 4, got shape [${s.join(', ')}].`);
}

/** n = floor(ratio * T), the number of sampled tokens. */
export function sampledTokenCount(ratio: number, total: number): number {
  return Math.min(total, Math.floor(ratio * total));
}

/** One random subset of n distinct token ids out of T, shared by the whole batch. */
export function drawTokenIds(rng: Rng, total: number, n: number): Int32Array {
  return rng.permutation(total).slice(0, n);
}

/**
 * tokens[:, ids] for tokens [B, T, C] -> [B, n, C], differentiable on every backend
 * (util/differentiableGather: a gather forward, a one-hot product backward).
 */
export function selectTokens(tokens: tf.Tensor3D, ids: Int32Array | readonly number[]): tf.Tensor3D {
  checkTokenIds(ids, tokens.shape[1]);
  return tf.tidy(() => differentiableGather(tokens, tf.tensor1d(Array.from(ids), 'int32'), 1));
}

/** tokens[:, ids] by a plain gather, for tokens no gradient flows back to (its gradient needs a kernel WASM lacks). */
export function gatherTokens(tokens: tf.Tensor3D, ids: Int32Array | readonly number[]): tf.Tensor3D {
  checkTokenIds(ids, tokens.shape[1]);
  return tf.tidy(() => tf.gather(tokens, tf.tensor1d(Array.from(ids), 'int32'), 1));
}

/** Throws unless every id is an integer token index below `t`. */
function checkTokenIds(ids: Int32Array | readonly number[], t: number): void {
  for (const id of ids) if (!Number.isInteger(id) || id < 0 || id >= t) throw new Error(`Token id ${id} is outside 0..${t - 1}.`);
}

/** tokens[:, ids] as the one-hot product forward too (util/gatherByProduct), for tests on any backend. */
export function selectTokensByProduct(tokens: tf.Tensor3D, ids: Int32Array | readonly number[]): tf.Tensor3D {
  checkTokenIds(ids, tokens.shape[1]);
  return tf.tidy(() => gatherByProduct(tokens, tf.tensor1d(Array.from(ids), 'int32'), 1));
}
