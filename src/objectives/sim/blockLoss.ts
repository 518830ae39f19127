/**
 * The ρSIM loss of one block (spec section 1): predict a latent projection of the
 * block's (stop-gradient) input from its output, on a random subset of tokens.
 */
import * as tf from '@tensorflow/tfjs';
import { stopGradient } from '../../util/stopGradient';
import { applyLinear, applyProjector, type SimHeads } from './heads';
import { normalizedEuclideanDistance } from './normalizedDistance';
import { selectTokens, toTokens } from './tokens';

/** One block's loss (beta * d) and its distance d. */
export interface SimBlockResult {
  loss: tf.Scalar;
  distance: tf.Scalar;
}

/**
 * Target T = sg(proj(sg(x)[:, ids])), prediction P = pred(proj(pre(y[:, ids]))),
 * d = normalizedEuclideanDistance(P, T), loss = beta * d. `x` and `y` are the block's
 * input and output (NHWC, [B, C] with the batch as token axis, or tokens [B, T, C]);
 * `tokenIds` are shared by the batch and need at least two entries. With `probeOnly` the
 * output is detached too: the heads learn, the network gets no gradient (the control).
 */
export function simBlockLoss(x: tf.Tensor, y: tf.Tensor, heads: SimHeads, tokenIds: Int32Array | readonly number[], beta: number, probeOnly = false): SimBlockResult {
  const xs = stopGradient(selectTokens(toTokens(x), tokenIds));
  const selected = selectTokens(toTokens(y), tokenIds);
  const ys = probeOnly ? stopGradient(selected) : selected;
  const target = stopGradient(applyProjector(xs, heads));
  const pre = heads.pre ? applyLinear(ys, heads.pre) : ys;
  const prediction = applyLinear(applyProjector(pre, heads), heads.pred);
  const distance = normalizedEuclideanDistance(prediction, target);
  return { loss: tf.mul(distance, beta), distance };
}
