/**
 * Gram matrices of a row-major `n x d` matrix X, in float64: `X^T X` (`d x d`, over
 * columns) and `X X^T` (`n x n`, over rows), plus `Z^T Z` recovered from the centred
 * covariance and the mean, so the metrics need only one `d x d` product per snapshot.
 */
import { checkShape } from './normalizeRows';

/** `X^T X`, a symmetric `d x d` row-major matrix. Accumulates the upper triangle four rows at a time. */
export function columnGram(x: ArrayLike<number>, n: number, d: number): Float64Array {
  checkShape(x, n, d);
  const xs = Float64Array.from(x);
  const g = new Float64Array(d * d);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const r0 = i * d;
    const r1 = r0 + d;
    const r2 = r1 + d;
    const r3 = r2 + d;
    for (let a = 0; a < d; a++) {
      const x0 = xs[r0 + a]!;
      const x1 = xs[r1 + a]!;
      const x2 = xs[r2 + a]!;
      const x3 = xs[r3 + a]!;
      const base = a * d;
      for (let b = a; b < d; b++) {
        g[base + b] = g[base + b]! + x0 * xs[r0 + b]! + x1 * xs[r1 + b]! + x2 * xs[r2 + b]! + x3 * xs[r3 + b]!;
      }
    }
  }
  for (; i < n; i++) {
    const r = i * d;
    for (let a = 0; a < d; a++) {
      const xa = xs[r + a]!;
      const base = a * d;
      for (let b = a; b < d; b++) g[base + b] = g[base + b]! + xa * xs[r + b]!;
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
    for (let j = i; j < n; j++) g[i * n + j] = rowDot(xs, i * d, j * d, d);
  }
  mirrorUpper(g, n);
  return g;
}

/**
 * `Z^T Z = N (C + mean mean^T)` from the centred (1/N) covariance `C` (`d x d`) and the
 * column means of Z. Adding the two PSD parts loses nothing beyond the eps * ||Z^T Z||
 * an eigen-solver introduces anyway (unlike the reverse direction).
 */
export function gramFromCovariance(covariance: ArrayLike<number>, mean: ArrayLike<number>, n: number): Float64Array {
  const d = mean.length;
  if (covariance.length !== d * d) throw new Error(`gram: covariance must be ${d}x${d}.`);
  const g = new Float64Array(d * d);
  for (let a = 0; a < d; a++) {
    const ma = mean[a]!;
    for (let b = 0; b < d; b++) g[a * d + b] = n * (covariance[a * d + b]! + ma * mean[b]!);
  }
  return g;
}

/** Dot product of the `d`-long stretches of `x` starting at `a` and `b`, four accumulators for speed. */
export function rowDot(x: Float64Array, a: number, b: number, d: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = 0;
  for (; k + 4 <= d; k += 4) {
    s0 += x[a + k]! * x[b + k]!;
    s1 += x[a + k + 1]! * x[b + k + 1]!;
    s2 += x[a + k + 2]! * x[b + k + 2]!;
    s3 += x[a + k + 3]! * x[b + k + 3]!;
  }
  for (; k < d; k++) s0 += x[a + k]! * x[b + k]!;
  return s0 + s1 + (s2 + s3);
}

/** Copies the upper triangle of a square row-major matrix onto its lower triangle. */
function mirrorUpper(g: Float64Array, d: number): void {
  for (let a = 0; a < d; a++) for (let b = a + 1; b < d; b++) g[b * d + a] = g[a * d + b]!;
}
