/**
 * The engine worker's entry: receives commands, runs the engine, posts events.
 * Datasets are fetched from this page's own origin; nothing leaves the machine.
 */
/// <reference lib="webworker" />
import { Engine } from './engine';
import type { Command, WorkerEvent } from './protocol';
import { fetchSiteBytes } from './util/siteUrl';

const scope = self as unknown as DedicatedWorkerGlobalScope;

const post = (e: WorkerEvent): void => scope.postMessage(e);
const engine = new Engine(post, fetchSiteBytes);
// What the page's security policy refuses in here would fail quietly: say it.
scope.addEventListener('securitypolicyviolation', (e) => {
  const v = e as SecurityPolicyViolationEvent;
  post({ type: 'notice', level: 'warning', code: 'internal', message: `The page's security policy blocked ${v.effectiveDirective} (${v.blockedURI || 'inline code'}) in the training engine.` });
});
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
