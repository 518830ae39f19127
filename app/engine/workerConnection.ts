/**
 * One engine worker: creates the module worker, queues commands until it exists, and hands
 * its events to a handler. Crashes and unreadable messages become notices naming the engine.
 * The main run has one (app/engine/engineClient.ts); every compared run has its own.
 */
import type { Command, WorkerEvent } from '../../src/protocol';
import { addNotice } from '../store/runStore';

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A connection to one engine worker. */
export class WorkerConnection {
  private worker: Worker | null = null;
  private readonly queued: Command[] = [];

  /** `name` says which engine a notice is about ("The training engine", "The twin run's engine"). */
  constructor(
    private readonly name: string,
    private readonly onEvent: (ev: WorkerEvent) => void,
  ) {}

  /** True once the worker exists. */
  get started(): boolean {
    return this.worker !== null;
  }

  /** Creates the worker and sends what was queued. Returns false when it could not start. */
  start(): boolean {
    if (this.worker) return true;
    try {
      this.worker = new Worker(new URL('../../src/worker.ts', import.meta.url), { type: 'module' });
    } catch (err) {
      addNotice('error', 'internal', `${this.name} could not start: ${describe(err)}`);
      return false;
    }
    this.worker.addEventListener('message', (e: MessageEvent<WorkerEvent>) => {
      try {
        this.onEvent(e.data);
      } catch (err) {
        addNotice('error', 'internal', `The app could not handle a message from ${this.name.toLowerCase()} (${String(e.data?.type)}): ${describe(err)}`);
      }
    });
    this.worker.addEventListener('error', (e: ErrorEvent) => {
      e.preventDefault();
      addNotice('error', 'internal', `${this.name} crashed: ${e.message || 'unknown error (see the browser console)'}.`);
    });
    this.worker.addEventListener('messageerror', () => {
      addNotice('error', 'internal', `A message from ${this.name.toLowerCase()} could not be read.`);
    });
    for (const cmd of this.queued.splice(0)) this.worker.postMessage(cmd);
    return true;
  }

  /** Sends a command (queued until the worker exists). */
  send(cmd: Command): void {
    if (this.worker) this.worker.postMessage(cmd);
    else this.queued.push(cmd);
  }

  /** Stops the worker for good. */
  terminate(): void {
    this.worker?.terminate();
    this.worker = null;
    this.queued.length = 0;
  }
}
