/**
 * The one connection to the engine worker: creates the module worker, sends it typed
 * commands, and hands its events to a handler (app/engine/handleWorkerEvent.ts, which
 * dispatches them into the stores). Worker crashes and unreadable messages become notices.
 */
import type { RunConfig } from '../../src/config';
import type { Command, WorkerEvent } from '../../src/protocol';
import { configStore } from '../store/configStore';
import { addNotice } from '../store/runStore';
import { sameValue } from './sameConfig';

let worker: Worker | null = null;
const queued: Command[] = [];
/** The configs the UI asked for, oldest first (the last few). */
const sent: RunConfig[] = [];
const SENT_KEPT = 20;

/** The query string the page was opened with (the link, before the app rewrites it). */
export const initialSearch = typeof location === 'undefined' ? '' : location.search;

/** Sends a command to the engine (queued until the worker exists). Config commands are remembered. */
export function sendCommand(cmd: Command): void {
  if (cmd.type === 'configure' || cmd.type === 'set') {
    configStore.setState({ lastSentAt: performance.now() });
    sent.push(cmd.type === 'configure' ? cmd.config : configStore.getState().config);
    if (sent.length > SENT_KEPT) sent.shift();
  }
  if (worker) worker.postMessage(cmd);
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

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Creates the worker and routes its events to `onEvent`. Returns false when it could not start. */
export function connectWorker(onEvent: (ev: WorkerEvent) => void): boolean {
  if (worker) return true;
  try {
    worker = new Worker(new URL('../../src/worker.ts', import.meta.url), { type: 'module' });
  } catch (err) {
    addNotice('error', 'internal', `The training engine could not start: ${describe(err)}`);
    return false;
  }
  worker.addEventListener('message', (e: MessageEvent<WorkerEvent>) => {
    try {
      onEvent(e.data);
    } catch (err) {
      addNotice('error', 'internal', `The app could not handle an engine message (${String(e.data?.type)}): ${describe(err)}`);
    }
  });
  worker.addEventListener('error', (e: ErrorEvent) => {
    e.preventDefault();
    addNotice('error', 'internal', `The training engine crashed: ${e.message || 'unknown error (see the browser console)'}.`);
  });
  worker.addEventListener('messageerror', () => {
    addNotice('error', 'internal', 'A message from the training engine could not be read.');
  });
  for (const cmd of queued.splice(0)) worker.postMessage(cmd);
  return true;
}
