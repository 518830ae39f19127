/**
 * The run library in the app's storage (collection 'runs' of src/storage/store.ts): each run
 * as three records, its summary (what the list reads), its full record and, when kept, its
 * weights, so listing never reads a history and a history never drags weights along. Every
 * record read is validated (and migrated when older); nothing read is trusted as it is.
 */
import { migrateRecord } from '../../src/library/migrateRecord';
import { runSummaryShape, summarize, type RunRecord, type RunSummary } from '../../src/library/runRecord';
import { storedWeightsShape, type RunWeights } from '../../src/library/weights';
import type { Collection } from '../../src/storage/store';

const SUMMARY = 'summary/';
const RECORD = 'run/';
const WEIGHTS = 'weights/';

/** The library as read: the runs that could be read, and a sentence per run that could not. */
export interface LibraryReadout {
  runs: RunSummary[];
  unreadable: string[];
}

/** A saved run with its weights (null when none are kept). */
export interface SavedRun {
  record: RunRecord;
  weights: RunWeights | null;
}

/** Reads the record of run `id` (migrating and rewriting an older one), or says why it cannot. */
async function readRecord(runs: Collection, id: string): Promise<RunRecord | string> {
  const raw = await runs.get(RECORD + id);
  if (raw === undefined) return `the saved run ${id} is missing`;
  const read = migrateRecord(raw);
  if (!read.ok) return `a saved run could not be read: ${read.problem}`;
  if (read.migratedFrom !== null) await runs.put(RECORD + id, read.record);
  return read.record;
}

/** Every run's summary, newest first (a damaged summary is rebuilt from its record). */
export async function listRuns(runs: Collection): Promise<LibraryReadout> {
  const out: LibraryReadout = { runs: [], unreadable: [] };
  for (const key of await runs.keys()) {
    if (!key.startsWith(SUMMARY)) continue;
    const id = key.slice(SUMMARY.length);
    const summary = runSummaryShape.safeParse(await runs.get(key));
    if (summary.success) {
      out.runs.push(summary.data);
      continue;
    }
    const record = await readRecord(runs, id);
    if (typeof record === 'string') {
      out.unreadable.push(record);
      continue;
    }
    const weights = await readWeights(runs, id);
    const rebuilt = summarize(record, weights?.step ?? null);
    await runs.put(key, rebuilt);
    out.runs.push(rebuilt);
  }
  out.runs.sort((a, b) => b.createdAt - a.createdAt);
  return out;
}

/** The kept weights of run `id`, or null (none kept, or damaged). */
async function readWeights(runs: Collection, id: string): Promise<RunWeights | null> {
  const parsed = storedWeightsShape.safeParse(await runs.get(WEIGHTS + id));
  return parsed.success ? parsed.data : null;
}

/** Run `id` with its weights, or a sentence saying why it cannot be read. */
export async function readRun(runs: Collection, id: string): Promise<SavedRun | string> {
  const record = await readRecord(runs, id);
  if (typeof record === 'string') return record;
  return { record, weights: await readWeights(runs, id) };
}

/** Writes a run's record and summary (with the step of its kept weights); returns the summary. */
export async function writeRun(runs: Collection, record: RunRecord, weightsStep: number | null): Promise<RunSummary> {
  const summary = summarize(record, weightsStep);
  await runs.put(RECORD + record.id, record);
  await runs.put(SUMMARY + record.id, summary);
  return summary;
}

/** Keeps weights for run `id`. */
export async function writeWeights(runs: Collection, id: string, weights: RunWeights): Promise<void> {
  await runs.put(WEIGHTS + id, weights);
}

/** Deletes every record of run `id`. */
export async function deleteRun(runs: Collection, id: string): Promise<void> {
  await runs.delete(SUMMARY + id);
  await runs.delete(RECORD + id);
  await runs.delete(WEIGHTS + id);
}
