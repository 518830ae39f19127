/**
 * L2 normalisation of embedding rows, `n(z) = z / max(||z||, 1e-12)` (the clamp matches
 * PyTorch's `F.normalize`, so an all-zero row stays zero instead of becoming NaN).
 */

/** Norm below which a row is treated as zero. */
export const NORMALIZE_EPS = 1e-12;

/** The rows of the row-major `n x d` matrix `z`, each scaled to unit L2 norm, in float64. */
export function l2NormalizeRows(z: ArrayLike<number>, n: number, d: number): Float64Array {
  checkShape(z, n, d);
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const row = i * d;
    let sq = 0;
    for (let j = 0; j < d; j++) sq += z[row + j]! ** 2;
    const norm = Math.max(Math.sqrt(sq), NORMALIZE_EPS);
    for (let j = 0; j < d; j++) out[row + j] = z[row + j]! / norm;
  }
  return out;
}

/** Throws a readable error unless `z` holds exactly `n x d` values. */
export function checkShape(z: ArrayLike<number>, n: number, d: number): void {
  if (!Number.isInteger(n) || !Number.isInteger(d) || n < 0 || d < 0) throw new Error(`embeddings: shape must be whole numbers, got ${n}x${d}.`);
  if (z.length !== n * d) throw new Error(`embeddings: expected ${n}x${d} = ${n * d} values, got ${z.length}.`);
}
