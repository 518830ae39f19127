import { describe, expect, it } from 'vitest';
import { METRICS, computeCollapseMetrics } from './registry';
import { MetricInputs } from './metricInputs';
import { rankMe } from './rankme';
import { expectClose, loadMetricsFixture } from '../../test/support/metricsFixture';

describe('computeCollapseMetrics', () => {
  it('reproduces every fixture value in one call', () => {
    for (const c of loadMetricsFixture()) {
      const { spectrum, scalars } = computeCollapseMetrics({ z: c.z, n: c.n, d: c.d, z2: c.y });
      // Fixture eigenvalues are rounded to 12 decimals (see spectrum.test.ts).
      c.covEigenvaluesDesc.forEach((e, i) => expectClose(spectrum[i]!, e, 1e-6, 1e-12, `eigenvalue ${i}`));
      expect(Object.keys(scalars).sort()).toEqual(['alignment', 'rankme', 'stdL2', 'stdRef', 'uniformity']);
      expectClose(scalars.rankme!, c.rankme, 1e-6, 0, 'rankme');
      expectClose(scalars.stdL2!, c.stdOfL2Normalized, 1e-6, 0, 'stdL2');
      expectClose(scalars.stdRef!, 1 / Math.sqrt(c.d), 1e-15, 0, 'stdRef');
      expectClose(scalars.alignment!, c.alignment, 1e-6, 0, 'alignment');
      expectClose(scalars.uniformity!, c.uniformity, 1e-6, 0, 'uniformity');
    }
  });

  it('computes float32 readbacks in float64 (same result as the widened copy)', () => {
    const c = loadMetricsFixture()[0]!;
    const z32 = Float32Array.from(c.z);
    const a = computeCollapseMetrics({ z: z32, n: c.n, d: c.d });
    const b = computeCollapseMetrics({ z: Float64Array.from(z32), n: c.n, d: c.d });
    expect(a).toEqual(b);
  });

  it('omits alignment without a second view and adds kNN accuracy with a bank', () => {
    const z = new Float64Array([1, 0, 0, 1, -1, 0, 0, -1]);
    const plain = computeCollapseMetrics({ z, n: 4, d: 2 });
    expect(Object.keys(plain.scalars).sort()).toEqual(['rankme', 'stdL2', 'stdRef', 'uniformity']);
    expect(plain.spectrum.length).toBe(2);
    const withKnn = computeCollapseMetrics({
      z,
      n: 4,
      d: 2,
      knn: { bank: z, bankLabels: [0, 1, 2, 3], queries: new Float64Array([2, 0.1, 0.1, -3]), queryLabels: [0, 3], classes: 4 },
    });
    // Each query's nearest bank row is its own class; with T = 0.07 the nearest dominates.
    expect(withKnn.scalars.knnAccuracy).toBe(1);
  });

  it('takes RankMe from the smaller Gram matrix when there are fewer rows than dimensions', () => {
    // Singular values 4 and 3 (see rankme.test.ts); the empty third column adds none.
    const z = new Float64Array([3, 0, 0, 0, 4, 0]);
    const { scalars, spectrum } = computeCollapseMetrics({ z, n: 2, d: 3 });
    expectClose(scalars.rankme!, rankMe(z, 2, 3), 1e-14, 0, 'rankme');
    // Centred rows (1.5, -2, 0) and (-1.5, 2, 0): one direction with variance (2.25 + 4) = 6.25.
    expectClose(spectrum[0]!, 6.25, 1e-14, 0, 'top eigenvalue');
    expect(Math.abs(spectrum[1]!) + Math.abs(spectrum[2]!)).toBeLessThan(1e-14);
  });

  it('rejects fewer than two rows and mismatched shapes', () => {
    expect(() => computeCollapseMetrics({ z: new Float64Array([1, 2]), n: 1, d: 2 })).toThrow(/at least 2/);
    expect(() => computeCollapseMetrics({ z: new Float64Array(6), n: 2, d: 2 })).toThrow(/2x2/);
    expect(() => computeCollapseMetrics({ z: new Float64Array(4), n: 2, d: 2, z2: new Float64Array(2) })).toThrow(/2x2/);
  });
});

describe('METRICS registry', () => {
  it('labels every metric and returns null when a metric does not apply', () => {
    const inputs = new MetricInputs({ z: new Float64Array([1, 0, 0, 1]), n: 2, d: 2 });
    for (const metric of Object.values(METRICS)) expect(metric.label.length).toBeGreaterThan(0);
    expect(METRICS.alignment.compute(inputs)).toBeNull();
    expect(METRICS.knnAccuracy.compute(inputs)).toBeNull();
    expect(METRICS.stdRef.compute(inputs)).toBeCloseTo(Math.SQRT1_2, 15);
  });

  it('normalises each view once and shares the result', () => {
    const inputs = new MetricInputs({ z: new Float64Array([3, 4, 0, 2]), n: 2, d: 2, z2: new Float64Array([1, 0, 0, 1]) });
    expect(inputs.normalized).toBe(inputs.normalized);
    expect(inputs.normalizedOther).toBe(inputs.normalizedOther);
    expect(Array.from(inputs.normalized)).toEqual([0.6, 0.8, 0, 1]);
  });
});
