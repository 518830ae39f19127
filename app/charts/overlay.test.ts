import { describe, expect, it } from 'vitest';
import type { HistoryPoint } from '../store/runHistory';
import { overlayRows, type RunSeriesData } from './overlay';

const point = (step: number, rankme: number, total = 1): HistoryPoint => ({ step, losses: { total }, scalars: { rankme }, termScalars: {}, stepsPerSecond: 0 });
const rank = () => [{ key: 'rankme', name: 'RankMe', value: (p: HistoryPoint) => p.scalars.rankme }];

describe('overlayRows', () => {
  it('keeps plain keys and names for a run shown alone', () => {
    const main: RunSeriesData = { id: 'main', label: '', color: '#00f', main: true, history: [point(5, 9), point(10, 8)] };
    const o = overlayRows([main], rank);
    expect(o.keys).toEqual(['rankme']);
    expect(o.names).toEqual({ rankme: 'RankMe' });
    expect(o.rows).toEqual([{ step: 5, rankme: 9 }, { step: 10, rankme: 8 }]);
    expect(o.dashed).toEqual([]);
  });

  it('gives each run its own line, colour and legend name, rows merged by step', () => {
    const main: RunSeriesData = { id: 'main', label: 'stop-gradient on', color: '#00f', main: true, history: [point(5, 9), point(10, 8)] };
    const twin: RunSeriesData = { id: 'twin-1', label: 'stop-gradient off', color: '#f00', main: false, history: [point(5, 4), point(10, 1.2), point(15, 1.1)] };
    const o = overlayRows([main, twin], rank);
    expect(o.keys).toEqual(['rankme|main', 'rankme|twin-1']);
    expect(o.names).toEqual({ 'rankme|main': 'RankMe (stop-gradient on)', 'rankme|twin-1': 'RankMe (stop-gradient off)' });
    expect(o.colors['rankme|twin-1']).toBe('#f00');
    expect(o.dashed).toEqual(['rankme|twin-1']);
    expect(o.rows).toEqual([
      { step: 5, 'rankme|main': 9, 'rankme|twin-1': 4 },
      { step: 10, 'rankme|main': 8, 'rankme|twin-1': 1.2 },
      { step: 15, 'rankme|twin-1': 1.1 },
    ]);
  });

  it('leaves out lines a run never reported and non-finite values', () => {
    const main: RunSeriesData = { id: 'main', label: 'a', color: '#00f', main: true, history: [point(5, Number.NaN)] };
    const twin: RunSeriesData = { id: 't', label: 'b', color: '#f00', main: false, history: [point(5, 2)] };
    const o = overlayRows([main, twin], rank);
    expect(o.keys).toEqual(['rankme|t']);
    expect(o.rows).toEqual([{ step: 5, 'rankme|t': 2 }]);
  });
});
