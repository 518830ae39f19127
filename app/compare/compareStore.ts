/**
 * The compared runs: twins of the main run (one toggle flipped, same seed), each trained by
 * its own engine step for step with the main one, and runs pinned from the library, drawn
 * from their saved history with no engine behind them. The store holds what React shows
 * (label, colour, state, step, a throttled version per run); each run's reports live in its
 * own RunHistory, like the main run's. Twins come first (a demo's control is the first twin).
 */
import { createStore } from 'zustand/vanilla';
import type { Flip } from '../../src/compare/flip';
import type { RunConfig } from '../../src/config';
import type { MetricsReport, RunState } from '../../src/protocol';
import { RunHistory } from '../store/runHistory';
import { trailingThrottle } from '../store/trailingThrottle';

/** What every compared run has. */
interface ComparedRunBase {
  id: string;
  /** Legend text of this run ("CorInfoMax off") and of the main run seen against it ("CorInfoMax on"). */
  label: string;
  mainLabel: string;
  color: string;
  config: RunConfig;
  state: RunState;
  step: number;
}

/** A twin: trained live by its own engine. */
export interface TwinRun extends ComparedRunBase {
  live: true;
  /** What it changes relative to the main run. */
  flip: Flip;
}

/** A run pinned from the library: its saved history, no engine (it never receives commands). */
export interface PinnedRun extends ComparedRunBase {
  live: false;
  /** Its id in the library. */
  libraryId: string;
}

/** One compared run. */
export type ComparedRun = TwinRun | PinnedRun;

/** State of the compare slice. */
export interface CompareState {
  runs: ComparedRun[];
  /** Bumped (throttled) when any compared run's reports change. */
  version: number;
}

/** Colours of compared runs, after the main run's blue. */
export const COMPARED_COLORS = ['#dc2626', '#059669', '#d97706'] as const;
/** The main run's colour in comparisons. */
export const MAIN_COLOR = '#2563eb';
/** At most this many runs train beside the main one (each takes a CPU core or a GPU share). */
export const MAX_COMPARED = COMPARED_COLORS.length;
/** Colours of pinned runs. */
export const PINNED_COLORS = ['#7c3aed', '#0891b2', '#db2777', '#65a30d'] as const;
/** At most this many saved runs are drawn at once (a chart with more lines is unreadable). */
export const MAX_PINNED = PINNED_COLORS.length;

const histories = new Map<string, RunHistory>();

/** The compare slice store. */
export const compareStore = createStore<CompareState>()(() => ({ runs: [], version: 0 }));

const scheduleFlush = trailingThrottle(() => compareStore.setState((s) => ({ version: s.version + 1 })), 100);

/** Adds a run (its history starts empty), twins before pinned runs. */
export function addComparedRun(run: ComparedRun): void {
  histories.set(run.id, new RunHistory());
  // A stable sort: each kind keeps its order.
  compareStore.setState((s) => ({ runs: [...s.runs, run].sort((a, b) => Number(b.live) - Number(a.live)) }));
}

/** Adds a pinned run with its saved reports (oldest first). */
export function addPinnedRun(run: PinnedRun, reports: readonly MetricsReport[]): void {
  addComparedRun(run);
  const history = histories.get(run.id)!;
  for (const report of reports) history.push(report);
  scheduleFlush();
}

/** The twins (the runs with an engine). */
export function liveRuns(): TwinRun[] {
  return compareStore.getState().runs.filter((r): r is TwinRun => r.live);
}

/** Removes a run and its history. */
export function removeComparedRun(id: string): void {
  histories.delete(id);
  compareStore.setState((s) => ({ runs: s.runs.filter((r) => r.id !== id), version: s.version + 1 }));
}

/** Updates a run's fields (those every kind of run has). */
export function updateComparedRun(id: string, patch: Partial<Omit<ComparedRunBase, 'id'>>): void {
  compareStore.setState((s) => ({ runs: s.runs.map((r): ComparedRun => (r.id === id ? { ...r, ...patch } : r)) }));
}

/** Records a report of a compared run. */
export function pushComparedMetrics(id: string, report: MetricsReport): void {
  histories.get(id)?.push(report);
  scheduleFlush();
}

/** Forgets a compared run's reports (its run restarted). */
export function clearComparedMetrics(id: string): void {
  if (histories.get(id)?.clear()) scheduleFlush();
}

/** A compared run's reports (empty for an unknown id). */
export function comparedHistory(id: string): RunHistory {
  return histories.get(id) ?? new RunHistory();
}
