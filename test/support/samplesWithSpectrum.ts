/**
 * Seeded sample rows with a chosen covariance spectrum, for the principal-plane tests (unit
 * and kernel parity): n standard normal draws scaled by sqrt(values[k]) along the rows of a
 * random orthonormal basis, plus an offset `offset * (1 + j / d)` on column j. Float64.
 */
import { gaussian, randomOrthogonal } from './random';

/** n rows [n, d] (d = values.length) whose population covariance has eigenvalues `values`. */
export function samplesWithSpectrum(n: number, values: readonly number[], seed: number, offset = 0): Float64Array {
  const d = values.length;
  const q = randomOrthogonal(d, seed);
  const g = gaussian(n * d, seed + 1);
  const z = new Float64Array(n * d);
  for (let r = 0; r < n; r++) {
    for (let k = 0; k < d; k++) {
      const s = Math.sqrt(values[k]!) * g[r * d + k]!;
      for (let j = 0; j < d; j++) z[r * d + j] = z[r * d + j]! + s * q[k * d + j]!;
    }
    for (let j = 0; j < d; j++) z[r * d + j] = z[r * d + j]! + offset * (1 + j / d);
  }
  return z;
}

/** A spectrum of size d: `top`, then a tail from `tail` down by `ratio` a step. */
export function spectrumOf(d: number, top: readonly number[], tail: number, ratio = 0.8): number[] {
  return Array.from({ length: d }, (_, i) => (i < top.length ? top[i]! : tail * ratio ** (i - top.length)));
}
