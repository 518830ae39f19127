/**
 * `Z^T Z / N = C + mu mu^T` (C the centred 1/N covariance, mu the column means) as a
 * tensor, rotated so that float32 keeps its small eigenvalues: with the Householder
 * reflection H that maps mu onto the first axis (H mu = -+|mu| e_1, H = H^T = H^-1),
 *
 *   H (C + mu mu^T) H = H C H + |mu|^2 e_1 e_1^T,
 *
 * which has the same eigenvalues. The huge rank-one part of a collapsed run (a large
 * common mean, a tiny spread) then occupies the corner entry alone, and every other
 * entry is of the size of C, so its rounding and the eigen-solver's (the WGSL
 * tridiagonalisation reduces the trailing block without touching entry (0, 0)) stay
 * relative to ||C|| rather than to |mu|^2. Composed from tfjs ops, on any backend: the
 * fallback of src/kernels/secondMoment, whose WGSL kernel does the same in one workgroup.
 */
import * as tf from '@tensorflow/tfjs';

/**
 * A `[D, D]` symmetric matrix with the eigenvalues of `C + mu mu^T`, from the centred
 * covariance `c` `[D, D]` and the column means `mean` `[D]` (see the file comment).
 */
export function uncentredGramOverN(c: tf.Tensor2D, mean: tf.Tensor1D): tf.Tensor2D {
  const d = mean.shape[0];
  return tf.tidy(() => {
    const norm2 = tf.sum(tf.square(mean));
    if (d === 1) return tf.add(c, norm2) as tf.Tensor2D;
    const mu = tf.reshape(mean, [d, 1]);
    // v = mu + sign(mu_0) |mu| e_1 (no cancellation), H = I - beta v v^T, beta = 2 / v^T v (0 when mu = 0).
    const first = tf.slice(mu, [0, 0], [1, 1]);
    const sign = tf.where(tf.less(first, 0), tf.fill([1, 1], -1), tf.fill([1, 1], 1));
    const v = tf.concat([tf.add(first, tf.mul(sign, tf.sqrt(norm2))), tf.slice(mu, [1, 0], [d - 1, 1])], 0);
    const vv = tf.sum(tf.square(v));
    const beta = tf.where(tf.greater(vv, 0), tf.div(2, tf.maximum(vv, 1e-38)), tf.zerosLike(vv));
    // H C H = C - beta (v w^T + w v^T) + beta^2 (v^T w) v v^T with w = C v.
    const w = tf.matMul(c, v);
    const vw = tf.add(tf.matMul(v, w, false, true), tf.matMul(w, v, false, true));
    const vvT = tf.matMul(v, v, false, true);
    const hch = tf.add(tf.sub(c, tf.mul(beta, vw)), tf.mul(tf.mul(tf.square(beta), tf.sum(tf.mul(v, w))), vvT));
    const corner = tf.pad(tf.reshape(norm2, [1, 1]), [[0, d - 1], [0, d - 1]]);
    return tf.add(hch, corner) as tf.Tensor2D;
  });
}
