/**
 * Std of L2-normalised embeddings (docs/methods.md §7): `mean_j std_i (z_i / ||z_i||)_j`
 * with the unbiased (n - 1) std. Its reference line is `1/sqrt(D)`, the value for
 * embeddings spread uniformly over the sphere; 0 means complete collapse.
 */

/**
 * The mean over columns of the unbiased per-column std of `normalized` (`n x d`, rows
 * already L2-normalised, see `l2NormalizeRows`). Needs n >= 2; returns NaN otherwise.
 */
export function stdOfNormalized(normalized: ArrayLike<number>, n: number, d: number): number {
  if (n < 2 || d < 1) return Number.NaN;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] = mean[j]! + normalized[i * d + j]!;
  for (let j = 0; j < d; j++) mean[j] = mean[j]! / n;
  const sumSquares = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const dev = normalized[i * d + j]! - mean[j]!;
      sumSquares[j] = sumSquares[j]! + dev * dev;
    }
  }
  let total = 0;
  for (let j = 0; j < d; j++) total += Math.sqrt(sumSquares[j]! / (n - 1));
  return total / d;
}

/** The reference line `1/sqrt(D)` for the std of normalised embeddings. */
export function stdReference(d: number): number {
  return 1 / Math.sqrt(d);
}
