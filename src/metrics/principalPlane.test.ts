import { describe, expect, it } from 'vitest';
import { covarianceReference } from '../kernels/covariance/reference';
import { symmetricEigen } from '../kernels/symeig/reference';
import { maxAbsDiff } from '../../test/support/differences';
import { randomOrthogonal, withSpectrum } from '../../test/support/random';
import { samplesWithSpectrum, spectrumOf } from '../../test/support/samplesWithSpectrum';
import { fixSign, leadingEigenpairs, MAX_ITERATIONS, principalPlane, RESIDUAL_TOLERANCE } from './principalPlane';

/** Row `r` of a row-major d x d matrix. */
function row(m: Float64Array, r: number, d: number): Float64Array {
  return m.slice(r * d, (r + 1) * d);
}

/** The float64 reference: Jacobi eigenpairs (largest-magnitude component positive). */
function reference(c: Float64Array, d: number): { values: Float64Array; v1: Float64Array; v2: Float64Array } {
  const eig = symmetricEigen(c, d);
  return { values: eig.values, v1: row(eig.vectors, 0, d), v2: row(eig.vectors, 1, d) };
}

/** Largest entry of |P_a - P_b|, P the orthogonal projector on the span of two orthonormal vectors. */
function planeDistance(a: [Float64Array, Float64Array], b: [Float64Array, Float64Array], d: number): number {
  let worst = 0;
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      const pa = a[0][i]! * a[0][j]! + a[1][i]! * a[1][j]!;
      const pb = b[0][i]! * b[0][j]! + b[1][i]! * b[1][j]!;
      worst = Math.max(worst, Math.abs(pa - pb));
    }
  }
  return worst;
}

describe('leadingEigenpairs against the float64 Jacobi reference', () => {
  // Davis-Kahan: a unit Ritz vector with residual r is within |r| / gap of its eigenvector
  // (sin of the angle), and the iteration stops at |r| <= RESIDUAL_TOLERANCE lambda_1; the factor 2
  // covers the component-wise difference and the reference's own error.
  const cases: { name: string; d: number; values: number[] }[] = [
    { name: 'well separated', d: 24, values: spectrumOf(24, [5, 2], 0.6) },
    { name: 'nearly equal top pair (1e-3 apart)', d: 32, values: spectrumOf(32, [1, 0.999], 0.4) },
    { name: 'nearly equal second and third (1e-3 apart)', d: 32, values: spectrumOf(32, [3, 1, 0.999], 0.4) },
    { name: 'D = 3', d: 3, values: [2, 1, 0.5] },
  ];
  for (const c of cases) {
    it(`${c.name}: values, vectors and sign convention`, () => {
      const a = withSpectrum(c.values, randomOrthogonal(c.d, c.d + 1));
      const got = leadingEigenpairs(a, c.d);
      const ref = reference(a, c.d);
      const [l1, l2, l3] = c.values as [number, number, number];
      const bound = (gap: number) => (2 * RESIDUAL_TOLERANCE * l1) / gap;
      expect(got.iterations).toBeLessThan(MAX_ITERATIONS);
      expect(Math.abs(got.values[0] - ref.values[0]!)).toBeLessThanOrEqual(1e-12 * l1);
      expect(Math.abs(got.values[1] - ref.values[1]!)).toBeLessThanOrEqual(1e-12 * l1);
      expect(maxAbsDiff(got.vectors[0], ref.v1)).toBeLessThanOrEqual(bound(l1 - l2));
      expect(maxAbsDiff(got.vectors[1], ref.v2)).toBeLessThanOrEqual(bound(Math.min(l1 - l2, l2 - l3)));
    });
  }

  it('spans the right plane when the top pair is exactly degenerate', () => {
    const d = 16;
    const a = withSpectrum(spectrumOf(d, [2, 2], 0.5), randomOrthogonal(d, 5));
    const got = leadingEigenpairs(a, d);
    const ref = reference(a, d);
    expect(got.values[0]).toBeCloseTo(2, 12);
    expect(got.values[1]).toBeCloseTo(2, 12);
    expect(planeDistance(got.vectors, [ref.v1, ref.v2], d)).toBeLessThan(1e-9);
    expect(Math.abs(got.vectors[0].reduce((s, v, i) => s + v * got.vectors[1][i]!, 0))).toBeLessThan(1e-12);
  });

  it('gives 0 for the second value of a rank-one matrix and 0 for both of the zero matrix', () => {
    const d = 10;
    const u = row(randomOrthogonal(d, 9), 0, d);
    const a = new Float64Array(d * d);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) a[i * d + j] = 4 * u[i]! * u[j]!;
    const line = leadingEigenpairs(a, d);
    expect(line.values[0]).toBeCloseTo(4, 12);
    expect(line.values[1]).toBeLessThan(1e-12);
    expect(maxAbsDiff(line.vectors[0], fixSign(Float64Array.from(u)))).toBeLessThan(1e-12);
    const zero = leadingEigenpairs(new Float64Array(d * d), d);
    expect(zero.values).toEqual([0, 0]);
    expect(zero.iterations).toBe(1);
  });

  it('has no second direction at D = 1', () => {
    const got = leadingEigenpairs([3], 1);
    expect(got.values).toEqual([3, 0]);
    expect(Array.from(got.vectors[0])).toEqual([1]);
    expect(Array.from(got.vectors[1])).toEqual([0]);
  });

  it('makes the largest-magnitude component of each direction positive', () => {
    expect(Array.from(fixSign(Float64Array.from([0.2, -0.9, 0.3])))).toEqual([-0.2, 0.9, -0.3]);
    expect(Array.from(fixSign(Float64Array.from([0.2, 0.9, -0.3])))).toEqual([0.2, 0.9, -0.3]);
    const d = 12;
    const a = withSpectrum(spectrumOf(d, [4, 2], 0.5), randomOrthogonal(d, 3));
    for (const v of leadingEigenpairs(a, d).vectors) {
      const big = v.reduce((m, x) => (Math.abs(x) > Math.abs(m) ? x : m), 0);
      expect(big).toBeGreaterThan(0);
    }
  });

  it('rejects a matrix of the wrong size', () => {
    expect(() => leadingEigenpairs([1, 2, 3], 2)).toThrow(/2x2/);
    expect(() => leadingEigenpairs([], 0)).toThrow(/positive whole number/);
  });
});

describe('principalPlane against a float64 reference', () => {
  it('projects the centred rows on the reference eigenvectors of their covariance', () => {
    for (const [n, d, offset] of [[256, 32, 0], [256, 8, 40], [64, 128, 1]] as const) {
      const z = samplesWithSpectrum(n, spectrumOf(d, [9, 4], 1), 10 + d, offset);
      const plane = principalPlane(z, n, d);
      const c = covarianceReference(z, n, d);
      const ref = reference(c, d);
      const mean = Array.from({ length: d }, (_, j) => z.filter((_, k) => k % d === j).reduce((s, v) => s + v, 0) / n);
      const coordinates = (v: Float64Array) => Float64Array.from({ length: n }, (_, r) => v.reduce((s, vj, j) => s + (z[r * d + j]! - mean[j]!) * vj, 0));
      const scale = Math.sqrt(ref.values[0]!);
      expect(maxAbsDiff(plane.x, coordinates(ref.v1)) / scale, `x at N=${n} D=${d}`).toBeLessThan(1e-8);
      expect(maxAbsDiff(plane.y, coordinates(ref.v2)) / scale, `y at N=${n} D=${d}`).toBeLessThan(1e-8);
      expect(plane.variances[0]).toBeCloseTo(ref.values[0]!, 10);
      expect(plane.variances[1]).toBeCloseTo(ref.values[1]!, 10);
      expect(plane.total).toBeCloseTo(ref.values.reduce((s, v) => s + v, 0), 9);
      expect(plane.meanSquare).toBeCloseTo(mean.reduce((s, v) => s + v * v, 0), 8);
    }
  });

  it('puts a batch collapsed onto a line on the x axis, with all of the variance on PC1', () => {
    const n = 100;
    const d = 6;
    const direction = [1, -2, 0.5, 0, 3, 1];
    const z = Float64Array.from({ length: n * d }, (_, k) => 7 + Math.sin(Math.floor(k / d)) * direction[k % d]!);
    const plane = principalPlane(z, n, d);
    expect(plane.variances[1] / plane.total).toBeLessThan(1e-12);
    expect(Math.max(...plane.y.map(Math.abs))).toBeLessThan(1e-10);
    expect(Math.max(...plane.x.map(Math.abs))).toBeGreaterThan(1);
  });
});
