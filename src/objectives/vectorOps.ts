/** Small tensor helpers shared by the loss terms. */
import * as tf from '@tensorflow/tfjs';

/**
 * Rows scaled to unit L2 norm, as torch's F.normalize: z / max(|z|, eps). The norm is taken
 * as sqrt(max(|z|², eps²)), the same value, so that a zero row has a finite gradient (torch's:
 * dy / eps) instead of the NaN of the square root's gradient at 0 times 0.
 */
export function l2NormalizeRows(z: tf.Tensor2D, eps = 1e-12): tf.Tensor2D {
  const norm = tf.sqrt(tf.maximum(tf.sum(tf.square(z), 1, true), eps * eps));
  return tf.div(z, norm);
}

/** Mean over rows of the cosine similarity between matching rows of a and b. */
export function meanCosine(a: tf.Tensor2D, b: tf.Tensor2D): tf.Scalar {
  return tf.mean(tf.sum(tf.mul(l2NormalizeRows(a), l2NormalizeRows(b)), 1)) as tf.Scalar;
}

/** Sum of squares of the off-diagonal entries of a square matrix. */
export function offDiagonalSquaredSum(m: tf.Tensor2D): tf.Scalar {
  const d = m.shape[0];
  const mask = tf.sub(1, tf.eye(d));
  return tf.sum(tf.mul(tf.square(m), mask)) as tf.Scalar;
}
