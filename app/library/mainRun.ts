/**
 * The main run in the library: every run is kept, without a click. Its record is saved
 * when it stops training (pause, its stop step, an error), after single steps, every
 * SAVE_EVERY_REPORTS reports while it trains (at most every MIN_SAVE_INTERVAL_MS), when the
 * page is hidden, and one last time before a rebuild replaces it (a new run then begins, with
 * a new record). A save copies the light history synchronously (a few ms) and writes it
 * asynchronously. Its weights are kept only on request (`keepMainWeights`).
 */
import { needsRebuild, type RunConfig } from '../../src/config';
import { defaultRunName } from '../../src/library/runName';
import { recordOfRun } from '../../src/library/runReports';
import { configStore } from '../store/configStore';
import { latestMetrics, metricsHistory, metricsStore } from '../store/metricsStore';
import { runStore } from '../store/runStore';
import { requestWeights } from './engineWeights';
import { keepWeights, libraryStore, newRunId, saveRun, say } from './libraryStore';

/** While training, a save every this many reports... */
const SAVE_EVERY_REPORTS = 20;
/** ...and no more often than this. */
const MIN_SAVE_INTERVAL_MS = 5_000;

/** The run training now: its record's id, when it began, the config its history belongs to. */
interface CurrentRun {
  id: string;
  createdAt: number;
  config: RunConfig;
  backend: string | null;
}

let current: CurrentRun | null = null;
/** The last step saved (-1: nothing yet) and when. */
let savedStep = -1;
let savedAt = 0;
let started = false;

/** A new run begins (its config: the one the engine is building now). */
function begin(): CurrentRun {
  current = { id: newRunId(), createdAt: Date.now(), config: configStore.getState().config, backend: runStore.getState().backend?.id ?? null };
  savedStep = -1;
  libraryStore.setState({ currentId: current.id });
  return current;
}

/** Saves the main run now, if it has reports not saved yet. */
export function saveMainRun(): Promise<unknown> {
  const points = metricsHistory();
  const last = points[points.length - 1];
  if (!last || last.step === savedStep) return Promise.resolve();
  const run = current ?? begin();
  const { catalog, backend } = runStore.getState();
  run.backend ??= backend?.id ?? null;
  const record = recordOfRun({ id: run.id, name: defaultRunName(run.config, catalog), renamed: false, createdAt: run.createdAt }, { config: run.config, backend: run.backend, points, latest: latestMetrics() }, Date.now());
  savedStep = last.step;
  savedAt = performance.now();
  return saveRun(record);
}

/** Starts keeping the main run (once). */
export function startAutoSave(): void {
  if (started) return;
  started = true;
  configStore.subscribe((s, prev) => {
    // A live change (learning rate, a method) goes on with the same run; a structural one starts a new run when the engine rebuilds.
    if (current && s.config !== prev.config && !needsRebuild(current.config, s.config)) current.config = s.config;
  });
  runStore.subscribe((s, prev) => {
    if (s.state === 'building' && prev.state !== 'building') {
      // The engine replaces the run: its history is still whole here (it is cleared right after this status).
      void saveMainRun();
      begin();
    } else if (s.state !== 'running' && s.state !== 'building' && (s.state !== prev.state || s.step !== prev.step)) {
      void saveMainRun();
    }
  });
  metricsStore.subscribe((s, prev) => {
    if (s.version === prev.version || !s.latest || runStore.getState().state !== 'running') return;
    const every = current?.config.metricsEvery ?? configStore.getState().config.metricsEvery;
    if (s.latest.step - savedStep >= SAVE_EVERY_REPORTS * every && performance.now() - savedAt >= MIN_SAVE_INTERVAL_MS) void saveMainRun();
  });
  addEventListener('pagehide', () => void saveMainRun());
}

/** Asks the engine for the main run's weights and keeps them with its record. */
export async function keepMainWeights(): Promise<void> {
  let weights;
  try {
    weights = await requestWeights();
  } catch (e) {
    return say('error', `The weights could not be kept: ${e instanceof Error ? e.message : String(e)}.`);
  }
  await saveMainRun();
  const id = current?.id;
  if (!id || !libraryStore.getState().runs.some((r) => r.id === id)) return say('error', 'The weights could not be kept: train until the first report, so the run is in the library.');
  await keepWeights(id, weights);
  say('info', `Kept the weights of step ${weights.step} with this run.`);
}
