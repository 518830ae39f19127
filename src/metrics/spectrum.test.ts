import { describe, expect, it } from 'vitest';
import { covarianceSpectrum, logSpectrum } from './spectrum';
import { expectClose, loadMetricsFixture } from '../../test/support/metricsFixture';

describe('covarianceSpectrum', () => {
  it('matches the fixture eigenvalues', () => {
    for (const c of loadMetricsFixture()) {
      const values = covarianceSpectrum(c.z, c.n, c.d);
      expect(values.length).toBe(c.covEigenvaluesDesc.length);
      // The fixture's eigenvalues are rounded to 12 decimals, hence the 1e-12 absolute
      // floor: its smallest entries (~5e-7) carry only ~6 significant digits.
      c.covEigenvaluesDesc.forEach((e, i) => expectClose(values[i]!, e, 1e-6, 1e-12, `eigenvalue ${i}`));
    }
  });

  it('gives the per-axis variances of axis-aligned data, descending', () => {
    // Columns independent by construction: x in {-1, 1}, y in {-3, 3}, balanced over the 4 rows.
    const z = new Float64Array([-1, -3, -1, 3, 1, -3, 1, 3]);
    expect(Array.from(covarianceSpectrum(z, 4, 2))).toEqual([9, 1]);
  });

  it('clamps round-off negatives to zero for collapsed embeddings', () => {
    const n = 5;
    const d = 4;
    // Every row identical: the covariance is exactly zero.
    const z = new Float64Array(n * d).map((_, i) => 0.1 * ((i % d) + 1));
    for (const v of covarianceSpectrum(z, n, d)) expect(v).toBe(0);
  });
});

describe('logSpectrum', () => {
  it('plots log10(lambda + 1e-12), with negatives clamped to 0', () => {
    const y = logSpectrum([1, 1e-3, 0, -1e-17, 1e-12]);
    expect(y[0]).toBeCloseTo(0, 11);
    expect(y[1]).toBeCloseTo(-3, 9);
    expect(y[2]).toBe(-12);
    expect(y[3]).toBe(-12);
    expect(y[4]).toBeCloseTo(Math.log10(2e-12), 12);
  });
});
