/**
 * The config slice: the run config the UI shows and last sent to the engine. Changes go
 * through app/engine/configActions.ts (validated, then sent); app/store/urlSync.ts
 * mirrors it into the address bar.
 */
import { createStore } from 'zustand/vanilla';
import { DEFAULT_CONFIG, type RunConfig } from '../../src/config';

/** State of the config slice. */
export interface ConfigState {
  config: RunConfig;
  /** performance.now() of the last config-changing command the UI sent (0 = never). */
  lastSentAt: number;
}

/** The config slice store. */
export const configStore = createStore<ConfigState>()(() => ({ config: DEFAULT_CONFIG, lastSentAt: 0 }));
