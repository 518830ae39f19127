/**
 * One engine worker: creates the module worker, queues commands until it exists, and hands
 * its events to a handler. Unreadable messages become notices naming the engine. A worker
 * dies when it throws an error nothing catches (its 'error' event) or, while it is watched
 * (training), when it sends nothing for SILENT_DEATH_MS although pinged every PING_EVERY_MS
 * (killed, or stuck in an endless loop): it is then terminated and the death handler says
 * what happened (the main run's connection restarts the engine: app/engine/engineClient.ts).
 * The main run has one; every compared run has its own, and so does each speed probe.
 */
import type { Command, WorkerEvent } from '../../src/protocol';
import { secondsText } from '../../src/util/withTimeout';
import { addNotice } from '../store/runStore';

/** How often a watched engine is asked to answer (it answers `ping` between two training steps). */
export const PING_EVERY_MS = 2_000;
/** A watched engine that sends nothing, not even a `pong`, for this long is taken for dead. */
export const SILENT_DEATH_MS = 15_000;

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A connection to one engine worker. */
export class WorkerConnection {
  private worker: Worker | null = null;
  private readonly queued: Command[] = [];
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private lastHeard = 0;

  /**
   * `name` says which engine a notice is about ("The training engine", "The twin run's engine").
   * `onDeath` hears why the worker died (after it was terminated); by default a notice says so.
   */
  constructor(
    private readonly name: string,
    private readonly onEvent: (ev: WorkerEvent) => void,
    private readonly onDeath: (why: string) => void = (why) => addNotice('error', 'internal', `${name} stopped: ${why}.`),
  ) {}

  /** True once the worker exists (and until it dies or is terminated). */
  get started(): boolean {
    return this.worker !== null;
  }

  /** Creates the worker and sends what was queued. Returns false when it could not start. */
  start(): boolean {
    if (this.worker) return true;
    let worker: Worker;
    try {
      worker = new Worker(new URL('../../src/worker.ts', import.meta.url), { type: 'module' });
    } catch (err) {
      addNotice('error', 'internal', `${this.name} could not start: ${describe(err)}`);
      return false;
    }
    this.worker = worker;
    this.lastHeard = performance.now();
    worker.addEventListener('message', (e: MessageEvent<WorkerEvent>) => {
      this.lastHeard = performance.now();
      try {
        this.onEvent(e.data);
      } catch (err) {
        addNotice('error', 'internal', `The app could not handle a message from ${this.name.toLowerCase()} (${String(e.data?.type)}): ${describe(err)}`);
      }
    });
    worker.addEventListener('error', (e: ErrorEvent) => {
      e.preventDefault();
      if (this.worker === worker) this.die(`it crashed (${e.message || 'unknown error, see the browser console'})`);
    });
    worker.addEventListener('messageerror', () => {
      addNotice('error', 'internal', `A message from ${this.name.toLowerCase()} could not be read.`);
    });
    for (const cmd of this.queued.splice(0)) worker.postMessage(cmd);
    return true;
  }

  /** Sends a command (queued until the worker exists). */
  send(cmd: Command): void {
    if (this.worker) this.worker.postMessage(cmd);
    else this.queued.push(cmd);
  }

  /** Watches the worker for silence (while it trains) or stops watching; silence before watching does not count. */
  watch(on: boolean): void {
    if (!on || !this.worker) {
      if (this.watchdog !== null) clearInterval(this.watchdog);
      this.watchdog = null;
      return;
    }
    if (this.watchdog !== null) return;
    this.lastHeard = performance.now();
    this.watchdog = setInterval(() => {
      if (performance.now() - this.lastHeard > SILENT_DEATH_MS) this.die(`it sent nothing for ${secondsText(SILENT_DEATH_MS)} while training`);
      else this.worker?.postMessage({ type: 'ping' } satisfies Command);
    }, PING_EVERY_MS);
  }

  /** Test hook: ends the worker abruptly, without telling this connection (the watchdog must find out). */
  kill(): void {
    this.worker?.terminate();
  }

  /** Stops the worker for good (no death is reported). */
  terminate(): void {
    this.watch(false);
    this.worker?.terminate();
    this.worker = null;
    this.queued.length = 0;
  }

  private die(why: string): void {
    this.terminate();
    this.onDeath(why);
  }
}
