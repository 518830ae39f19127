/**
 * Seeded random test data, the one copy for the unit tests, the kernel harness page and
 * the benchmark: Gaussian values, symmetric matrices, random orthogonal bases and
 * matrices with a chosen spectrum. Float64 throughout; `Float32Array.from` rounds them
 * the way a float32 tensor would.
 */
import { Rng } from '../../src/util/rng';

/** `count` seeded draws of offset + scale * N(0, 1) (a row-major matrix of any shape). */
export function gaussian(count: number, seed: number, scale = 1, offset = 0): Float64Array {
  const rng = new Rng(seed);
  return Float64Array.from({ length: count }, () => offset + scale * rng.normal());
}

/** A seeded symmetric `d x d` matrix whose lower triangle (row by row) is standard normal draws, mirrored. */
export function symmetricGaussian(d: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  const a = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      const v = rng.normal();
      a[i * d + j] = v;
      a[j * d + i] = v;
    }
  }
  return a;
}

/** (G + G^T) / 2 for a seeded standard normal `d x d` matrix G. */
export function randomSymmetric(d: number, seed: number): Float64Array {
  const g = gaussian(d * d, seed);
  const a = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) a[i * d + j] = 0.5 * (g[i * d + j]! + g[j * d + i]!);
  return a;
}

/**
 * A seeded random orthogonal `d x d` matrix (row-major): classical Gram-Schmidt, run twice
 * for accuracy, on the rows or on the columns of a Gaussian matrix; those come out orthonormal.
 */
export function randomOrthogonal(d: number, seed: number, vectors: 'rows' | 'columns' = 'rows'): Float64Array {
  const q = gaussian(d * d, seed);
  // Index of component k of vector v.
  const at = vectors === 'rows' ? (v: number, k: number) => v * d + k : (v: number, k: number) => k * d + v;
  for (let i = 0; i < d; i++) {
    for (let pass = 0; pass < 2; pass++) {
      for (let j = 0; j < i; j++) {
        let dot = 0;
        for (let k = 0; k < d; k++) dot += q[at(i, k)]! * q[at(j, k)]!;
        for (let k = 0; k < d; k++) q[at(i, k)] = q[at(i, k)]! - dot * q[at(j, k)]!;
      }
    }
    let norm = 0;
    for (let k = 0; k < d; k++) norm += q[at(i, k)]! ** 2;
    norm = Math.sqrt(norm);
    for (let k = 0; k < d; k++) q[at(i, k)] = q[at(i, k)]! / norm;
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
