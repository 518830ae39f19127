/**
 * The run library as the app shows it: the list of saved runs (summaries, newest first), the
 * run training now, the last message (an import refused, a run that could not be read) and
 * the last deleted run (for undo). Every change goes to storage through one queue, in order,
 * so an auto-save never overtakes a deletion; the list follows what storage holds.
 */
import { createStore } from 'zustand/vanilla';
import { LIBRARY_LIMIT, runsToEvict } from '../../src/library/eviction';
import { oversizeRunFile, parseRunFile } from '../../src/library/runFile';
import { runNameShape, type RunRecord, type RunSummary } from '../../src/library/runRecord';
import type { RunWeights } from '../../src/library/weights';
import type { Collection } from '../../src/storage/store';
import { appStorage } from '../storage/appStorage';
import { relabelPinned, unpinRun } from './pinning';
import { deleteRun, listRuns, readRun, writeRun, writeWeights, type SavedRun } from './runStorage';

/** A message for the library panel. */
export interface LibraryMessage {
  level: 'info' | 'error';
  text: string;
}

/** State of the library slice. */
export interface LibraryState {
  runs: RunSummary[];
  loaded: boolean;
  /** False when storage is in memory only (nothing survives a reload). */
  persistent: boolean;
  /** The run training now (its record is updated as it trains), or null. */
  currentId: string | null;
  message: LibraryMessage | null;
  /** The last deleted run, kept in memory until the next deletion so it can be put back. */
  deleted: SavedRun | null;
}

/** The library slice store. */
export const libraryStore = createStore<LibraryState>()(() => ({ runs: [], loaded: false, persistent: true, currentId: null, message: null, deleted: null }));

let queue: Promise<unknown> = Promise.resolve();

/** Runs a storage operation after the ones before it; a failure becomes the library's message. */
function queued<T>(what: string, op: (runs: Collection) => Promise<T>): Promise<T | null> {
  const next = queue.then(async () => {
    try {
      return await op((await appStorage()).collection('runs'));
    } catch (e) {
      say('error', `The library could not ${what}: ${e instanceof Error ? e.message : String(e)}`);
      return null;
    }
  });
  queue = next;
  return next;
}

/** Sets the library's message. */
export function say(level: LibraryMessage['level'], text: string): void {
  libraryStore.setState({ message: { level, text } });
}

/** Puts `summary` in the list (replacing the run's old one), newest first. */
function listed(summary: RunSummary): void {
  libraryStore.setState((s) => ({ runs: [summary, ...s.runs.filter((r) => r.id !== summary.id)].sort((a, b) => b.createdAt - a.createdAt) }));
}

let loading: Promise<unknown> | null = null;

/** Reads the list from storage (once; later calls wait for the first). */
export function loadLibrary(): Promise<unknown> {
  loading ??= queued('read the saved runs', async (runs) => {
    const readout = await listRuns(runs);
    const persistent = (await appStorage()).persistent;
    // Runs saved while the list was loading are kept.
    libraryStore.setState((s) => ({ runs: [...s.runs, ...readout.runs.filter((r) => !s.runs.some((x) => x.id === r.id))].sort((a, b) => b.createdAt - a.createdAt), loaded: true, persistent }));
    if (readout.unreadable.length > 0) say('error', `${readout.unreadable.length} saved run${readout.unreadable.length > 1 ? 's' : ''} could not be read and ${readout.unreadable.length > 1 ? 'are' : 'is'} not listed (${readout.unreadable[0]}).`);
  });
  return loading;
}

/** Saves a run's record (the summary keeps its kept weights' step); lets the oldest unnamed runs go past the library's limit. */
export function saveRun(record: RunRecord): Promise<unknown> {
  return queued(`save "${record.name}"`, async (runs) => {
    const known = libraryStore.getState().runs.find((r) => r.id === record.id);
    // A name the user gave (perhaps while this save waited its turn) stays.
    const named = known?.renamed ? { ...record, name: known.name, renamed: true } : record;
    listed(await writeRun(runs, named, known?.weightsStep ?? null));
    for (const id of runsToEvict(libraryStore.getState().runs, LIBRARY_LIMIT, libraryStore.getState().currentId)) {
      await deleteRun(runs, id);
      unpinRun(id);
      libraryStore.setState((s) => ({ runs: s.runs.filter((r) => r.id !== id) }));
    }
  });
}

/** Keeps `weights` with run `id` (whose record is saved first, by the caller). */
export function keepWeights(id: string, weights: RunWeights): Promise<unknown> {
  return queued('keep the weights', async (runs) => {
    const saved = await readRun(runs, id);
    if (typeof saved === 'string') throw new Error(saved);
    await writeWeights(runs, id, weights);
    listed(await writeRun(runs, saved.record, weights.step));
  });
}

/** A saved run with its weights, or a sentence saying why it cannot be read. */
export async function getRun(id: string): Promise<SavedRun | string> {
  return (await queued('read the run', (runs) => readRun(runs, id))) ?? 'the library could not be read';
}

/** Renames run `id`; returns why not, or null. */
export async function renameRun(id: string, name: string): Promise<string | null> {
  const checked = runNameShape.safeParse(name);
  if (!checked.success) return `Not renamed: ${checked.error.issues[0]?.message ?? 'not a name'}.`;
  const why = await queued('rename the run', async (runs) => {
    const saved = await readRun(runs, id);
    if (typeof saved === 'string') return `Not renamed: ${saved}.`;
    listed(await writeRun(runs, { ...saved.record, name: checked.data, renamed: true }, saved.weights?.step ?? null));
    relabelPinned(id, checked.data);
    return null;
  });
  return why ?? null;
}

/** Deletes run `id` (unpinning it), kept in memory for `undoDelete` until the next deletion. */
export function removeRun(id: string): Promise<unknown> {
  return queued('delete the run', async (runs) => {
    const saved = await readRun(runs, id);
    await deleteRun(runs, id);
    unpinRun(id);
    libraryStore.setState((s) => ({ runs: s.runs.filter((r) => r.id !== id), deleted: typeof saved === 'string' ? null : saved, currentId: s.currentId === id ? null : s.currentId }));
  });
}

/** Puts the last deleted run back. */
export function undoDelete(): Promise<unknown> {
  const saved = libraryStore.getState().deleted;
  if (!saved) return Promise.resolve();
  return queued('put the run back', async (runs) => {
    if (saved.weights) await writeWeights(runs, saved.record.id, saved.weights);
    listed(await writeRun(runs, saved.record, saved.weights?.step ?? null));
    libraryStore.setState({ deleted: null });
  });
}

/** A fresh run id (unique across tabs and machines). */
export function newRunId(): string {
  return `run-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Imports a run file: checked whole before anything is stored; says what happened. */
export async function importRunFile(file: File): Promise<void> {
  const tooLarge = oversizeRunFile(file.name, file.size);
  const read = tooLarge ?? parseRunFile(await file.text(), file.name);
  if (!read.ok) return say('error', read.message);
  // A new id: importing the same file twice, or back into the library it came from, keeps both.
  const record = { ...read.record, id: newRunId() };
  const done = await queued('import the run', async (runs) => {
    if (read.weights) await writeWeights(runs, record.id, read.weights);
    listed(await writeRun(runs, record, read.weights?.step ?? null));
    return true;
  });
  if (done) say('info', `Imported "${record.name}" (${record.history.steps.length} reports${read.weights ? ', with its weights' : ''}).`);
}
