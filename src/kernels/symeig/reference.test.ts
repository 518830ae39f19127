import { describe, expect, it } from 'vitest';
import { symmetricEigen, symmetricEigenvalues } from './reference';
import { randomOrthogonal, randomSymmetric, withSpectrum } from '../../../test/support/random';

/** max_i |A v_i - lambda_i v_i| over the returned pairs. */
function maxResidual(a: Float64Array, d: number, values: Float64Array, vectors: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < d; i++) {
    for (let r = 0; r < d; r++) {
      let av = 0;
      for (let c = 0; c < d; c++) av += a[r * d + c]! * vectors[i * d + c]!;
      worst = Math.max(worst, Math.abs(av - values[i]! * vectors[i * d + r]!));
    }
  }
  return worst;
}

/** max_{i,j} |v_i . v_j - delta_ij|. */
function orthogonalityError(vectors: Float64Array, d: number): number {
  let worst = 0;
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      let dot = 0;
      for (let k = 0; k < d; k++) dot += vectors[i * d + k]! * vectors[j * d + k]!;
      worst = Math.max(worst, Math.abs(dot - (i === j ? 1 : 0)));
    }
  }
  return worst;
}

describe('symmetricEigen (cyclic Jacobi reference)', () => {
  it('returns the sorted diagonal and permuted unit vectors for a diagonal matrix', () => {
    const a = new Float64Array([2, 0, 0, 0, -1, 0, 0, 0, 5]);
    const { values, vectors } = symmetricEigen(a, 3);
    expect(Array.from(values)).toEqual([5, 2, -1]);
    // Row i is the eigenvector of values[i]: e_2, e_0, e_1.
    expect(Array.from(vectors)).toEqual([0, 0, 1, 1, 0, 0, 0, 1, 0]);
  });

  it('matches the closed form of a 2x2 matrix', () => {
    const [p, b, q] = [3, 1.5, -2];
    const mid = (p + q) / 2;
    const radius = Math.sqrt(((p - q) / 2) ** 2 + b * b);
    const { values, vectors } = symmetricEigen(new Float64Array([p, b, b, q]), 2);
    expect(values[0]).toBeCloseTo(mid + radius, 13);
    expect(values[1]).toBeCloseTo(mid - radius, 13);
    // Eigenvector of lambda: (b, lambda - p), normalised, sign fixed by the largest component.
    const lambda = mid + radius;
    const norm = Math.hypot(b, lambda - p);
    const expected = [b / norm, (lambda - p) / norm];
    const sign = Math.abs(expected[0]!) >= Math.abs(expected[1]!) ? Math.sign(expected[0]!) : Math.sign(expected[1]!);
    expect(vectors[0]).toBeCloseTo(sign * expected[0]!, 13);
    expect(vectors[1]).toBeCloseTo(sign * expected[1]!, 13);
  });

  it('recovers a known spectrum with near-degenerate, tiny, zero and negative eigenvalues', () => {
    const lambdas = [10, 3, 1 + 1e-9, 1, 0.5, 1e-6, 1e-10, 1e-14, 0, -2, -7, 4, 2.5, 0.1, -1e-8, 6];
    const d = lambdas.length;
    const q = randomOrthogonal(d, 11);
    const a = withSpectrum(lambdas, q);
    const { values, vectors } = symmetricEigen(a, d);
    const expected = [...lambdas].sort((x, y) => y - x);
    // A backward-stable solver is accurate to a small multiple of eps * ||A|| in absolute terms.
    const tol = 1e-13 * 10;
    for (let i = 0; i < d; i++) expect(Math.abs(values[i]! - expected[i]!)).toBeLessThan(tol);
    expect(maxResidual(a, d, values, vectors)).toBeLessThan(1e-12);
    expect(orthogonalityError(vectors, d)).toBeLessThan(1e-13);
    // Well-separated eigenvalues: the vector is the generating row of Q, up to sign.
    const i10 = lambdas.indexOf(10);
    let dot = 0;
    for (let k = 0; k < d; k++) dot += vectors[k]! * q[i10 * d + k]!;
    expect(Math.abs(dot)).toBeCloseTo(1, 12);
  });

  it('preserves the trace and the Frobenius norm', () => {
    const d = 24;
    const a = randomSymmetric(d, 5);
    const values = symmetricEigenvalues(a, d);
    let trace = 0;
    let frob = 0;
    for (let i = 0; i < d; i++) trace += a[i * d + i]!;
    for (let i = 0; i < d * d; i++) frob += a[i]! ** 2;
    const sum = values.reduce((s, v) => s + v, 0);
    const sumSquares = values.reduce((s, v) => s + v * v, 0);
    expect(Math.abs(sum - trace)).toBeLessThan(1e-12 * Math.sqrt(frob));
    expect(Math.abs(sumSquares - frob) / frob).toBeLessThan(1e-12);
    for (let i = 1; i < d; i++) expect(values[i]!).toBeLessThanOrEqual(values[i - 1]!);
  });

  it('solves a 128 x 128 matrix accurately in reasonable time', () => {
    const d = 128;
    const lambdas = Array.from({ length: d }, (_, i) => Math.exp(-i / 8));
    const a = withSpectrum(lambdas, randomOrthogonal(d, 3));
    const start = performance.now();
    const { values, vectors, sweeps } = symmetricEigen(a, d);
    const elapsed = performance.now() - start;
    expect(elapsed).toBeLessThan(2000);
    expect(sweeps).toBeLessThan(20);
    for (let i = 0; i < d; i++) expect(Math.abs(values[i]! - lambdas[i]!)).toBeLessThan(1e-13);
    expect(maxResidual(a, d, values, vectors)).toBeLessThan(1e-12);
    expect(orthogonalityError(vectors, d)).toBeLessThan(1e-12);
  });

  it('symmetrises a slightly asymmetric input and rejects a wrong size', () => {
    const values = symmetricEigenvalues(new Float64Array([0, 1, 3, 0]), 2);
    // (a + a^T) / 2 = [[0, 2], [2, 0]] has eigenvalues +-2.
    expect(values[0]).toBeCloseTo(2, 14);
    expect(values[1]).toBeCloseTo(-2, 14);
    expect(() => symmetricEigenvalues(new Float64Array(5), 2)).toThrow(/2x2/);
  });

  it('handles the empty and 1 x 1 matrices', () => {
    expect(symmetricEigenvalues(new Float64Array(0), 0).length).toBe(0);
    expect(Array.from(symmetricEigen(new Float64Array([-4]), 1).values)).toEqual([-4]);
  });
});
