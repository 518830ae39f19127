/**
 * Keeping one training run in the library as it goes: which record it is (a new one each time
 * the run starts over), when it was last saved, and whether a save is due while it trains.
 * The main run has one (app/library/mainRun.ts) and so does each twin (app/library/twinsKept.ts).
 * A save copies the light history synchronously (a few ms) and writes it asynchronously.
 */
import type { RunConfig } from '../../src/config';
import type { HistoryPointLike } from '../../src/library/historyColumns';
import { defaultRunName } from '../../src/library/runName';
import { recordOfRun } from '../../src/library/runReports';
import type { MetricsReport } from '../../src/protocol';
import { runStore } from '../store/runStore';
import { newRunId, saveRun } from './libraryStore';

/** While training, a save every this many reports... */
const SAVE_EVERY_REPORTS = 20;
/** ...and no more often than this. */
const MIN_SAVE_INTERVAL_MS = 5_000;

/** What a save reads of a run. */
export interface KeptRun {
  config: RunConfig;
  backend: string | null;
  points: readonly HistoryPointLike[];
  latest: MetricsReport | null;
}

/** One run kept in the library. */
export class RunKeeper {
  private record: { id: string; createdAt: number } | null = null;
  /** The last step saved (-1: nothing yet) and when. */
  private savedStep = -1;
  private savedAt = 0;

  /** The id of the record kept now, made on first use. */
  get id(): string {
    this.record ??= { id: newRunId(), createdAt: Date.now() };
    return this.record.id;
  }

  /** The run starts over: the next save makes a new record. */
  restart(): void {
    this.record = null;
    this.savedStep = -1;
  }

  /** The run goes on as record `id` (a run resumed from the library), saved up to `step`. */
  continueRecord(id: string, createdAt: number, step: number): void {
    this.record = { id, createdAt };
    this.savedStep = step;
  }

  /** True when a run training at `step` has not been saved for a while. */
  due(step: number, metricsEvery: number): boolean {
    return step - this.savedStep >= SAVE_EVERY_REPORTS * metricsEvery && performance.now() - this.savedAt >= MIN_SAVE_INTERVAL_MS;
  }

  /** Saves the run, if it has reports not saved yet. */
  save(run: KeptRun): Promise<unknown> {
    const last = run.points[run.points.length - 1];
    if (!last || last.step === this.savedStep) return Promise.resolve();
    const id = this.id;
    const name = defaultRunName(run.config, runStore.getState().catalog);
    const record = recordOfRun({ id, name, renamed: false, createdAt: this.record!.createdAt }, run, Date.now());
    this.savedStep = last.step;
    this.savedAt = performance.now();
    return saveRun(record);
  }
}
