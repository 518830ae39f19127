import { describe, expect, it } from 'vitest';
import { gaussian } from '../../../test/support/random';
import { columnMeansReference, covarianceGradientReference, covarianceReference } from './reference';

describe('covariance reference', () => {
  it('equals E[z z^T] - mu mu^T on a small example', () => {
    const n = 7;
    const d = 3;
    const z = gaussian(n * d, 1);
    const mu = columnMeansReference(z, n, d);
    const c = covarianceReference(z, n, d);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        let s = 0;
        for (let r = 0; r < n; r++) s += (z[r * d + i] as number) * (z[r * d + j] as number);
        expect(c[i * d + j] as number).toBeCloseTo(s / n - (mu[i] as number) * (mu[j] as number), 12);
      }
    }
  });

  it('is invariant to a shift of every row', () => {
    const n = 9;
    const d = 4;
    const z = gaussian(n * d, 2);
    const shifted = z.map((v, k) => v + 100 * (k % d));
    const a = covarianceReference(z, n, d);
    const b = covarianceReference(shifted, n, d);
    for (let k = 0; k < a.length; k++) expect(b[k] as number).toBeCloseTo(a[k] as number, 9);
  });

  it('has the gradient (1/N)(z - mean)(G + G^T): central differences agree', () => {
    const n = 6;
    const d = 4;
    const z = gaussian(n * d, 3, 1, 1);
    const g = gaussian(d * d, 4);
    const grad = covarianceGradientReference(z, g, n, d);
    const objective = (x: Float64Array): number => covarianceReference(x, n, d).reduce((s, v, k) => s + v * (g[k] as number), 0);
    const h = 1e-6;
    for (let k = 0; k < z.length; k++) {
      const plus = Float64Array.from(z);
      const minus = Float64Array.from(z);
      plus[k] = (plus[k] as number) + h;
      minus[k] = (minus[k] as number) - h;
      expect(grad[k] as number).toBeCloseTo((objective(plus) - objective(minus)) / (2 * h), 7);
    }
  });

  it('rejects inputs of the wrong size', () => {
    expect(() => covarianceReference(new Float64Array(5), 2, 3)).toThrow(/expected/);
    expect(() => covarianceGradientReference(new Float64Array(6), new Float64Array(4), 2, 3)).toThrow(/upstream/);
  });
});
