import { describe, expect, it } from 'vitest';
import type { MetricsReport } from '../../src/protocol';
import { keepLatest, type KeptValue } from './latestPerRun';

/** A report at `step`, with an accuracy on evaluation reports only. */
function report(step: number, evaluation: boolean): MetricsReport {
  return { step, losses: {}, spectrum: [], scalars: evaluation ? { knnAccuracy: step / 100 } : {}, terms: {}, stepsPerSecond: 0 };
}

const pick = (r: MetricsReport) => r.scalars.knnAccuracy;

describe('keepLatest', () => {
  it('keeps each run\'s latest evaluation value across the reports without one', () => {
    const kept = new Map<string, KeptValue<number>>();
    expect(keepLatest(kept, [{ id: 'main', latest: report(5, true) }], pick)).toEqual([{ step: 5, value: 0.05 }]);
    expect(keepLatest(kept, [{ id: 'main', latest: report(10, false) }, { id: 'twin', latest: report(10, false) }], pick)).toEqual([{ step: 5, value: 0.05 }, null]);
    expect(keepLatest(kept, [{ id: 'main', latest: report(25, true) }, { id: 'twin', latest: report(25, true) }], pick)).toEqual([
      { step: 25, value: 0.25 },
      { step: 25, value: 0.25 },
    ]);
  });

  it('forgets a run that restarted, was cleared or left', () => {
    const kept = new Map<string, KeptValue<number>>();
    keepLatest(kept, [{ id: 'main', latest: report(20, true) }, { id: 'twin', latest: report(20, true) }], pick);
    expect(keepLatest(kept, [{ id: 'main', latest: report(5, false) }, { id: 'twin', latest: null }], pick)).toEqual([null, null]);
    keepLatest(kept, [{ id: 'main', latest: report(30, true) }, { id: 'twin', latest: report(30, true) }], pick);
    keepLatest(kept, [{ id: 'main', latest: report(35, false) }], pick);
    expect([...kept.keys()]).toEqual(['main']);
  });
});
