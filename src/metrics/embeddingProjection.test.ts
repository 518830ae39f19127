import { describe, expect, it } from 'vitest';
import { embeddingProjection, packedLength, packPrincipalPlane, unpackPrincipalPlane } from './embeddingProjection';
import type { PrincipalPlane } from './principalPlane';

const plane: PrincipalPlane = {
  x: Float64Array.from([1, -2, 3]),
  y: Float64Array.from([0.5, 0, -0.5]),
  variances: [6, 2],
  total: 10,
  meanSquare: 6,
};

describe('the packed principal plane', () => {
  it('is [x, y, variance 1, variance 2, total, |mean|^2] and reads back the same', () => {
    const packed = packPrincipalPlane(plane);
    expect(Array.from(packed)).toEqual([1, -2, 3, 0.5, 0, -0.5, 6, 2, 10, 6]);
    expect(packed.length).toBe(packedLength(3));
    expect(unpackPrincipalPlane(packed, 3)).toEqual(plane);
  });

  it('refuses a length that does not fit the rows', () => {
    expect(() => unpackPrincipalPlane(new Float32Array(9), 3)).toThrow(/10 values expected for 3 rows, got 9/);
  });
});

describe('embeddingProjection', () => {
  it('gives each axis its share of the total variance and the RMS norm, with the labels of the points', () => {
    const e = embeddingProjection(plane, [2, 0, 1, 7], 'host');
    expect(e).toEqual({ x: [1, -2, 3], y: [0.5, 0, -0.5], labels: [2, 0, 1], explained: [0.6, 0.2], rmsNorm: 4, source: 'host' });
  });

  it('gives zero shares when there is no variance, and clamps round-off outside [0, 1]', () => {
    expect(embeddingProjection({ ...plane, variances: [0, 0], total: 0 }, [0, 0, 0], 'device')?.explained).toEqual([0, 0]);
    expect(embeddingProjection({ ...plane, variances: [10.000001, -1e-9] }, [0, 0, 0], 'device')?.explained).toEqual([1, 0]);
  });

  it('is null when anything is not finite', () => {
    expect(embeddingProjection({ ...plane, x: Float64Array.from([1, Number.NaN, 3]) }, [0, 0, 0], 'host')).toBeNull();
    expect(embeddingProjection({ ...plane, total: Number.POSITIVE_INFINITY }, [0, 0, 0], 'host')).toBeNull();
  });
});
