/**
 * Twins are kept too: each twin's history is saved like the main run's (app/library/runKeeper.ts),
 * when it stops training, every few reports while it trains, and before its engine rebuilds
 * it (each restart is a new record). A twin stopped by the user keeps what was last saved.
 */
import { compareStore, comparedHistory, type TwinRun } from '../compare/compareStore';
import { RunKeeper } from './runKeeper';

const keepers = new Map<string, RunKeeper>();
let started = false;

/** Saves twin `run` now, if it has reports not saved yet. */
function saveTwin(run: TwinRun): void {
  let keeper = keepers.get(run.id);
  if (!keeper) keepers.set(run.id, (keeper = new RunKeeper()));
  const history = comparedHistory(run.id);
  // A twin's config names the backend it really runs on.
  void keeper.save({ config: run.config, backend: run.config.backend === 'auto' ? null : run.config.backend, points: history.history(), latest: history.latest });
}

/** Starts keeping the twins (once). */
export function startKeepingTwins(): void {
  if (started) return;
  started = true;
  compareStore.subscribe((s, prev) => {
    for (const run of s.runs) {
      if (!run.live) continue;
      const before = prev.runs.find((r) => r.id === run.id);
      if (run.state === 'building' && before && before.state !== 'building') {
        // Its engine restarts it: the history is still whole here (it is cleared right after this status).
        saveTwin(run);
        keepers.get(run.id)?.restart();
      } else if (run.state !== 'running' && run.state !== 'building' && before && (before.state !== run.state || before.step !== run.step)) {
        saveTwin(run);
      } else if (run.state === 'running' && s.version !== prev.version) {
        const keeper = keepers.get(run.id);
        if (!keeper || keeper.due(run.step, run.config.metricsEvery)) saveTwin(run);
      }
    }
    for (const id of keepers.keys()) if (!s.runs.some((r) => r.id === id)) keepers.delete(id);
  });
}
