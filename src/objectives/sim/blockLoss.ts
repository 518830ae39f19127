/**
 * The ρSIM loss of one block (docs/methods.md §1): predict a latent projection of the
 * block's (stop-gradient) input from its output, on a random subset of tokens.
 */
import * as tf from '@tensorflow/tfjs';
import { applyLinear, applyProjector, type SimHeads } from './heads';
import { normalizedEuclideanDistance } from './normalizedDistance';
import { offTape } from './offTape';
import { gatherTokens, selectTokens, toTokens } from './tokens';

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
  // The target branch is stop-gradient as a whole: computed off the tape, so backprop
  // neither runs its projector on zeros nor scatters zeros back into the block input.
  const target = offTape(x, () => applyProjector(gatherTokens(toTokens(x), tokenIds), heads));
  const ys = probeOnly ? offTape(y, () => gatherTokens(toTokens(y), tokenIds)) : selectTokens(toTokens(y), tokenIds);
  const pre = heads.pre ? applyLinear(ys, heads.pre) : ys;
  const prediction = applyLinear(applyProjector(pre, heads), heads.pred);
  const distance = normalizedEuclideanDistance(prediction, target);
  return { loss: tf.mul(distance, beta), distance };
}
