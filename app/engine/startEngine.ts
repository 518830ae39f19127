/**
 * App startup: decode the link (reporting what is wrong with it), configure the engine
 * with its valid parts over the defaults, and start the worker. The full check against
 * the catalog follows when the worker is ready (app/engine/resolveLink.ts).
 */
import { DEFAULT_CONFIG } from '../../src/config';
import { decodeUrlState, mergeLinkConfig } from '../../src/urlState';
import { configStore } from '../store/configStore';
import { addNotice } from '../store/runStore';
import { connectWorker, initialSearch, sendCommand } from './engineClient';
import { handleWorkerEvent } from './handleWorkerEvent';
import { installTestHooks } from './testHooks';

let started = false;

/** Starts the engine once. */
export function startEngine(): void {
  if (started) return;
  started = true;
  const link = decodeUrlState(initialSearch);
  for (const e of link.errors) addNotice('warning', 'invalid-config', e);
  const config = mergeLinkConfig(DEFAULT_CONFIG, link.config);
  configStore.setState({ config });
  installTestHooks();
  sendCommand({ type: 'configure', config });
  connectWorker(handleWorkerEvent);
}
