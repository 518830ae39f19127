/**
 * Test helpers: matrices with a known spectrum, built from seeded random orthogonal
 * bases, and seeded Gaussian data. Used only by the unit tests of the metrics and of
 * the symmetric eigen-solvers.
 */
import { Rng } from '../../util/rng';

/** A seeded `rows x cols` row-major matrix of standard normal draws. */
export function gaussianMatrix(rows: number, cols: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < out.length; i++) out[i] = rng.normal();
  return out;
}

/**
 * A seeded random orthogonal `d x d` matrix (row-major; its rows are orthonormal),
 * from classical Gram-Schmidt on Gaussian rows, re-orthogonalised once for accuracy.
 */
export function randomOrthogonal(d: number, seed: number): Float64Array {
  const q = gaussianMatrix(d, d, seed);
  for (let i = 0; i < d; i++) {
    for (let pass = 0; pass < 2; pass++) {
      for (let j = 0; j < i; j++) {
        let dot = 0;
        for (let k = 0; k < d; k++) dot += q[i * d + k]! * q[j * d + k]!;
        for (let k = 0; k < d; k++) q[i * d + k] = q[i * d + k]! - dot * q[j * d + k]!;
      }
    }
    let norm = 0;
    for (let k = 0; k < d; k++) norm += q[i * d + k]! ** 2;
    norm = Math.sqrt(norm);
    for (let k = 0; k < d; k++) q[i * d + k] = q[i * d + k]! / norm;
  }
  return q;
}

/** The symmetric matrix `sum_i values[i] q_i q_i^T`, where `q_i` are the rows of `q`. */
export function withSpectrum(values: readonly number[], q: Float64Array): Float64Array {
  const d = values.length;
  const a = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    const lambda = values[i]!;
    for (let r = 0; r < d; r++) {
      const qr = lambda * q[i * d + r]!;
      for (let c = 0; c < d; c++) a[r * d + c] = a[r * d + c]! + qr * q[i * d + c]!;
    }
  }
  return a;
}

/** A seeded random symmetric `d x d` matrix with standard normal entries. */
export function randomSymmetric(d: number, seed: number): Float64Array {
  const g = gaussianMatrix(d, d, seed);
  const a = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) a[i * d + j] = 0.5 * (g[i * d + j]! + g[j * d + i]!);
  return a;
}
