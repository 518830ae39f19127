/**
 * A validated embedding snapshot plus the intermediates several metrics share, each
 * computed at most once, on first use: the L2-normalised rows of each view, the column
 * means and centred covariance, its spectrum, and the singular values of the uncentred
 * embeddings (from `Z^T Z = N (C + mean mean^T)`, so one `d x d` product serves both).
 */
import { covarianceWithMean } from './covariance';
import type { EmbeddingSnapshot } from './embeddingSnapshot';
import { gramFromCovariance, rowGram } from './gram';
import { checkShape, l2NormalizeRows } from './normalizeRows';
import { singularValuesFromGram } from './rankme';
import { spectrumOfCovariance } from './spectrum';

/** Shared, lazily computed inputs of the collapse metrics for one snapshot. */
export class MetricInputs {
  private normalizedCache: Float64Array | null = null;
  private normalizedOtherCache: Float64Array | null = null;
  private moments: { mean: Float64Array; covariance: Float64Array } | null = null;
  private spectrumCache: Float64Array | null = null;
  private singularValuesCache: Float64Array | null = null;

  /** Checks the snapshot's shapes; throws a readable error when they do not match. */
  constructor(readonly snapshot: EmbeddingSnapshot) {
    const { z, n, d, z2 } = snapshot;
    checkShape(z, n, d);
    if (n < 2) throw new Error(`collapse metrics: need at least 2 embeddings, got ${n}.`);
    if (d < 1) throw new Error('collapse metrics: embedding width must be at least 1.');
    if (z2) checkShape(z2, n, d);
  }

  /** Rows of `z`. */
  get n(): number {
    return this.snapshot.n;
  }

  /** Embedding width. */
  get d(): number {
    return this.snapshot.d;
  }

  /** `z` with L2-normalised rows. */
  get normalized(): Float64Array {
    this.normalizedCache ??= l2NormalizeRows(this.snapshot.z, this.n, this.d);
    return this.normalizedCache;
  }

  /** `z2` with L2-normalised rows, or null without a second view. */
  get normalizedOther(): Float64Array | null {
    const z2 = this.snapshot.z2;
    if (!z2) return null;
    this.normalizedOtherCache ??= l2NormalizeRows(z2, this.n, this.d);
    return this.normalizedOtherCache;
  }

  /** Column means of `z` and its centred (1/N) covariance. */
  get meanAndCovariance(): { mean: Float64Array; covariance: Float64Array } {
    this.moments ??= covarianceWithMean(this.snapshot.z, this.n, this.d);
    return this.moments;
  }

  /** Covariance eigenvalues, descending, clamped at 0. */
  get covarianceSpectrum(): Float64Array {
    this.spectrumCache ??= spectrumOfCovariance(this.meanAndCovariance.covariance, this.d);
    return this.spectrumCache;
  }

  /** The `min(n, d)` singular values of the uncentred `z`, descending. */
  get singularValues(): Float64Array {
    if (!this.singularValuesCache) {
      const { n, d } = this;
      if (d <= n) {
        const { mean, covariance } = this.meanAndCovariance;
        this.singularValuesCache = singularValuesFromGram(gramFromCovariance(covariance, mean, n), d);
      } else {
        this.singularValuesCache = singularValuesFromGram(rowGram(this.snapshot.z, n, d), n);
      }
    }
    return this.singularValuesCache;
  }
}
