/**
 * App startup: decode the link (reporting what is wrong with it), start the worker and
 * configure the engine with the link's catalog-free parts over the defaults: the engine
 * refuses a config it cannot validate and only sends its catalog once one is accepted,
 * so an unknown id in a link must not reach it before the catalog is known. The rest of
 * the link is checked and applied when the worker is ready (app/engine/resolveLink.ts).
 */
import { DEFAULT_CONFIG } from '../../src/config';
import { catalogFreePart, mergeLinkConfig } from '../../src/link/resolveLinkConfig';
import { decodeUrlState } from '../../src/link/urlState';
import { configStore } from '../store/configStore';
import { addNotice } from '../store/runStore';
import { connectWorker, initialSearch, sendCommand } from './engineClient';
import { handleWorkerEvent } from './handleWorkerEvent';
import { installTestHooks } from './testHooks';
import { startMeasuredAuto } from '../backend/measuredAuto';
import { startAutoSave } from '../library/mainRun';
import { findInterruptedRun } from '../library/recovery';
import { startKeepingTwins } from '../library/twinsKept';

let started = false;

/** Starts the engine once. */
export function startEngine(): void {
  if (started) return;
  started = true;
  const link = decodeUrlState(initialSearch);
  for (const e of link.errors) addNotice('warning', 'invalid-config', e);
  const config = mergeLinkConfig(DEFAULT_CONFIG, catalogFreePart(link.config));
  configStore.setState({ config });
  installTestHooks();
  startMeasuredAuto();
  // Every run is kept in the library, whether or not its panel is on screen (a classroom link may hide it).
  startAutoSave();
  startKeepingTwins();
  void findInterruptedRun();
  sendCommand({ type: 'configure', config });
  connectWorker(handleWorkerEvent);
}
