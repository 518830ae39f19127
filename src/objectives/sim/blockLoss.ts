/**
 * The ρSIM loss of one block (docs/methods.md §1): predict a latent projection of the
 * block's (stop-gradient) input from its output, on a random subset of tokens.
 */
import * as tf from '@tensorflow/tfjs';
import { applyPrediction, applyProjector, type SimHeads } from './heads';
import { distanceToStandardized, standardizeTokens } from './normalizedDistance';
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
  // The target branch is stop-gradient as a whole (selection, projector, standardisation):
  // computed off the tape, so backprop neither runs it on zeros nor scatters zeros back
  // through the token selection into the block input.
  const target = offTape(x, () => standardizeTokens(applyProjector(gatherTokens(toTokens(x), tokenIds), heads)));
  const ys = probeOnly ? offTape(y, () => gatherTokens(toTokens(y), tokenIds)) : selectTokens(toTokens(y), tokenIds);
  const distance = distanceToStandardized(applyPrediction(ys, heads), target);
  return { loss: tf.mul(distance, beta), distance };
}
