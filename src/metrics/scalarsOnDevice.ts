/**
 * The scalar collapse metrics of docs/methods.md §7 as tfjs ops, so they reduce on the
 * backend to one number each instead of reading the `[N, D]` embeddings back: the
 * portable composition behind src/kernels/collapseScalars (whose WGSL kernel fuses them
 * on webgpu) and device twins of `l2NormalizeRows` (./normalizeRows.ts), `stdOfNormalized` (./stdNormalized.ts),
 * `alignment` and `uniformity` (./alignmentUniformity.ts), same formulas, in float32.
 * The CPU functions stay the reference; ./scalarsOnDevice.test.ts checks these against them.
 * Sums over a whole matrix go row by row, then over the row sums: a backend that reduces
 * sequentially in float32 (wasm) would otherwise lose about N^2 2^-24 of uniformity's
 * N^2 / 2 pair terms, for N = 256 already 1e-4.
 */
import * as tf from '@tensorflow/tfjs';
import { NORMALIZE_EPS } from './normalizeRows';

/** `z / max(||z_i||, 1e-12)` row by row, as `l2NormalizeRows`. */
export function l2NormalizeRowsOp(z: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.div(z, tf.maximum(tf.norm(z, 'euclidean', 1, true), NORMALIZE_EPS)));
}

/** `mean_j std_i u_ij` with the unbiased std, of rows already L2-normalised (NaN for n < 2), as `stdOfNormalized`. */
export function stdOfNormalizedOp(normalized: tf.Tensor2D): tf.Scalar {
  const n = normalized.shape[0];
  return tf.tidy(() => {
    const centred = tf.sub(normalized, tf.mean(normalized, 0, true));
    return tf.mean(tf.sqrt(tf.div(tf.sum(tf.square(centred), 0), n - 1)));
  });
}

/** `mean_i ||u1_i - u2_i||^2` of two views with rows already L2-normalised, as `alignment`. */
export function alignmentOp(normalized1: tf.Tensor2D, normalized2: tf.Tensor2D): tf.Scalar {
  const n = normalized1.shape[0];
  return tf.tidy(() => tf.div(sumByRows(tf.squaredDifference(normalized1, normalized2)), n));
}

/**
 * `log mean_{i<j} exp(-2 ||u_i - u_j||^2)` over the distinct pairs of rows already
 * L2-normalised, squared distances from the Gram matrix clamped at 0, as `uniformity`.
 */
export function uniformityOp(normalized: tf.Tensor2D): tf.Scalar {
  const n = normalized.shape[0];
  return tf.tidy(() => {
    const squaredNorms = tf.sum(tf.square(normalized), 1);
    const gram = tf.matMul(normalized, normalized, false, true);
    const distances = tf.relu(tf.sub(tf.add(tf.reshape(squaredNorms, [n, 1]), tf.reshape(squaredNorms, [1, n])), tf.mul(gram, 2)));
    const rows = tf.reshape(tf.range(0, n, 1, 'int32'), [n, 1]);
    const cols = tf.reshape(tf.range(0, n, 1, 'int32'), [1, n]);
    const pairs = tf.where(tf.greater(cols, rows), tf.exp(tf.mul(distances, -2)), tf.zerosLike(distances));
    return tf.log(tf.div(sumByRows(pairs as tf.Tensor2D), (n * (n - 1)) / 2)) as tf.Scalar;
  });
}

/** The sum of every entry of a matrix, row sums first (shorter float32 accumulations). */
function sumByRows(x: tf.Tensor2D): tf.Scalar {
  return tf.sum(tf.sum(x, 1));
}
