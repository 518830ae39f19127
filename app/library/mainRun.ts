/**
 * The main run in the library: every run is kept, without a click. Its record is saved when
 * it stops training (pause, its stop step, an error), after single steps, every few reports
 * while it trains (app/library/runKeeper.ts), when the page is hidden, and one last time
 * before a rebuild replaces it (a new run then begins, with a new record). Its weights are
 * kept only on request (`keepMainWeights`).
 */
import { needsRebuild, type RunConfig } from '../../src/config';
import { configStore } from '../store/configStore';
import { latestMetrics, metricsHistory, metricsStore } from '../store/metricsStore';
import { runStore } from '../store/runStore';
import { requestWeights } from './engineWeights';
import { keepWeights, libraryStore, say } from './libraryStore';
import { RunKeeper } from './runKeeper';

const keeper = new RunKeeper();
/** The config the current history belongs to (live changes update it; a structural one starts the next run). */
let runConfig: RunConfig | null = null;
/** The backend that trains the current run. */
let runBackend: string | null = null;
let started = false;

/** The keeper's record is the main run's from now on, trained with `config` on the backend in use. */
function keepAs(config: RunConfig): void {
  runConfig = config;
  runBackend = runStore.getState().backend?.id ?? null;
  libraryStore.setState({ currentId: keeper.id });
}

/** A new run begins, with the config the engine is building now. */
function begin(): void {
  keeper.restart();
  keepAs(configStore.getState().config);
}

/** The main run goes on as library record `id` (resumed after a reload), with `config`, at `step`. */
export function continueMainRun(id: string, createdAt: number, config: RunConfig, step: number): void {
  keeper.continueRecord(id, createdAt, step);
  keepAs(config);
}

/** Saves the main run now, if it has reports not saved yet. */
export function saveMainRun(): Promise<unknown> {
  if (!runConfig) begin();
  runBackend ??= runStore.getState().backend?.id ?? null;
  return keeper.save({ config: runConfig!, backend: runBackend, points: metricsHistory(), latest: latestMetrics() });
}

/** Starts keeping the main run (once). */
export function startAutoSave(): void {
  if (started) return;
  started = true;
  configStore.subscribe((s, prev) => {
    // A live change (learning rate, a method) goes on with the same run; a structural one starts a new run when the engine rebuilds.
    if (runConfig && s.config !== prev.config && !needsRebuild(runConfig, s.config)) runConfig = s.config;
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
    if (keeper.due(s.latest.step, (runConfig ?? configStore.getState().config).metricsEvery)) void saveMainRun();
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
  const id = keeper.id;
  if (!libraryStore.getState().runs.some((r) => r.id === id)) return say('error', 'The weights could not be kept: train until the first report, so the run is in the library.');
  await keepWeights(id, weights);
  say('info', `Kept the weights of step ${weights.step} with this run.`);
}
