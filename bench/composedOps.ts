/**
 * The project's custom kernels written as compositions of stock tfjs ops: the baseline a
 * WGSL kernel has to beat (besides reading back to the CPU). tfjs 4.22 has no Cholesky,
 * triangular solve or eigen-solver, so the log det and the inverse run a column-by-column
 * Cholesky (one batch of ops per column) and a row-by-row forward substitution. The
 * eigenvalues have no practical composition: `qrOnce` times a single tf.linalg.qr, a
 * lower bound for any QR-algorithm eigen-solver (which needs on the order of D of them).
 */
import * as tf from '@tensorflow/tfjs';

/** Lower Cholesky factor L of an SPD [D, D] matrix (A = L L^T), one column per iteration. */
export function choleskyComposed(a: tf.Tensor2D): tf.Tensor2D {
  const d = a.shape[0];
  return tf.tidy(() => {
    const eye = tf.eye(d);
    // lowerOnes[i][j] = 1 where i >= j: column j masks the rows at and below j.
    const lowerOnes = tf.linalg.bandPart(tf.ones([d, d]), -1, 0);
    let l = tf.zeros([d, d]) as tf.Tensor2D;
    for (let j = 0; j < d; j++) {
      const next = tf.tidy(() => {
        // Left-looking: v = A[:, j] - L[:, :j] L[j, :j]^T (columns >= j of L are still zero).
        const v = tf.sub(tf.slice(a, [0, j], [d, 1]), tf.matMul(l, tf.slice(l, [j, 0], [1, d]), false, true));
        const col = tf.mul(tf.div(v, tf.sqrt(tf.slice(v, [j, 0], [1, 1]))), tf.slice(lowerOnes, [0, j], [d, 1]));
        return tf.add(l, tf.mul(col, tf.slice(eye, [j, 0], [1, d]))) as tf.Tensor2D;
      });
      l.dispose();
      l = next;
    }
    return l;
  });
}

/** The diagonal of a square matrix, [D]. */
function diagonal(m: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.sum(tf.mul(m, tf.eye(m.shape[0])), 1));
}

/** log det(A) of an SPD matrix: 2 sum(log diag L). */
export function logdetComposed(a: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => tf.mul(2, tf.sum(tf.log(diagonal(choleskyComposed(a))))));
}

/** A^{-1} of an SPD matrix: L^{-1} by forward substitution (one row per iteration), then L^{-T} L^{-1}. */
export function inverseSPDComposed(a: tf.Tensor2D): tf.Tensor2D {
  const d = a.shape[0];
  return tf.tidy(() => {
    const l = choleskyComposed(a);
    const eye = tf.eye(d);
    let x = tf.zeros([d, d]) as tf.Tensor2D;
    for (let i = 0; i < d; i++) {
      const next = tf.tidy(() => {
        // Row i of X = L^{-1}: (e_i - L[i, :i] X[:i, :]) / L[i, i] (rows >= i of X are still zero).
        const li = tf.slice(l, [i, 0], [1, d]);
        const row = tf.div(tf.sub(tf.slice(eye, [i, 0], [1, d]), tf.matMul(li, x)), tf.slice(l, [i, i], [1, 1]));
        return tf.add(x, tf.mul(tf.slice(eye, [0, i], [d, 1]), row)) as tf.Tensor2D;
      });
      x.dispose();
      x = next;
    }
    return tf.matMul(x, x, true, false);
  });
}

/** One tf.linalg.qr of A, returning R: a lower bound on the cost of composed eigenvalues. */
export function qrOnce(a: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const [q, r] = tf.linalg.qr(a);
    q.dispose();
    return r as tf.Tensor2D;
  });
}
