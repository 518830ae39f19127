/**
 * RankMe (Garrido et al. 2023), docs/methods.md §7: the exponential of the entropy of the
 * normalised singular values of the UNcentred embeddings,
 * `exp(-sum_k p_k log p_k)`, `p_k = s_k / sum(s) + 1e-7`. Ranges from 1 to `min(N, D)`.
 */
import { fastSymmetricEigenvalues } from './fastSymmetricEigenvalues';
import { columnGram, rowGram } from './gram';

/** The epsilon added to each normalised singular value. */
export const RANKME_EPS = 1e-7;

/**
 * Singular values of a matrix from its Gram matrix (`Z^T Z` or `Z Z^T`, `size x size`):
 * square roots of the eigenvalues, descending, round-off negatives clamped to 0.
 */
export function singularValuesFromGram(gram: ArrayLike<number>, size: number): Float64Array {
  const values = fastSymmetricEigenvalues(gram, size);
  for (let i = 0; i < size; i++) values[i] = Math.sqrt(Math.max(values[i]!, 0));
  return values;
}

/** The `min(n, d)` singular values of the row-major `n x d` matrix `z`, descending, via the smaller Gram matrix. */
export function singularValues(z: ArrayLike<number>, n: number, d: number): Float64Array {
  return d <= n ? singularValuesFromGram(columnGram(z, n, d), d) : singularValuesFromGram(rowGram(z, n, d), n);
}

/** RankMe from singular values. All-zero embeddings (complete collapse to 0) give 1. */
export function rankMeFromSingularValues(s: ArrayLike<number>): number {
  let total = 0;
  for (let k = 0; k < s.length; k++) total += s[k]!;
  if (!(total > 0)) return 1;
  let entropy = 0;
  for (let k = 0; k < s.length; k++) {
    const p = s[k]! / total + RANKME_EPS;
    entropy -= p * Math.log(p);
  }
  return Math.exp(entropy);
}

/** RankMe of the row-major `n x d` embeddings `z` (uncentred). */
export function rankMe(z: ArrayLike<number>, n: number, d: number): number {
  return rankMeFromSingularValues(singularValues(z, n, d));
}
