/**
 * The metrics slice of the main run: its RunHistory, and a reactive `version` bumped at
 * most every 100 ms so charts redraw at most ~10 times a second however fast training goes.
 */
import { createStore } from 'zustand/vanilla';
import type { MetricsReport } from '../../src/protocol';
import { RunHistory, type HistoryPoint } from './runHistory';
import { trailingThrottle } from './trailingThrottle';

export { HISTORY_CAPACITY, type HistoryPoint } from './runHistory';

/** State of the metrics slice (what React sees, throttled). */
export interface MetricsState {
  /** Bumped at most every REDRAW_INTERVAL_MS when something changed. */
  version: number;
  latest: MetricsReport | null;
  first: MetricsReport | null;
}

/** Minimum time between two redraw notifications. */
export const REDRAW_INTERVAL_MS = 100;

const main = new RunHistory();

/** The metrics slice store. */
export const metricsStore = createStore<MetricsState>()(() => ({ version: 0, latest: null, first: null }));

/** Tells React about the reports recorded since the last redraw, at most every REDRAW_INTERVAL_MS. */
const scheduleFlush = trailingThrottle(() => metricsStore.setState((s) => ({ version: s.version + 1, latest: main.latest, first: main.first })), REDRAW_INTERVAL_MS);

/** Records a report of the main run (see RunHistory.push). */
export function pushMetrics(report: MetricsReport): void {
  main.push(report);
  scheduleFlush();
}

/** Forgets every report (new run). */
export function clearMetrics(): void {
  if (main.clear()) scheduleFlush();
}

/** Forgets the reports after `step`: the run goes on from there (restored after its engine died). */
export function rewindMetrics(step: number): void {
  if (main.rewind(step)) scheduleFlush();
}

/** Replaces the history with `points`, oldest first (a run resumed from the library). */
export function loadMetrics(points: readonly HistoryPoint[]): void {
  main.load(points);
  scheduleFlush();
}

/** The history, oldest first, up to date (not throttled). */
export function metricsHistory(): ReturnType<RunHistory['history']> {
  return main.history();
}

/** The latest report, up to date (not throttled). */
export function latestMetrics(): MetricsReport | null {
  return main.latest;
}
