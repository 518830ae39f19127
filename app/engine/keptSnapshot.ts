/**
 * The main run's last restore point, kept outside the engine's worker: the latest `snapshot`
 * event (its weights, step and the config they belong to). It is held in memory, which is
 * what a restart of a dead engine restores from (app/engine/engineClient.ts), and written to
 * the storage's 'snapshots' collection under the run's library id, at most every
 * PERSIST_EVERY_MS, the records of earlier runs removed (one run's weights on disk at a time).
 * A rebuilt run (a structural change, a reset) has no restore point until its next snapshot.
 */
import type { RunConfig } from '../../src/config';
import type { NamedTensor, WorkerEvent } from '../../src/protocol';
import { libraryStore } from '../library/libraryStore';
import { appStorage } from '../storage/appStorage';

/** A restore point of the main run. */
export interface KeptSnapshot {
  step: number;
  /** The run's config at `step` (a restore needs the same structure). */
  config: RunConfig;
  tensors: NamedTensor[];
}

/** The stored record: the snapshot, the run it belongs to and when it was written. */
interface StoredSnapshot extends KeptSnapshot {
  runId: string;
  savedAt: number;
}

/** The storage copy is written no more often than this (the memory copy follows every snapshot). */
export const PERSIST_EVERY_MS = 10_000;

let latest: KeptSnapshot | null = null;
let persistedAt = -Infinity;
let writing = false;

/** The main run's latest restore point, if it has one. */
export function keptSnapshot(): KeptSnapshot | null {
  return latest;
}

/** Keeps the engine's latest snapshot (and writes it to storage when the last write is old enough). */
export function keepSnapshot(ev: Extract<WorkerEvent, { type: 'snapshot' }>): void {
  latest = { step: ev.step, config: ev.config, tensors: ev.tensors };
  if (!writing && performance.now() - persistedAt >= PERSIST_EVERY_MS) void persist(latest);
}

/** The run was rebuilt from step 0: the snapshot of the run it replaced is no restore point for it. */
export function forgetSnapshot(): void {
  latest = null;
}

async function persist(snap: KeptSnapshot): Promise<void> {
  const runId = libraryStore.getState().currentId;
  if (!runId) return;
  writing = true;
  persistedAt = performance.now();
  try {
    const snapshots = (await appStorage()).collection('snapshots');
    const record: StoredSnapshot = { ...snap, runId, savedAt: Date.now() };
    await snapshots.put(runId, record);
    for (const key of await snapshots.keys()) if (key !== runId) await snapshots.delete(key);
  } catch {
    // The memory copy is what a restart uses; a storage that refuses the write costs nothing now.
  } finally {
    writing = false;
  }
}
