import { describe, expect, it } from 'vitest';
import { alignment, uniformity } from './alignmentUniformity';
import { l2NormalizeRows } from './normalizeRows';
import { expectClose, loadMetricsFixture } from '../../test/support/metricsFixture';

describe('alignment', () => {
  it('matches the fixture', () => {
    for (const c of loadMetricsFixture()) {
      const a = alignment(l2NormalizeRows(c.z, c.n, c.d), l2NormalizeRows(c.y, c.n, c.d), c.n, c.d);
      expectClose(a, c.alignment, 1e-6, 0, 'alignment');
    }
  });

  it('is 0 for identical views and 4 for antipodal ones (hand-checked)', () => {
    const u = new Float64Array([1, 0, 0, 1]);
    expect(alignment(u, u, 2, 2)).toBe(0);
    // Row 0 antipodal (distance^2 4), row 1 orthogonal (distance^2 2): mean 3.
    expect(alignment(u, new Float64Array([-1, 0, 1, 0]), 2, 2)).toBe(3);
  });

  it('rejects views of different shapes', () => {
    expect(() => alignment(new Float64Array(4), new Float64Array(6), 2, 2)).toThrow(/2x2/);
  });
});

describe('uniformity', () => {
  it('matches the fixture', () => {
    for (const c of loadMetricsFixture()) expectClose(uniformity(l2NormalizeRows(c.z, c.n, c.d), c.n, c.d), c.uniformity, 1e-6, 0, 'uniformity');
  });

  it('is 0 when every row is the same point', () => {
    expect(uniformity(new Float64Array([0.6, 0.8, 0.6, 0.8, 0.6, 0.8]), 3, 2)).toBeCloseTo(0, 14);
  });

  it('averages over distinct pairs only (hand-checked)', () => {
    // e1, e2, -e1: squared distances 2, 4, 2 over the three pairs.
    const u = new Float64Array([1, 0, 0, 1, -1, 0]);
    expect(uniformity(u, 3, 2)).toBeCloseTo(Math.log((2 * Math.exp(-4) + Math.exp(-8)) / 3), 14);
    // Two antipodal points: log exp(-8).
    expect(uniformity(new Float64Array([1, 0, -1, 0]), 2, 2)).toBeCloseTo(-8, 14);
  });
});
