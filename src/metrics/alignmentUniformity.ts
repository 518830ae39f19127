/**
 * Alignment and uniformity (Wang & Isola 2020), docs/methods.md §7, on L2-normalised rows:
 * alignment `mean_i ||n(z1_i) - n(z2_i)||^2` (lower: views agree) and uniformity
 * `log mean_{i<j} exp(-2 ||n(z_i) - n(z_j)||^2)` (lower: spread over the sphere; 0 when
 * every row is the same point).
 */
import { rowDot } from './gram';
import { dotsWithRows } from './rowDots';

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
  const dots = new Float64Array(n);
  for (let i = 0; i < n - 1; i++) {
    dotsWithRows(x, i * d, x, i + 1, n, d, dots);
    const si = squaredNorms[i]!;
    for (let j = i + 1; j < n; j++) total += Math.exp(-2 * Math.max(si + squaredNorms[j]! - 2 * dots[j - i - 1]!, 0));
  }
  return Math.log(total / ((n * (n - 1)) / 2));
}
