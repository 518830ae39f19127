import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MetricsReport } from '../../src/protocol';
import { clearMetrics, HISTORY_CAPACITY, latestMetrics, metricsHistory, metricsStore, pushMetrics, REDRAW_INTERVAL_MS } from './metricsStore';

function report(step: number, total = step): MetricsReport {
  return {
    step,
    losses: { total },
    spectrum: [3, 2, 1],
    scalars: { rankme: 2 },
    terms: { sim: { scalars: { distance: step / 10 } }, imsvd: { heatmap: { rows: 1, cols: 1, values: [0], rowLabel: '', colLabel: '' } } },
    stepsPerSecond: 50,
  };
}

const version = (): number => metricsStore.getState().version;
const steps = (): number[] => metricsHistory().map((p) => p.step);

describe('metricsStore', () => {
  beforeAll(() => {
    vi.useFakeTimers();
  });
  afterAll(() => {
    vi.useRealTimers();
  });
  beforeEach(() => {
    clearMetrics();
    vi.advanceTimersByTime(REDRAW_INTERVAL_MS);
  });

  it('tells React once per burst of reports, at most every REDRAW_INTERVAL_MS', () => {
    const v0 = version();
    for (let step = 5; step <= 50; step += 5) pushMetrics(report(step));
    expect(version()).toBe(v0);
    expect(steps()).toEqual([5, 10, 15, 20, 25, 30, 35, 40, 45, 50]);
    vi.advanceTimersByTime(0);
    expect(version()).toBe(v0 + 1);
    expect(metricsStore.getState().latest?.step).toBe(50);
    expect(metricsStore.getState().first?.step).toBe(5);
    vi.advanceTimersByTime(30);
    pushMetrics(report(55));
    vi.advanceTimersByTime(REDRAW_INTERVAL_MS - 31);
    expect(version()).toBe(v0 + 1);
    vi.advanceTimersByTime(1);
    expect(version()).toBe(v0 + 2);
    expect(metricsStore.getState().latest?.step).toBe(55);
  });

  it('keeps the light part of a report in the history', () => {
    pushMetrics(report(5));
    expect(metricsHistory()).toEqual([{ step: 5, losses: { total: 5 }, scalars: { rankme: 2 }, termScalars: { sim: { distance: 0.5 } }, stepsPerSecond: 50 }]);
    expect(latestMetrics()?.spectrum).toEqual([3, 2, 1]);
  });

  it('replaces the last point when the same step is reported again', () => {
    pushMetrics(report(5));
    pushMetrics(report(10, 1));
    pushMetrics(report(10, 2));
    expect(steps()).toEqual([5, 10]);
    expect(metricsHistory()[1]?.losses.total).toBe(2);
  });

  it('starts over, first report included, when the step goes back (reset or rebuild)', () => {
    pushMetrics(report(5));
    pushMetrics(report(10));
    pushMetrics(report(3));
    expect(steps()).toEqual([3]);
    vi.advanceTimersByTime(REDRAW_INTERVAL_MS);
    expect(metricsStore.getState().first?.step).toBe(3);
    expect(metricsStore.getState().latest?.step).toBe(3);
  });

  it('keeps the newest HISTORY_CAPACITY points', () => {
    for (let step = 1; step <= HISTORY_CAPACITY + 7; step++) pushMetrics(report(step));
    expect(metricsHistory()).toHaveLength(HISTORY_CAPACITY);
    expect(steps()[0]).toBe(8);
    expect(latestMetrics()?.step).toBe(HISTORY_CAPACITY + 7);
  });

  it('clears everything, and does not redraw when there was nothing to clear', () => {
    pushMetrics(report(5));
    clearMetrics();
    vi.advanceTimersByTime(REDRAW_INTERVAL_MS);
    expect(metricsHistory()).toEqual([]);
    expect(metricsStore.getState()).toMatchObject({ latest: null, first: null });
    const v = version();
    clearMetrics();
    vi.advanceTimersByTime(REDRAW_INTERVAL_MS);
    expect(version()).toBe(v);
  });
});
