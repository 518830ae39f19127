/**
 * Resuming the run a closed or crashed page was training. While a run trains, its latest
 * weights are kept in storage (app/engine/keptSnapshot.ts). When the app opens, the newest such
 * record whose run is still in the library is offered (`recoveryStore`); older or unreadable
 * ones are removed (src/library/recoveryRecord.ts planRecovery). Resume rebuilds that run with its config, restores its weights at their step,
 * loads its saved history up to that step into the charts and trains on as the same library
 * run (twins are stopped: they would be steps behind). Dismiss removes the record.
 */
import { createStore } from 'zustand/vanilla';
import { validateConfig } from '../../src/config';
import { fromColumns } from '../../src/library/historyColumns';
import { planRecovery, type RecoveryRecord } from '../../src/library/recoveryRecord';
import { stopAllTwins } from '../compare/twinRuns';
import { resumeRun } from '../engine/engineClient';
import { configStore } from '../store/configStore';
import { loadMetrics } from '../store/metricsStore';
import { addNotice, runStore } from '../store/runStore';
import { appStorage } from '../storage/appStorage';
import { getRun, libraryStore, loadLibrary, say } from './libraryStore';
import { continueMainRun, saveMainRun } from './mainRun';

/** The run offered for resume, as the bar shows it. */
export interface RecoveryOffer {
  runId: string;
  name: string;
  step: number;
  /** When its weights were kept (milliseconds since 1970). */
  savedAt: number;
}

/** State of the recovery slice. */
export interface RecoveryState {
  offer: RecoveryOffer | null;
  /** Why the offered run cannot be resumed, once Resume was tried. */
  problem: string | null;
  /** True once the kept records have been read at startup. */
  checked: boolean;
}

/** The recovery slice store. */
export const recoveryStore = createStore<RecoveryState>()(() => ({ offer: null, problem: null, checked: false }));

/** The offered record (weights included), held until the user decides. */
let offered: RecoveryRecord | null = null;

const snapshotsCollection = async () => (await appStorage()).collection('snapshots');

/** Reads the kept records once, at startup: offers the newest whose run is in the library, removes the rest. */
export async function findInterruptedRun(): Promise<void> {
  try {
    const storage = await appStorage();
    if (!storage.persistent) return;
    await loadLibrary();
    const snapshots = storage.collection('snapshots');
    const stored = await Promise.all((await snapshots.keys()).map(async (key) => ({ key, raw: await snapshots.get(key) })));
    const { runs, currentId } = libraryStore.getState();
    const plan = planRecovery(stored, runs, currentId);
    for (const key of plan.remove) await snapshots.delete(key);
    if (plan.unreadable.length > 0) addNotice('warning', 'internal', `The weights kept for resuming an earlier run could not be used and were removed (${plan.unreadable[0]}).`);
    if (plan.offer) {
      const { record, name } = plan.offer;
      offered = record;
      recoveryStore.setState({ offer: { runId: record.runId, name, step: record.step, savedAt: record.savedAt }, problem: null });
    }
  } catch (e) {
    addNotice('warning', 'internal', `The weights kept for resuming an earlier run could not be read: ${e instanceof Error ? e.message : String(e)}.`);
  } finally {
    recoveryStore.setState({ checked: true });
  }
}

/** Resumes the offered run (see the module comment); says why not when it cannot. */
export async function resumeInterruptedRun(): Promise<void> {
  const record = offered;
  if (!record) return;
  const { catalog } = runStore.getState();
  if (!catalog) return recoveryStore.setState({ problem: 'The engine is still starting; try again in a moment.' });
  const checked = validateConfig(record.config, catalog);
  if (!checked.ok) return recoveryStore.setState({ problem: `This version cannot run it again: ${checked.errors.join(' ')}` });
  const saved = await getRun(record.runId);
  if (typeof saved === 'string') return recoveryStore.setState({ problem: `Its history could not be read: ${saved}.` });
  // The run training now is kept in the library first, as a rebuild would keep it.
  await saveMainRun();
  stopAllTwins();
  offered = null;
  recoveryStore.setState({ offer: null, problem: null });
  loadMetrics(fromColumns(saved.record.history).filter((p) => p.step <= record.step));
  continueMainRun(record.runId, saved.record.createdAt, checked.config, record.step);
  configStore.setState({ config: checked.config });
  resumeRun({ step: record.step, config: checked.config, tensors: record.tensors });
  say('info', `Resumed "${saved.record.name}" from step ${record.step}.`);
}

/** Declines the offer: its kept weights are removed (the run's history stays in the library). */
export async function dismissInterruptedRun(): Promise<void> {
  const record = offered;
  offered = null;
  recoveryStore.setState({ offer: null, problem: null });
  if (record) await (await snapshotsCollection()).delete(record.runId).catch(() => {});
}
