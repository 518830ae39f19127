import { describe, expect, it } from 'vitest';
import { stdOfNormalized, stdReference } from './stdNormalized';
import { l2NormalizeRows } from './normalizeRows';
import { expectClose, loadMetricsFixture } from '../../test/support/metricsFixture';

describe('stdOfNormalized', () => {
  it('matches the fixture', () => {
    for (const c of loadMetricsFixture()) {
      expectClose(stdOfNormalized(l2NormalizeRows(c.z, c.n, c.d), c.n, c.d), c.stdOfL2Normalized, 1e-6, 0, 'std');
    }
  });

  it('uses the unbiased std of the normalised rows (hand-checked)', () => {
    // Rows (5, 0) and (0, 0.1) normalise to e1 and e2; each column is {1, 0}:
    // unbiased std sqrt((0.5^2 + 0.5^2) / 1) = sqrt(0.5).
    const u = l2NormalizeRows(new Float64Array([5, 0, 0, 0.1]), 2, 2);
    expect(stdOfNormalized(u, 2, 2)).toBeCloseTo(Math.SQRT1_2, 15);
  });

  it('is 0 for collapsed embeddings (all rows along one direction)', () => {
    const u = l2NormalizeRows(new Float64Array([1, 2, 2, 4, 0.5, 1]), 3, 2);
    expect(stdOfNormalized(u, 3, 2)).toBeCloseTo(0, 15);
  });

  it('needs at least two rows', () => {
    expect(stdOfNormalized(new Float64Array([1, 0]), 1, 2)).toBeNaN();
  });
});

describe('stdReference', () => {
  it('is 1/sqrt(D)', () => {
    expect(stdReference(4)).toBe(0.5);
    expect(stdReference(64)).toBe(0.125);
  });
});

describe('l2NormalizeRows', () => {
  it('scales rows to unit length and leaves zero rows at zero', () => {
    expect(Array.from(l2NormalizeRows(new Float32Array([3, 4, 0, 0]), 2, 2))).toEqual([0.6, 0.8, 0, 0]);
  });
});
