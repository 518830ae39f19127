import { describe, expect, it } from 'vitest';
import { checkClaim, endValue, type ClaimPoint } from './claim';

const point = (rankme: number, stdL2: number, extra: Partial<ClaimPoint> = {}): ClaimPoint => ({ losses: {}, scalars: { rankme, stdL2 }, termScalars: {}, ...extra });
const D = 32;
const share = (s: number): number => s / Math.sqrt(D);

describe('endValue', () => {
  it('averages the last three reports that have the metric, skipping missing and non-finite values', () => {
    const points = [point(1, 0), point(9, 0), { losses: {}, scalars: {}, termScalars: {} }, point(3, 0), point(Number.NaN, 0), point(6, 0)];
    expect(endValue(points, 'rankme')).toBe((9 + 3 + 6) / 3);
    expect(endValue(points, 'knnAccuracy')).toBeUndefined();
  });
  it('reads losses and term lines by path', () => {
    const p = point(1, 1, { losses: { total: 2 }, termScalars: { sim: { block1: 0.4 } } });
    expect(endValue([p], 'loss.total')).toBe(2);
    expect(endValue([p], 'term.sim.block1')).toBe(0.4);
  });
});

describe('checkClaim', () => {
  const healthy = [point(15, share(0.8)), point(15.5, share(0.82)), point(15.2, share(0.81))];
  const collapsed = [point(3, share(0.07)), point(2.8, share(0.06)), point(2.7, share(0.05))];

  it('reads a level claim with the same thresholds as the app and the tests', () => {
    const evidence = { main: healthy, control: collapsed, embedDim: D };
    expect(checkClaim({ kind: 'level', run: 'main', level: 'healthy' }, evidence).holds).toBe(true);
    expect(checkClaim({ kind: 'level', run: 'control', level: 'collapsed' }, evidence).holds).toBe(true);
    const wrong = checkClaim({ kind: 'level', run: 'control', level: 'healthy' }, evidence);
    expect(wrong.holds).toBe(false);
    expect(wrong.text).toMatch(/the control collapsed \(RankMe 2\.8.*claimed healthy/);
  });

  it('compares a metric by factor and margin, in the claimed direction', () => {
    const evidence = { main: healthy, control: collapsed, embedDim: D };
    expect(checkClaim({ kind: 'compare', metric: 'rankme', better: 'higher', factor: 3 }, evidence).holds).toBe(true);
    expect(checkClaim({ kind: 'compare', metric: 'rankme', better: 'higher', factor: 6 }, evidence).holds).toBe(false);
    expect(checkClaim({ kind: 'compare', metric: 'rankme', better: 'lower' }, evidence).holds).toBe(false);
    expect(checkClaim({ kind: 'compare', metric: 'rankme', better: 'higher', margin: 13 }, evidence).holds).toBe(false);
    expect(checkClaim({ kind: 'compare', metric: 'rankme', better: 'lower' }, { main: collapsed, control: healthy, embedDim: D }).holds).toBe(true);
  });

  it('never holds on a metric a run did not report, and says which', () => {
    const r = checkClaim({ kind: 'compare', metric: 'knnAccuracy', better: 'higher' }, { main: healthy, control: collapsed, embedDim: D });
    expect(r.holds).toBe(false);
    expect(r.text).toMatch(/not reported by the run/);
  });

  it('checks a value against a bar (accuracy above chance)', () => {
    const acc = [point(1, 1, { scalars: { testAccuracy: 0.6 } })];
    expect(checkClaim({ kind: 'above', run: 'main', metric: 'testAccuracy', value: 0.5 }, { main: acc, control: acc, embedDim: D }).holds).toBe(true);
    expect(checkClaim({ kind: 'above', run: 'control', metric: 'testAccuracy', value: 0.7 }, { main: acc, control: acc, embedDim: D }).holds).toBe(false);
  });

  it('checks that a metric falls over a run (first three reports against the last three)', () => {
    const pts = [5, 4.8, 4.6, 3, 2, 1].map((v) => point(1, 1, { losses: { maskmix: v } }));
    expect(checkClaim({ kind: 'falls', run: 'main', metric: 'loss.maskmix', margin: 2 }, { main: pts, control: pts, embedDim: D }).holds).toBe(true);
    expect(checkClaim({ kind: 'falls', run: 'main', metric: 'loss.maskmix', margin: 3 }, { main: pts, control: pts, embedDim: D }).holds).toBe(false);
    expect(checkClaim({ kind: 'falls', run: 'main', metric: 'loss.maskmix', margin: 0 }, { main: [...pts].reverse(), control: pts, embedDim: D }).holds).toBe(false);
  });
});
