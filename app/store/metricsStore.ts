/**
 * The metrics slice: a bounded history of reports (for the time-series charts), the
 * latest full report and the run's first one (the faded spectrum). Reports arrive
 * whenever the worker sends them; the reactive `version` is bumped at most every
 * 100 ms so charts redraw at most ~10 times a second however fast training goes.
 */
import { createStore } from 'zustand/vanilla';
import type { MetricsReport, Scalars } from '../../src/protocol';
import { RingBuffer } from './ringBuffer';
import { trailingThrottle } from './trailingThrottle';

/** One point of the history: the light part of a report (no spectrum, no images). */
export interface HistoryPoint {
  step: number;
  losses: Scalars;
  scalars: Scalars;
  /** Line scalars of each term's diagnostics. */
  termScalars: Record<string, Scalars>;
  stepsPerSecond: number;
}

/** State of the metrics slice (what React sees, throttled). */
export interface MetricsState {
  /** Bumped at most every REDRAW_INTERVAL_MS when something changed. */
  version: number;
  latest: MetricsReport | null;
  first: MetricsReport | null;
}

/** How many reports the history keeps. */
export const HISTORY_CAPACITY = 2000;
/** Minimum time between two redraw notifications. */
export const REDRAW_INTERVAL_MS = 100;

const history = new RingBuffer<HistoryPoint>(HISTORY_CAPACITY);
let latest: MetricsReport | null = null;
let first: MetricsReport | null = null;

/** The metrics slice store. */
export const metricsStore = createStore<MetricsState>()(() => ({ version: 0, latest: null, first: null }));

/** Tells React about the reports recorded since the last redraw, at most every REDRAW_INTERVAL_MS. */
const scheduleFlush = trailingThrottle(() => metricsStore.setState((s) => ({ version: s.version + 1, latest, first })), REDRAW_INTERVAL_MS);

function toPoint(report: MetricsReport): HistoryPoint {
  const termScalars: Record<string, Scalars> = {};
  for (const [id, diag] of Object.entries(report.terms)) if (diag.scalars) termScalars[id] = diag.scalars;
  return { step: report.step, losses: report.losses, scalars: report.scalars, termScalars, stepsPerSecond: report.stepsPerSecond };
}

/**
 * Records a report. A step lower than the last one means the run restarted (reset or
 * rebuild), so the history starts over; the same step again replaces the last point.
 */
export function pushMetrics(report: MetricsReport): void {
  const last = history.last();
  if (last && report.step < last.step) clearMetrics();
  if (last && report.step === last.step) history.replaceLast(toPoint(report));
  else history.push(toPoint(report));
  latest = report;
  if (!first) first = report;
  scheduleFlush();
}

/** Forgets every report (new run). */
export function clearMetrics(): void {
  if (history.size === 0 && !latest) return;
  history.clear();
  latest = null;
  first = null;
  scheduleFlush();
}

/** The history, oldest first, up to date (not throttled). */
export function metricsHistory(): HistoryPoint[] {
  return history.toArray();
}

/** The latest report, up to date (not throttled). */
export function latestMetrics(): MetricsReport | null {
  return latest;
}
