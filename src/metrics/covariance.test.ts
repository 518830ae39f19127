import { describe, expect, it } from 'vitest';
import { columnMeans, covariance } from './covariance';
import { gaussian } from '../../test/support/random';

describe('covariance', () => {
  it('matches a hand-computed 3 x 2 example (1/N, centred)', () => {
    // Mean (3, 4); centred rows (-2,-2), (0,2), (2,0); sums of products 8, 4, 8; divided by N = 3.
    const z = new Float64Array([1, 2, 3, 6, 5, 4]);
    expect(Array.from(columnMeans(z, 3, 2))).toEqual([3, 4]);
    const c = covariance(z, 3, 2);
    const expected = [8 / 3, 4 / 3, 4 / 3, 8 / 3];
    for (let i = 0; i < 4; i++) expect(c[i]).toBeCloseTo(expected[i]!, 14);
  });

  it('is unchanged by a huge common offset (no cancellation in the collapsed regime)', () => {
    const n = 50;
    const d = 6;
    const z = gaussian(n * d, 8);
    const shifted = z.map((v) => v * 1e-3 + 1e6);
    const c = covariance(z, n, d);
    const cs = covariance(shifted, n, d);
    // Spread 1e-3 around 1e6: the naive Z^T Z / N - mean mean^T would lose every digit here.
    for (let i = 0; i < d * d; i++) expect(Math.abs(cs[i]! / 1e-6 - c[i]!)).toBeLessThan(1e-6);
  });

  it('is symmetric and accepts float32 input', () => {
    const n = 7;
    const d = 3;
    const z64 = gaussian(n * d, 2);
    const z32 = Float32Array.from(z64);
    const c = covariance(z32, n, d);
    const c64 = covariance(Float64Array.from(z32), n, d);
    expect(Array.from(c)).toEqual(Array.from(c64));
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) expect(c[i * d + j]).toBe(c[j * d + i]);
  });

  it('rejects a wrong shape', () => {
    expect(() => covariance(new Float64Array(5), 2, 3)).toThrow(/2x3/);
  });
});
