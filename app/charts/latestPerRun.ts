/**
 * Evaluation-only report fields (the embedding scatter, the input-space map) arrive on every
 * 4th report, while the charts see each run's latest report: this keeps, per run, the latest
 * value such a field had, with its step, until the run restarts (its step goes back), is
 * cleared or leaves the comparison.
 */
import { useState } from 'react';
import type { MetricsReport } from '../../src/protocol';

/** A kept value and the step of the report it came with. */
export interface KeptValue<T> {
  step: number;
  value: T;
}

/** A run as this needs it: its id and latest report. */
export interface RunLatest {
  id: string;
  latest: MetricsReport | null;
}

/**
 * Updates `kept` (by run id) from each run's latest report and returns each run's kept value
 * (null when it has none yet), in the order of `runs`. Idempotent for the same input.
 */
export function keepLatest<T>(kept: Map<string, KeptValue<T>>, runs: readonly RunLatest[], pick: (report: MetricsReport) => T | undefined): (KeptValue<T> | null)[] {
  for (const id of kept.keys()) if (!runs.some((r) => r.id === id)) kept.delete(id);
  return runs.map((run) => {
    const latest = run.latest;
    const previous = kept.get(run.id);
    if (!latest || (previous && latest.step < previous.step)) kept.delete(run.id);
    const value = latest ? pick(latest) : undefined;
    if (latest && value !== undefined) kept.set(run.id, { step: latest.step, value });
    return kept.get(run.id) ?? null;
  });
}

/** keepLatest for a chart: each run's latest value of an evaluation-only field, kept across renders. */
export function useLatestPerRun<T>(runs: readonly RunLatest[], pick: (report: MetricsReport) => T | undefined): (KeptValue<T> | null)[] {
  // A cache the chart updates as it renders (keepLatest is idempotent), never a render trigger.
  const [kept] = useState(() => new Map<string, KeptValue<T>>());
  return keepLatest(kept, runs, pick);
}
