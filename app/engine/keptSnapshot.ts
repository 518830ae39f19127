/**
 * The main run's last restore point, kept outside the engine's worker: the latest `snapshot`
 * event (its weights, step and the config they belong to). It is held in memory, which is
 * what a restart of a dead engine restores from (app/engine/engineClient.ts), and written to
 * the storage's 'snapshots' collection under the run's library id, at most every
 * PERSIST_EVERY_MS (the latest one is written when that time is up). When this page moves on
 * to another run, the record of the run it wrote before is removed (records of other tabs are
 * left alone). After a reload, app/library/recovery.ts offers to resume the newest record. A
 * rebuilt run (a structural change, a reset) has no restore point until its next snapshot.
 */
import type { RunConfig } from '../../src/config';
import type { RecoveryRecord } from '../../src/library/recoveryRecord';
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

/** The storage copy is written no more often than this (the memory copy follows every snapshot). */
export const PERSIST_EVERY_MS = 10_000;

let latest: KeptSnapshot | null = null;
let persistedAt = -Infinity;
let writing = false;
/** The pending write, if one is scheduled. */
let timer: ReturnType<typeof setTimeout> | null = null;
/** The run whose record this page wrote last. */
let writtenRunId: string | null = null;

/** The main run's latest restore point, if it has one. */
export function keptSnapshot(): KeptSnapshot | null {
  return latest;
}

/** Keeps the engine's latest snapshot, and writes it to storage once the last write is old enough. */
export function keepSnapshot(ev: Extract<WorkerEvent, { type: 'snapshot' }>): void {
  latest = { step: ev.step, config: ev.config, tensors: ev.tensors };
  schedulePersist();
}

/** Writes the latest snapshot PERSIST_EVERY_MS after the last write (at once if that is past): the last one before a pause is written too. */
function schedulePersist(): void {
  if (timer !== null) return;
  timer = setTimeout(
    () => {
      timer = null;
      if (writing) schedulePersist();
      else if (latest) void persist(latest);
    },
    Math.max(0, persistedAt + PERSIST_EVERY_MS - performance.now()),
  );
}

/** Takes `snap` as the run's restore point without writing it (it came from storage: a resumed run). */
export function adoptSnapshot(snap: KeptSnapshot): void {
  latest = snap;
  persistedAt = performance.now();
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
    const record: RecoveryRecord = { ...snap, runId, savedAt: Date.now() };
    await snapshots.put(runId, record);
    if (writtenRunId !== null && writtenRunId !== runId) await snapshots.delete(writtenRunId);
    writtenRunId = runId;
  } catch {
    // The memory copy is what a restart uses; a storage that refuses the write costs nothing now.
  } finally {
    writing = false;
  }
}
