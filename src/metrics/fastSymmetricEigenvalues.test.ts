import { describe, expect, it } from 'vitest';
import { fastSymmetricEigenvalues } from './fastSymmetricEigenvalues';
import { symmetricEigenvalues } from '../kernels/symeig/reference';
import { maxAbsDiff } from '../../test/support/differences';
import { gaussian, randomOrthogonal, randomSymmetric, withSpectrum } from '../../test/support/random';
import { columnGram } from './gram';

describe('fastSymmetricEigenvalues (Householder + implicit QR)', () => {
  it('recovers a known spectrum with near-degenerate, tiny, zero and negative eigenvalues', () => {
    const lambdas = [10, 3, 1 + 1e-9, 1, 0.5, 1e-6, 1e-10, 1e-14, 0, -2, -7, 4, 2.5, 0.1, -1e-8, 6];
    const a = withSpectrum(lambdas, randomOrthogonal(lambdas.length, 11));
    const values = fastSymmetricEigenvalues(a, lambdas.length);
    // Backward-stable: absolute error a small multiple of eps * ||A|| (||A|| = 10 here).
    expect(maxAbsDiff(values, [...lambdas].sort((x, y) => y - x))).toBeLessThan(1e-13 * 10);
  });

  it('agrees with the Jacobi reference on random symmetric matrices of many sizes', () => {
    for (const d of [1, 2, 3, 5, 17, 64]) {
      const a = randomSymmetric(d, 100 + d);
      const scale = Math.sqrt(d);
      expect(maxAbsDiff(fastSymmetricEigenvalues(a, d), symmetricEigenvalues(a, d))).toBeLessThan(1e-13 * scale);
    }
  });

  it('handles diagonal, zero, empty and already-tridiagonal matrices', () => {
    expect(Array.from(fastSymmetricEigenvalues(new Float64Array([2, 0, 0, 0, -1, 0, 0, 0, 5]), 3))).toEqual([5, 2, -1]);
    expect(Array.from(fastSymmetricEigenvalues(new Float64Array(16), 4))).toEqual([0, 0, 0, 0]);
    expect(fastSymmetricEigenvalues(new Float64Array(0), 0).length).toBe(0);
    // Tridiagonal [[2,-1,0],[-1,2,-1],[0,-1,2]]: eigenvalues 2 - 2 cos(k pi / 4), k = 1..3.
    const t = new Float64Array([2, -1, 0, -1, 2, -1, 0, -1, 2]);
    const expected = [3, 2, 1].map((k) => 2 - 2 * Math.cos((k * Math.PI) / 4));
    expect(maxAbsDiff(fastSymmetricEigenvalues(t, 3), expected)).toBeLessThan(1e-15 * 8);
  });

  it('reads only the lower triangle', () => {
    const d = 6;
    const a = randomSymmetric(d, 9);
    const garbled = Float64Array.from(a);
    for (let i = 0; i < d; i++) for (let j = i + 1; j < d; j++) garbled[i * d + j] = Number.NaN;
    expect(Array.from(fastSymmetricEigenvalues(garbled, d))).toEqual(Array.from(fastSymmetricEigenvalues(a, d)));
  });

  it('finds the zero eigenvalues of a rank-deficient Gram matrix', () => {
    const n = 10;
    const d = 40;
    const values = fastSymmetricEigenvalues(columnGram(gaussian(n * d, 4), n, d), d);
    const reference = symmetricEigenvalues(columnGram(gaussian(n * d, 4), n, d), d);
    const top = values[0]!;
    expect(maxAbsDiff(values, reference)).toBeLessThan(1e-13 * top);
    for (let i = n; i < d; i++) expect(Math.abs(values[i]!)).toBeLessThan(1e-13 * top);
    expect(values[n - 1]!).toBeGreaterThan(1e-3 * top);
  });

  it('recovers a 256-wide exponentially decaying spectrum', () => {
    const d = 256;
    const lambdas = Array.from({ length: d }, (_, i) => Math.exp(-i / 16));
    const values = fastSymmetricEigenvalues(withSpectrum(lambdas, randomOrthogonal(d, 21)), d);
    expect(maxAbsDiff(values, lambdas)).toBeLessThan(1e-13);
  });

  it('rejects a wrong size', () => {
    expect(() => fastSymmetricEigenvalues(new Float64Array(5), 2)).toThrow(/2x2/);
  });
});
