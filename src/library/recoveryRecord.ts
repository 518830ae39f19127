/**
 * A recovery snapshot as storage keeps it: the main run's latest weights, the step and config
 * they belong to, the library run they continue and when they were written. The app writes one
 * while a run trains (app/engine/keptSnapshot.ts) and, after the page was closed or crashed,
 * offers to resume that run from it (app/library/recovery.ts). A record damaged on disk or
 * written by another version is reported, never trusted. Pure: no tfjs, no DOM.
 */
import { z } from '../util/zod';
import { runConfigShape, type RunConfig } from '../config';
import { describeIssues } from './migrateRecord';
import { storedWeightsShape, type RunWeights } from './weights';

/** A recovery snapshot record. */
export const recoveryRecordShape = storedWeightsShape.extend({
  /** The library record of the run (its history). */
  runId: z.string().min(1).max(200),
  /** Milliseconds since 1970. */
  savedAt: z.number(),
  config: runConfigShape,
});

/** A recovery snapshot: a run's weights at a step, the config they belong to, its library run and when they were written. */
export interface RecoveryRecord extends RunWeights {
  runId: string;
  savedAt: number;
  config: RunConfig;
}

/** The record, or a sentence saying why it cannot be used. */
export function parseRecoveryRecord(raw: unknown): { ok: true; record: RecoveryRecord } | { ok: false; message: string } {
  const parsed = recoveryRecordShape.safeParse(raw);
  if (parsed.success) return { ok: true, record: parsed.data };
  return { ok: false, message: `the kept snapshot cannot be read: ${describeIssues(parsed.error)}` };
}

/** What to do with the records storage keeps, read when the app opens. */
export interface RecoveryPlan {
  /** The newest readable record of a run still in the library (not the one training now), with that run's name. */
  offer: { record: RecoveryRecord; name: string } | null;
  /** Keys of records to remove: unreadable, filed under another run, of a run no longer in the library, or older than the offer. */
  remove: string[];
  /** A sentence per unreadable record. */
  unreadable: string[];
}

/**
 * Chooses the record to offer for resume among `stored` (key and raw value of each), given the
 * runs the library lists and the run this page trains now (its own record is left alone).
 */
export function planRecovery(stored: readonly { key: string; raw: unknown }[], library: readonly { id: string; name: string }[], currentId: string | null): RecoveryPlan {
  const plan: RecoveryPlan = { offer: null, remove: [], unreadable: [] };
  const readable: RecoveryRecord[] = [];
  for (const { key, raw } of stored) {
    if (key === currentId) continue;
    const read = parseRecoveryRecord(raw);
    if (read.ok && read.record.runId === key) readable.push(read.record);
    else {
      plan.remove.push(key);
      plan.unreadable.push(read.ok ? `the record of ${key} is filed under another run` : read.message);
    }
  }
  for (const record of readable.sort((a, b) => b.savedAt - a.savedAt)) {
    const run = library.find((r) => r.id === record.runId);
    if (run && plan.offer === null) plan.offer = { record, name: run.name };
    else plan.remove.push(record.runId);
  }
  return plan;
}
