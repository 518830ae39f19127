/**
 * Between a run's reports and its record: the record of a run from its history points and
 * latest report (what the auto-save writes), and the reports of a saved run (what a pinned
 * run is drawn from: its history, then its final spectrum and line labels on the last one). Pure.
 */
import type { RunConfig } from '../config';
import type { MetricsReport, TermDiagnostics } from '../protocol';
import { fromColumns, toColumns, type HistoryPointLike } from './historyColumns';
import { RUN_FORMAT, type RunRecord } from './runRecord';

/** Who a record is and when it was made: what stays the same from one save of a run to the next. */
export interface RecordIdentity {
  id: string;
  name: string;
  renamed: boolean;
  createdAt: number;
}

/** The record of a run from its history (oldest first) and its latest full report. */
export function recordOfRun(who: RecordIdentity, run: { config: RunConfig; backend: string | null; points: readonly HistoryPointLike[]; latest: MetricsReport | null }, now: number): RunRecord {
  const { latest } = run;
  const termLabels: Record<string, Record<string, string>> = {};
  for (const [id, diag] of Object.entries(latest?.terms ?? {})) if (diag.labels) termLabels[id] = { ...diag.labels };
  const spectrumKept = latest !== null && latest.spectrum.length > 0 && latest.spectrum.every(Number.isFinite);
  return {
    format: RUN_FORMAT,
    ...who,
    updatedAt: now,
    backend: run.backend,
    config: run.config,
    history: toColumns(run.points),
    termLabels,
    final: spectrumKept ? { step: latest.step, spectrum: [...latest.spectrum] } : null,
  };
}

/** The reports of a saved run, oldest first: light ones, the last carrying the final spectrum and the line labels. */
export function reportsOfRecord(record: RunRecord): MetricsReport[] {
  const points = fromColumns(record.history);
  return points.map((p, i) => {
    const last = i === points.length - 1;
    const terms: Record<string, TermDiagnostics> = {};
    for (const [id, scalars] of Object.entries(p.termScalars)) terms[id] = { scalars };
    if (last) for (const [id, labels] of Object.entries(record.termLabels)) terms[id] = { ...terms[id], labels };
    const spectrum = last && record.final ? record.final.spectrum : [];
    return { step: p.step, losses: p.losses, scalars: p.scalars, terms, spectrum, stepsPerSecond: p.stepsPerSecond };
  });
}
