/**
 * ρSIM's distance between predicted and target token latents (docs/methods.md §1): each
 * channel is standardised over the token axis per sample, then the per-token L2 norms
 * of the difference are averaged.
 */
import * as tf from '@tensorflow/tfjs';

/** Added to the std's denominator, as in the authors' code. */
const STD_EPS = 1e-6;

/**
 * Float32 guard inside the square roots (variance and norm), so that a channel that is
 * constant over the sampled tokens, or a token whose difference is exactly zero, gets a
 * finite gradient instead of 0 * inf. It moves values by at most ~1e-6.
 */
const SQRT_GUARD = 1e-12;

/**
 * S(a) = (a - mean_tokens(a)) / (std_tokens_unbiased(a) + 1e-6), per sample and channel,
 * for `a` of shape [B, n, C] (tokens on axis 1, n >= 2).
 */
export function standardizeTokens(a: tf.Tensor3D): tf.Tensor3D {
  const n = a.shape[1];
  const { mean, variance } = tf.moments(a, 1, true);
  const unbiasedVariance = tf.mul(variance, n / (n - 1));
  const std = tf.sqrt(tf.add(unbiasedVariance, SQRT_GUARD));
  return tf.div(tf.sub(a, mean), tf.add(std, STD_EPS));
}

/**
 * d(a, b) = mean over (B, n) of || S(a) - S(b) ||_2 over channels (not squared),
 * for `a`, `b` of shape [B, n, C].
 */
export function normalizedEuclideanDistance(a: tf.Tensor3D, b: tf.Tensor3D): tf.Scalar {
  return distanceToStandardized(a, standardizeTokens(b));
}

/**
 * The same distance when the second side is given already standardised (`sb` = S(b)): a
 * stop-gradient target can be standardised off the gradient tape, where it belongs.
 */
export function distanceToStandardized(a: tf.Tensor3D, sb: tf.Tensor3D): tf.Scalar {
  const diff = tf.sub(standardizeTokens(a), sb);
  const norms = tf.sqrt(tf.add(tf.sum(tf.square(diff), -1), SQRT_GUARD));
  return tf.mean(norms) as tf.Scalar;
}
