/**
 * The connection to the main run's engine worker: sends it typed commands (remembering the
 * configs, so a stale echo can be recognised) and hands its events to a handler
 * (app/engine/handleWorkerEvent.ts, which dispatches them into the stores). Every command
 * is also shown to the listeners (the compared runs follow the main one).
 */
import type { RunConfig } from '../../src/config';
import type { Command, WorkerEvent } from '../../src/protocol';
import { configStore } from '../store/configStore';
import { sameValue } from './sameConfig';
import { WorkerConnection } from './workerConnection';

let connection: WorkerConnection | null = null;
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
  connection = new WorkerConnection('The training engine', onEvent);
  for (const cmd of queued.splice(0)) connection.send(cmd);
  return connection.start();
}
