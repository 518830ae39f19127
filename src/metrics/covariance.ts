/**
 * Centred covariance of embeddings, `C = (1/N) (Z - mean)^T (Z - mean)` (docs/methods.md §7:
 * biased, 1/N). Computed two-pass (centre first, then multiply) rather than as
 * `Z^T Z / N - mean mean^T`, which would cancel catastrophically in exactly the collapsed
 * regime the chart is for: a large mean with a tiny spread.
 */
import { columnGram } from './gram';
import { checkShape } from './normalizeRows';

/** The column means of a row-major `n x d` matrix. */
export function columnMeans(z: ArrayLike<number>, n: number, d: number): Float64Array {
  checkShape(z, n, d);
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] = mean[j]! + z[i * d + j]!;
  for (let j = 0; j < d; j++) mean[j] = mean[j]! / n;
  return mean;
}

/** The column means of `z` (`n x d`) and its centred (1/N) covariance, a symmetric `d x d` Float64Array. */
export function covarianceWithMean(z: ArrayLike<number>, n: number, d: number): { mean: Float64Array; covariance: Float64Array } {
  if (n < 1) throw new Error('covariance: needs at least one row.');
  const mean = columnMeans(z, n, d);
  const centred = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) centred[i * d + j] = z[i * d + j]! - mean[j]!;
  const c = columnGram(centred, n, d);
  for (let k = 0; k < c.length; k++) c[k] = c[k]! / n;
  return { mean, covariance: c };
}

/** The centred covariance (1/N) of the rows of `z` (`n x d`), a symmetric `d x d` Float64Array. */
export function covariance(z: ArrayLike<number>, n: number, d: number): Float64Array {
  return covarianceWithMean(z, n, d).covariance;
}
