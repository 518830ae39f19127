/**
 * The engine worker's entry: receives commands, runs the engine, posts events.
 * Datasets are fetched from this page's own origin; nothing leaves the machine.
 */
/// <reference lib="webworker" />
import { Engine } from './engine';
import type { Command, WorkerEvent } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

/** Same-origin fetch of a static file under the app's base path. */
async function fetchBytes(path: string): Promise<Uint8Array> {
  const url = new URL(`${import.meta.env.BASE_URL}${path}`, scope.location.origin);
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url.pathname} answered ${res.status} ${res.statusText}`);
  return new Uint8Array(await res.arrayBuffer());
}

const engine = new Engine((e: WorkerEvent) => scope.postMessage(e), fetchBytes);
scope.onmessage = (m: MessageEvent<Command>) => void engine.handle(m.data);
