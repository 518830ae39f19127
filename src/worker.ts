/**
 * The engine worker's entry: receives commands, runs the engine, posts events.
 * Datasets are fetched from this page's own origin; nothing leaves the machine.
 */
/// <reference lib="webworker" />
import './util/zodJitless';
import { Engine } from './engine';
import type { Command, WorkerEvent } from './protocol';
import { fetchSiteBytes } from './util/siteUrl';

const scope = self as unknown as DedicatedWorkerGlobalScope;

const engine = new Engine((e: WorkerEvent) => scope.postMessage(e), fetchSiteBytes);
scope.onmessage = (m: MessageEvent<Command>) => {
  if (m.data.type === 'simulateCrash') {
    // Outside every handler: the error reaches the page as the worker's 'error' event.
    setTimeout(() => {
      throw new Error('simulated crash (test hook)');
    });
    return;
  }
  void engine.handle(m.data);
};
