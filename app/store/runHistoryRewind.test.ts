/** A restored run's history: the points after the restored step are dropped, earlier ones kept, and the run continues it; a resumed run's saved history is loaded in place of the current one. */
import { describe, expect, it } from 'vitest';
import type { MetricsReport } from '../../src/protocol';
import { RingBuffer } from './ringBuffer';
import { HISTORY_CAPACITY, RunHistory, toHistoryPoint } from './runHistory';

const report = (step: number): MetricsReport => ({ step, losses: { total: 1 / (step + 1) }, spectrum: [], scalars: {}, terms: {}, stepsPerSecond: 1 });

describe('rewinding a run history', () => {
  it('drops the newest items of a ring buffer, also after it wrapped', () => {
    const ring = new RingBuffer<number>(3);
    for (const n of [1, 2, 3, 4]) ring.push(n);
    expect(ring.dropLast()).toBe(4);
    expect(ring.toArray()).toEqual([2, 3]);
    ring.push(5);
    expect(ring.toArray()).toEqual([2, 3, 5]);
    expect([ring.dropLast(), ring.dropLast(), ring.dropLast(), ring.dropLast()]).toEqual([5, 3, 2, undefined]);
    expect(ring.size).toBe(0);
  });

  it('keeps the points up to the restored step, and the steps trained again continue them instead of starting over', () => {
    const history = new RunHistory();
    for (let step = 10; step <= 80; step += 10) history.push(report(step));
    expect(history.rewind(50)).toBe(true);
    expect(history.history().map((p) => p.step)).toEqual([10, 20, 30, 40, 50]);
    expect(history.rewind(50)).toBe(false);
    history.push(report(60));
    expect(history.history().map((p) => p.step)).toEqual([10, 20, 30, 40, 50, 60]);
    expect(history.first?.step).toBe(10);
  });

  it('loads a saved history in place of the current one, keeping the newest points, and the run continues it', () => {
    const history = new RunHistory();
    history.push(report(5));
    const saved = Array.from({ length: HISTORY_CAPACITY + 5 }, (_, i) => toHistoryPoint(report(10 * (i + 1))));
    history.load(saved);
    const steps = history.history().map((p) => p.step);
    expect(steps).toHaveLength(HISTORY_CAPACITY);
    expect(steps[0]).toBe(60);
    expect(history.latest).toBeNull();
    history.push(report(10 * (HISTORY_CAPACITY + 6)));
    expect(history.history().at(-1)!.step).toBe(10 * (HISTORY_CAPACITY + 6));
    expect(history.history()).toHaveLength(HISTORY_CAPACITY);
  });
});
