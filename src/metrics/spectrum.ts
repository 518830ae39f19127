/**
 * The covariance spectrum chart: eigenvalues of the centred covariance, descending,
 * plotted as `log10(lambda + 1e-12)` against rank. Collapse shows as a cliff.
 */
import { covariance } from './covariance';
import { fastSymmetricEigenvalues } from './fastSymmetricEigenvalues';

/** Floor added before the log so zero eigenvalues plot at -12. */
export const SPECTRUM_LOG_FLOOR = 1e-12;

/**
 * Eigenvalues of a covariance matrix (`d x d`), sorted descending. A covariance is
 * positive semi-definite, so round-off negatives are clamped to 0.
 */
export function spectrumOfCovariance(c: ArrayLike<number>, d: number): Float64Array {
  const values = fastSymmetricEigenvalues(c, d);
  for (let i = 0; i < values.length; i++) values[i] = Math.max(values[i]!, 0);
  return values;
}

/** Eigenvalues of the centred (1/N) covariance of `z` (`n x d`), sorted descending, clamped at 0. */
export function covarianceSpectrum(z: ArrayLike<number>, n: number, d: number): Float64Array {
  return spectrumOfCovariance(covariance(z, n, d), d);
}

/** The chart's y values: `log10(max(lambda, 0) + 1e-12)` for each eigenvalue. */
export function logSpectrum(values: ArrayLike<number>): number[] {
  return Array.from(values, (v) => Math.log10(Math.max(v, 0) + SPECTRUM_LOG_FLOOR));
}
