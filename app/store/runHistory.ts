/**
 * The reports of one run, as the charts need them: a bounded history of light points
 * (losses, scalars, line diagnostics), the latest full report and the run's first one.
 * The main run has one (app/store/metricsStore.ts), and so does every compared run
 * (app/compare/compareStore.ts). Pure bookkeeping: no store, no DOM.
 */
import type { MetricsReport, Scalars } from '../../src/protocol';
import { RingBuffer } from './ringBuffer';

/** One point of the history: the light part of a report (no spectrum, no images). */
export interface HistoryPoint {
  step: number;
  losses: Scalars;
  scalars: Scalars;
  /** Line scalars of each term's diagnostics. */
  termScalars: Record<string, Scalars>;
  stepsPerSecond: number;
}

/** How many reports a history keeps. */
export const HISTORY_CAPACITY = 2000;

/** The light part of a report. */
export function toHistoryPoint(report: MetricsReport): HistoryPoint {
  const termScalars: Record<string, Scalars> = {};
  for (const [id, diag] of Object.entries(report.terms)) if (diag.scalars) termScalars[id] = diag.scalars;
  return { step: report.step, losses: report.losses, scalars: report.scalars, termScalars, stepsPerSecond: report.stepsPerSecond };
}

/** The reports of one run. */
export class RunHistory {
  private readonly points = new RingBuffer<HistoryPoint>(HISTORY_CAPACITY);
  private latestReport: MetricsReport | null = null;
  private firstReport: MetricsReport | null = null;

  /**
   * Records a report. A step lower than the last one means the run restarted (reset or
   * rebuild), so the history starts over; the same step again replaces the last point.
   */
  push(report: MetricsReport): void {
    const last = this.points.last();
    if (last && report.step < last.step) this.clear();
    if (last && report.step === last.step && this.points.size > 0) this.points.replaceLast(toHistoryPoint(report));
    else this.points.push(toHistoryPoint(report));
    this.latestReport = report;
    if (!this.firstReport) this.firstReport = report;
  }

  /**
   * Forgets the points after `step` (the run was restored to it and trains those steps again);
   * returns false when there were none. The latest report stays until the next one.
   */
  rewind(step: number): boolean {
    let dropped = false;
    while ((this.points.last()?.step ?? -Infinity) > step) dropped = this.points.dropLast() !== undefined;
    return dropped;
  }

  /**
   * Starts over with `points`, oldest first (a run resumed from the library: its saved history;
   * the latest full report comes with the next push). Keeps the last HISTORY_CAPACITY.
   */
  load(points: readonly HistoryPoint[]): void {
    this.clear();
    for (const p of points.slice(-HISTORY_CAPACITY)) this.points.push(p);
  }

  /** Forgets every report; returns false when there was nothing to forget. */
  clear(): boolean {
    if (this.points.size === 0 && !this.latestReport) return false;
    this.points.clear();
    this.latestReport = null;
    this.firstReport = null;
    return true;
  }

  /** The history, oldest first. */
  history(): HistoryPoint[] {
    return this.points.toArray();
  }

  /** The latest report. */
  get latest(): MetricsReport | null {
    return this.latestReport;
  }

  /** The run's first report (the faded spectrum). */
  get first(): MetricsReport | null {
    return this.firstReport;
  }
}
