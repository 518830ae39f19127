import { describe, expect, it } from 'vitest';
import { RANKME_EPS, rankMe, rankMeFromSingularValues, singularValues } from './rankme';
import { gaussian } from '../../test/support/random';
import { expectClose, loadMetricsFixture } from '../../test/support/metricsFixture';

/** exp(entropy) of p_k = s_k / sum(s) + eps, written out for hand-checked singular values. */
function entropyRank(s: number[]): number {
  const total = s.reduce((a, b) => a + b, 0);
  return Math.exp(-s.reduce((h, v) => h + (v / total + RANKME_EPS) * Math.log(v / total + RANKME_EPS), 0));
}

describe('rankMe', () => {
  it('matches the fixture', () => {
    for (const c of loadMetricsFixture()) expectClose(rankMe(c.z, c.n, c.d), c.rankme, 1e-6, 0, 'rankme');
  });

  it('uses the singular values of the uncentred Z (hand-checked 2 x 2)', () => {
    // Z^T Z = diag(9, 16): singular values 4 and 3. Centring would change them.
    const z = new Float64Array([3, 0, 0, 4]);
    expect(Array.from(singularValues(z, 2, 2))).toEqual([4, 3]);
    expectClose(rankMe(z, 2, 2), entropyRank([4, 3]), 1e-12);
  });

  it('counts min(N, D) singular values when N < D', () => {
    // Same two singular values with a third, empty column: still two values, same RankMe.
    const z = new Float64Array([3, 0, 0, 0, 4, 0]);
    expect(singularValues(z, 2, 3).length).toBe(2);
    expectClose(rankMe(z, 2, 3), entropyRank([4, 3]), 1e-12);
  });

  it('is about 1 for rank-1 embeddings', () => {
    const n = 64;
    const d = 16;
    const u = gaussian(d, 1);
    const c = gaussian(n, 2);
    const z = new Float64Array(n * d);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) z[i * d + j] = c[i]! * u[j]!;
    const r = rankMe(z, n, d);
    expect(r).toBeGreaterThanOrEqual(1);
    expect(r).toBeLessThan(1.0001);
  });

  it('is about D for isotropic embeddings with many rows', () => {
    const n = 4000;
    const d = 16;
    const r = rankMe(gaussian(n * d, 3), n, d);
    expect(r).toBeGreaterThan(0.99 * d);
    expect(r).toBeLessThanOrEqual(d + 1e-4);
  });

  it('is 1 for all-zero embeddings', () => {
    expect(rankMeFromSingularValues([0, 0, 0])).toBe(1);
    expect(rankMe(new Float64Array(12), 4, 3)).toBe(1);
  });
});
