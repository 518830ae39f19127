/**
 * Gram matrices of a row-major `n x d` matrix X, in float64: `X^T X` (`d x d`, over
 * columns) and `X X^T` (`n x n`, over rows). Only the upper triangle is accumulated,
 * then mirrored, with row-contiguous inner loops.
 */
import { checkShape } from './normalizeRows';

/** `X^T X`, a symmetric `d x d` row-major matrix. */
export function columnGram(x: ArrayLike<number>, n: number, d: number): Float64Array {
  checkShape(x, n, d);
  const g = new Float64Array(d * d);
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) row[j] = x[i * d + j]!;
    for (let a = 0; a < d; a++) {
      const xa = row[a]!;
      if (xa === 0) continue;
      const base = a * d;
      for (let b = a; b < d; b++) g[base + b] = g[base + b]! + xa * row[b]!;
    }
  }
  mirrorUpper(g, d);
  return g;
}

/** `X X^T`, a symmetric `n x n` row-major matrix. */
export function rowGram(x: ArrayLike<number>, n: number, d: number): Float64Array {
  checkShape(x, n, d);
  const xs = Float64Array.from(x);
  const g = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += xs[i * d + k]! * xs[j * d + k]!;
      g[i * n + j] = s;
    }
  }
  mirrorUpper(g, n);
  return g;
}

/** Copies the upper triangle of a square row-major matrix onto its lower triangle. */
function mirrorUpper(g: Float64Array, d: number): void {
  for (let a = 0; a < d; a++) for (let b = a + 1; b < d; b++) g[b * d + a] = g[a * d + b]!;
}
