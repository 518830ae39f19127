/**
 * `window.__collapseLab`: the stable hook the Playwright specs (and curious users in
 * the console) use to read the app's state and drive the engine directly.
 */
import type { Catalog } from '../../src/catalog';
import type { RunConfig } from '../../src/config';
import type { BackendInfo, Command, MetricsReport, RunState, Scalars } from '../../src/protocol';
import type { RunSummary } from '../../src/library/runRecord';
import type { AutoSpeeds } from '../backend/measuredAuto';
import { compareStore, comparedHistory } from '../compare/compareStore';
import { libraryStore } from '../library/libraryStore';
import { recoveryStore } from '../library/recovery';
import { configStore } from '../store/configStore';
import { appStorage } from '../storage/appStorage';
import { latestMetrics, metricsHistory } from '../store/metricsStore';
import { runStore, type Notice } from '../store/runStore';
import { engineFaults, sendCommand } from './engineClient';

/** What `snapshot()` returns. */
export interface LabSnapshot {
  state: RunState;
  step: number;
  backend: BackendInfo | null;
  config: RunConfig;
  catalog: Catalog | null;
  latest: MetricsReport | null;
  history: { step: number; losses: Scalars; scalars: Scalars; termScalars: Record<string, Scalars> }[];
  notices: Pick<Notice, 'level' | 'code' | 'message'>[];
  /** The runs trained beside the main one (twins), with their reports. */
  compared: ComparedSnapshot[];
  /** What Auto measured on each backend for this run (steps/s; the banner shows it); null unless Auto measured. */
  autoSpeeds: AutoSpeeds | null;
}

/** One compared run in a snapshot. */
export interface ComparedSnapshot {
  id: string;
  /** False for a run pinned from the library (no engine). */
  live: boolean;
  label: string;
  mainLabel: string;
  state: RunState;
  step: number;
  config: RunConfig;
  latest: MetricsReport | null;
  history: { step: number; losses: Scalars; scalars: Scalars; termScalars: Record<string, Scalars> }[];
}

/** The hook object on window. */
export interface LabHooks {
  snapshot(): LabSnapshot;
  send(cmd: Command): void;
  /** The run library as listed (newest first) and the id of the run training now. */
  library(): { runs: RunSummary[]; currentId: string | null };
  /** The recovery snapshots in storage (app/engine/keptSnapshot.ts): the library run and step of each. */
  keptSnapshots(): Promise<{ runId: string; step: number }[]>;
  /** Whether the kept records were read at startup, and the library run offered for resume (app/library/recovery.ts). */
  recovery(): { checked: boolean; offeredRunId: string | null };
  /** Fault drill: ends the main engine's worker without warning (the app's watchdog must notice it). */
  killEngine(): void;
  /** Fault drill: makes the main engine's worker throw an error nothing catches (its 'error' event). */
  crashEngine(): void;
}

declare global {
  interface Window {
    __collapseLab?: LabHooks;
  }
}

/** Installs `window.__collapseLab`. */
export function installTestHooks(): void {
  window.__collapseLab = {
    snapshot() {
      const run = runStore.getState();
      return {
        state: run.state,
        step: run.step,
        backend: run.backend,
        config: configStore.getState().config,
        catalog: run.catalog,
        latest: latestMetrics(),
        history: metricsHistory().map((p) => ({ step: p.step, losses: p.losses, scalars: p.scalars, termScalars: p.termScalars })),
        notices: run.notices.map(({ level, code, message }) => ({ level, code, message })),
        compared: compareStore.getState().runs.map((r) => {
          const h = comparedHistory(r.id);
          return {
            id: r.id,
            live: r.live,
            label: r.label,
            mainLabel: r.mainLabel,
            state: r.state,
            step: r.step,
            config: r.config,
            latest: h.latest,
            history: h.history().map((p) => ({ step: p.step, losses: p.losses, scalars: p.scalars, termScalars: p.termScalars })),
          };
        }),
        autoSpeeds: run.autoSpeeds,
      };
    },
    send(cmd) {
      // Keep the UI's view of the config in step with what the test sends.
      if (cmd.type === 'configure') configStore.setState({ config: cmd.config });
      if (cmd.type === 'set') configStore.setState((s) => ({ config: { ...s.config, ...cmd.patch } }));
      sendCommand(cmd);
    },
    library() {
      const { runs, currentId } = libraryStore.getState();
      return { runs, currentId };
    },
    async keptSnapshots() {
      const snapshots = (await appStorage()).collection('snapshots');
      const out: { runId: string; step: number }[] = [];
      for (const key of await snapshots.keys()) {
        const record = (await snapshots.get(key)) as { step?: unknown } | undefined;
        out.push({ runId: key, step: typeof record?.step === 'number' ? record.step : -1 });
      }
      return out;
    },
    recovery() {
      const { checked, offer } = recoveryStore.getState();
      return { checked, offeredRunId: offer?.runId ?? null };
    },
    killEngine: engineFaults.kill,
    crashEngine: engineFaults.crash,
  };
}
