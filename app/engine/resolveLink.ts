/**
 * Once the catalog is known, the link the page was opened with is checked in full
 * (ids, term knobs, combinations): the valid parts are kept over the defaults, each
 * dropped part becomes a notice, the engine is reconfigured if that changed anything, the
 * link's view is applied (hidden controls, presenter mode, twins, a lesson at its step:
 * app/lessons/linkView.ts), and only then does the address bar start following the config.
 */
import type { Catalog } from '../../src/catalog';
import { validateConfig } from '../../src/config';
import { resolveLinkConfig } from '../../src/link/resolveLinkConfig';
import { decodeUrlState } from '../../src/link/urlState';
import { configStore } from '../store/configStore';
import { applyLinkView } from '../lessons/linkView';
import { addNotice } from '../store/runStore';
import { startUrlSync } from '../store/urlSync';
import { initialSearch, sendCommand } from './engineClient';
import { sameValue } from './sameConfig';

let resolved = false;
let openedLesson = false;

/** True once the startup link has been checked against the catalog. */
export function linkIsResolved(): boolean {
  return resolved;
}

/** False when the link opened a lesson: then nothing trains until the lesson's Play. */
export function linkAutoStarts(): boolean {
  return !openedLesson;
}

/** Called on every `ready`; resolves the link the first time. */
export function onCatalogReady(catalog: Catalog): void {
  if (resolved) return;
  resolved = true;
  const link = decodeUrlState(initialSearch, catalog);
  const result = resolveLinkConfig(link.config, catalog);
  for (const e of [...link.errors, ...result.errors]) addNotice('warning', 'invalid-config', e);
  const sent = validateConfig(configStore.getState().config, catalog);
  configStore.setState({ config: result.config });
  if (!(sent.ok && sameValue(sent.config, result.config))) sendCommand({ type: 'configure', config: result.config });
  openedLesson = applyLinkView(initialSearch, catalog);
  startUrlSync();
}
