/**
 * Alignment and uniformity (Wang & Isola 2020), spec section 7, on L2-normalised rows:
 * alignment `mean_i ||n(z1_i) - n(z2_i)||^2` (lower: views agree) and uniformity
 * `log mean_{i<j} exp(-2 ||n(z_i) - n(z_j)||^2)` (lower: spread over the sphere; 0 when
 * every row is the same point).
 */
import { rowDot } from './gram';

/**
 * Alignment of two views' embeddings, both `n x d` with rows already L2-normalised
 * (see `l2NormalizeRows`); row i of one is the partner of row i of the other.
 */
export function alignment(normalized1: ArrayLike<number>, normalized2: ArrayLike<number>, n: number, d: number): number {
  if (normalized1.length !== n * d || normalized2.length !== n * d) throw new Error(`alignment: both views must be ${n}x${d}.`);
  if (n < 1) return Number.NaN;
  let total = 0;
  for (let i = 0; i < n * d; i++) total += (normalized1[i]! - normalized2[i]!) ** 2;
  return total / n;
}

/**
 * Uniformity of `n x d` embeddings whose rows are already L2-normalised, over all
 * n(n-1)/2 distinct pairs (t = 2). Needs n >= 2; returns NaN otherwise.
 */
export function uniformity(normalized: ArrayLike<number>, n: number, d: number): number {
  if (normalized.length !== n * d) throw new Error(`uniformity: expected ${n}x${d} values.`);
  if (n < 2) return Number.NaN;
  const x = normalized instanceof Float64Array ? normalized : Float64Array.from(normalized);
  const squaredNorms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    squaredNorms[i] = rowDot(x, i * d, i * d, d);
  }
  let total = 0;
  const pairTerm = (i: number, j: number, dot: number): number => Math.exp(-2 * Math.max(squaredNorms[i]! + squaredNorms[j]! - 2 * dot, 0));
  for (let i = 0; i < n; i++) {
    const ri = i * d;
    let j = i + 1;
    // Four partners at a time, so each entry of row i is loaded once per four dot products.
    for (; j + 4 <= n; j += 4) {
      const r0 = j * d;
      const r1 = r0 + d;
      const r2 = r1 + d;
      const r3 = r2 + d;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let k = 0; k < d; k++) {
        const xi = x[ri + k]!;
        s0 += xi * x[r0 + k]!;
        s1 += xi * x[r1 + k]!;
        s2 += xi * x[r2 + k]!;
        s3 += xi * x[r3 + k]!;
      }
      total += pairTerm(i, j, s0) + pairTerm(i, j + 1, s1) + pairTerm(i, j + 2, s2) + pairTerm(i, j + 3, s3);
    }
    for (; j < n; j++) total += pairTerm(i, j, rowDot(x, ri, j * d, d));
  }
  return Math.log(total / ((n * (n - 1)) / 2));
}
