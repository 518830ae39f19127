import { describe, expect, it } from 'vitest';
import { PIVOT_FLOOR_RELATIVE, choleskyReference, inverseSPDReference, logdetReference } from './reference';
import { maxAbsDiff, maxRelDiff } from '../../../test/support/differences';
import { fromKnownFactor, knownInverse, maxIdentityError, withCondition } from '../../../test/support/spdMatrices';

const SIZES = [4, 32, 128];

describe('choleskyReference / logdetReference / inverseSPDReference (float64)', () => {
  for (const n of SIZES) {
    it(`recovers a known factor and its log det, n=${n}`, () => {
      const c = fromKnownFactor(n, 10 + n);
      expect(maxAbsDiff(choleskyReference(c.a, n), c.L)).toBeLessThan(1e-10);
      expect(Math.abs(logdetReference(c.a, n) - c.logdet)).toBeLessThan(1e-9 * n);
      expect(maxIdentityError(c.a, inverseSPDReference(c.a, n), n)).toBeLessThan(1e-10);
    });

    it(`is accurate on an ill-conditioned matrix (cond 1e6), n=${n}`, () => {
      const c = withCondition(n, 1e6, 20 + n);
      expect(Math.abs(logdetReference(c.a, n) - c.logdet)).toBeLessThan(1e-7);
      const inv = inverseSPDReference(c.a, n);
      expect(maxRelDiff(inv, knownInverse(c))).toBeLessThan(1e-7);
      expect(maxIdentityError(c.a, inv, n)).toBeLessThan(1e-7);
    });
  }

  it('reads only the lower triangle', () => {
    const c = fromKnownFactor(6, 3);
    const corrupted = Float64Array.from(c.a);
    for (let i = 0; i < 6; i++) for (let j = i + 1; j < 6; j++) corrupted[i * 6 + j] = 1e3 * (i + j + 1);
    expect(logdetReference(corrupted, 6)).toBe(logdetReference(c.a, 6));
  });

  it('floors the pivots of a singular (rank-1) matrix instead of returning NaN', () => {
    const v = [2, -1, 0.5, 1];
    const n = 4;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = (v[i] as number) * (v[j] as number);
    const ld = logdetReference(a, n);
    expect(Number.isFinite(ld)).toBe(true);
    // First pivot is v0^2 = 4; the other three are (rounding-level) zeros raised to the floor.
    const floor = PIVOT_FLOOR_RELATIVE * 4;
    expect(ld).toBeCloseTo(Math.log(4) + 3 * Math.log(floor), 6);
    const inv = inverseSPDReference(a, n);
    expect(Array.from(inv).every(Number.isFinite)).toBe(true);
  });

  it('floors a pivot made slightly negative by rounding', () => {
    const a = new Float64Array([1, 0, 0, -1e-12]);
    expect(logdetReference(a, 2)).toBeCloseTo(Math.log(PIVOT_FLOOR_RELATIVE), 9);
  });

  it('propagates NaN', () => {
    const a = new Float64Array([1, 0, 0, NaN]);
    expect(logdetReference(a, 2)).toBeNaN();
  });

  it('rejects a wrong-sized input', () => {
    expect(() => choleskyReference(new Float64Array(5), 2)).toThrow(/4 values/);
  });
});
