/**
 * Row-wise L2 normalisation `z_i / max(||z_i||, 1e-12)`, as PyTorch's F.normalize.
 * Differentiable: its Jacobian projects out the radial direction of each row.
 */
import * as tf from '@tensorflow/tfjs';

/** Each row of `z` [N, D] scaled to unit Euclidean norm (zero rows stay zero). */
export function normalizeRows(z: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const sq = tf.sum(tf.square(z), 1, true);
    return tf.mul(z, tf.rsqrt(tf.maximum(sq, 1e-24))) as tf.Tensor2D;
  });
}
