/**
 * The connection to the main run's engine worker: sends it typed commands (remembering the
 * configs, so a stale echo can be recognised) and hands its events to a handler
 * (app/engine/handleWorkerEvent.ts, which dispatches them into the stores). Every command
 * is also shown to the listeners (the compared runs follow the main one).
 *
 * When the worker dies (app/engine/workerConnection.ts), a new one is started with the
 * current config and the run's last snapshot (app/engine/keptSnapshot.ts), at its step: the
 * charts keep their history up to that step and the run goes on (training again if it was);
 * without a snapshot that fits, it starts again from step 0. After MAX_RESTARTS deaths within
 * RESTART_WINDOW_MS it is not restarted again.
 */
import { needsRebuild, type RunConfig } from '../../src/config';
import type { Command, WorkerEvent } from '../../src/protocol';
import { configStore } from '../store/configStore';
import { rewindMetrics } from '../store/metricsStore';
import { addNotice, runStore } from '../store/runStore';
import { adoptSnapshot, forgetSnapshot, keepSnapshot, keptSnapshot, type KeptSnapshot } from './keptSnapshot';
import { sameValue } from './sameConfig';
import { WorkerConnection } from './workerConnection';

/** At most this many restarts of the main engine within RESTART_WINDOW_MS. */
export const MAX_RESTARTS = 3;
/** See MAX_RESTARTS. */
export const RESTART_WINDOW_MS = 10 * 60_000;

const ENGINE_NAME = 'The training engine';

let connection: WorkerConnection | null = null;
let handler: ((ev: WorkerEvent) => void) | null = null;
/** When the engine restarted (performance.now()), within the window. */
const restarts: number[] = [];
/** A restarted engine builds the run before restoring it: its statuses below this step are not the run's. */
let restoringStep: number | null = null;
/** The engine trained a report since it (re)built the run or started a backend: slow first steps are behind it, so silence means death. */
let warm = false;
/** The last lockstep hold sent, sent again to a restarted engine. */
let lastHold: Command | null = null;
const queued: Command[] = [];
/** The configs the UI asked for, oldest first (the last few). */
const sent: RunConfig[] = [];
const SENT_KEPT = 20;
const listeners = new Set<(cmd: Command) => void>();

/** The query string the page was opened with (the link, before the app rewrites it). */
export const initialSearch = typeof location === 'undefined' ? '' : location.search;

/** Calls `listener` with every command sent to the main engine; returns the unsubscribe function. */
export function onMainCommand(listener: (cmd: Command) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Sends a command to the engine (queued until the worker exists). Config commands are remembered. */
export function sendCommand(cmd: Command): void {
  if (cmd.type === 'configure' || cmd.type === 'set') {
    configStore.setState({ lastSentAt: performance.now() });
    sent.push(cmd.type === 'configure' ? cmd.config : configStore.getState().config);
    if (sent.length > SENT_KEPT) sent.shift();
  }
  if (connection) connection.send(cmd);
  else queued.push(cmd);
  for (const listener of listeners) listener(cmd);
}

/** Sends a command to the main engine only (lockstep holds, which the compared runs get their own of). */
export function sendOwnCommand(cmd: Command): void {
  if (cmd.type === 'hold') lastHold = cmd;
  if (connection) connection.send(cmd);
  else queued.push(cmd);
}

/**
 * True when `config` is one the UI asked for earlier and has since replaced: a status
 * carrying it was posted before the worker got to the newer request.
 */
export function isSupersededConfig(config: RunConfig): boolean {
  const latest = sent[sent.length - 1];
  if (!latest || sameValue(latest, config)) return false;
  return sent.some((c) => sameValue(c, config));
}

/** Creates the worker and routes its events to `onEvent`. Returns false when it could not start. */
export function connectWorker(onEvent: (ev: WorkerEvent) => void): boolean {
  if (connection) return true;
  handler = onEvent;
  connection = new WorkerConnection(ENGINE_NAME, routeEvent, restartEngine);
  for (const cmd of queued.splice(0)) connection.send(cmd);
  return connection.start();
}

/** Test hooks: end the main engine's worker abruptly (found by the watchdog), or make it throw an error nothing catches. */
export const engineFaults = {
  kill: (): void => connection?.kill(),
  crash: (): void => connection?.send({ type: 'simulateCrash' }),
};

/**
 * While a run is being restored, the events of its rebuild and of the run it replaces (statuses,
 * reports, snapshots) are not the restored run's: they are hidden until the engine reports the
 * restored step, or an error.
 */
function hiddenWhileRestoring(ev: WorkerEvent, step: number): boolean {
  if (ev.type === 'metrics' || ev.type === 'snapshot') return true;
  return ev.type === 'status' && ev.state !== 'error' && (ev.step !== step || ev.state === 'building');
}

/** Keeps snapshots, hides a restored run's rebuild, then hands the event on; watches a warm, training engine. */
function routeEvent(ev: WorkerEvent): void {
  const hidden = restoringStep !== null && hiddenWhileRestoring(ev, restoringStep);
  if (ev.type === 'snapshot') return hidden ? undefined : keepSnapshot(ev);
  if (ev.type === 'ready' || (ev.type === 'status' && ev.state === 'building')) warm = false;
  if (ev.type === 'metrics' && !hidden) warm = true;
  if (restoringStep !== null && !hidden && (ev.type === 'status' || (ev.type === 'notice' && ev.level === 'error'))) restoringStep = null;
  if (!hidden) {
    if (ev.type === 'status' && ev.state === 'building') forgetSnapshot();
    handler?.(ev);
  }
  connection?.watch(warm && restoringStep === null && runStore.getState().state === 'running');
}

/**
 * Rebuilds the main run with `snap.config` and restores it to `snap.step` (a run resumed after a
 * reload): the charts keep the history the caller loaded for it, and the run trains on. The
 * twins follow the configure; the caller stops them first (they would be steps behind).
 */
export function resumeRun(snap: KeptSnapshot): void {
  restoringStep = snap.step;
  adoptSnapshot(snap);
  runStore.setState({ step: snap.step });
  sendCommand({ type: 'configure', config: snap.config });
  sendOwnCommand({ type: 'restore', step: snap.step, tensors: snap.tensors });
  sendCommand({ type: 'start' });
}

/** The worker died: start another with the current config and the run's last snapshot. */
function restartEngine(why: string): void {
  const now = performance.now();
  while (restarts.length > 0 && now - restarts[0]! > RESTART_WINDOW_MS) restarts.shift();
  if (restarts.length >= MAX_RESTARTS) {
    connection = null;
    runStore.setState({ state: 'error' });
    addNotice('error', 'engine-restarted', `${ENGINE_NAME} stopped again (${why}): ${MAX_RESTARTS + 1} times within ${RESTART_WINDOW_MS / 60_000} minutes, so it is not restarted. Reload the page to go on; the library keeps the run.`);
    return;
  }
  restarts.push(now);
  const wasRunning = runStore.getState().state === 'running';
  const config = configStore.getState().config;
  const snap = keptSnapshot();
  const fits = snap !== null && snap.step > 0 && !needsRebuild(snap.config, config);
  warm = false;
  connection = new WorkerConnection(ENGINE_NAME, routeEvent, restartEngine);
  connection.send({ type: 'configure', config });
  if (fits) {
    restoringStep = snap.step;
    rewindMetrics(snap.step);
    runStore.setState({ step: snap.step });
    connection.send({ type: 'restore', step: snap.step, tensors: snap.tensors });
  }
  if (lastHold) connection.send(lastHold);
  if (wasRunning) connection.send({ type: 'start' });
  connection.start();
  addNotice(
    'warning',
    'engine-restarted',
    fits
      ? `${ENGINE_NAME} stopped (${why}) and was restarted: the run goes on from its last snapshot, step ${snap.step} (the steps after it are trained again).`
      : `${ENGINE_NAME} stopped (${why}) and was restarted; no snapshot of this run had been kept, so it starts again from step 0.`,
  );
}
