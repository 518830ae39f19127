/**
 * The benchmark page's script (bench.html): publishes `window.__bench`, which
 * scripts/bench.mjs drives through Playwright. One page load measures one backend:
 * either `start` then `time` calls (Trainer steps), or one `engine` call (the real
 * Engine; it chooses its own backend, so it needs a page of its own).
 */
import * as tf from '@tensorflow/tfjs';
import { chooseBackend } from '../backend/chooseBackend';
import { BACKENDS, type BackendId, type RunConfig } from '../config';
import type { BackendInfo } from '../protocol';
import { engineRun, type EngineRun } from './engineRun';
import { baseOf, benchPresets, type BenchPreset } from './presets';
import { timeSteps, type StepPlan, type StepTiming } from './timeSteps';

/** The API on `window.__bench`. */
export interface BenchApi {
  /** tfjs version and the presets (full configs). */
  presets(): { tfjs: string; presets: BenchPreset[] };
  /** Makes `backend` current (forced, as the backend menu does); reports what actually runs. */
  start(backend: BackendId): Promise<BackendInfo>;
  /** Times a config on the started backend; `base` turns its seed methods off first. */
  time(config: RunConfig, plan: StepPlan, base?: boolean): Promise<StepTiming>;
  /** Runs the real Engine on a fresh page for `steps` steps, forcing config.backend. */
  engine(config: RunConfig, steps: number, timeoutMs: number): Promise<EngineRun>;
}

declare global {
  interface Window {
    /** The benchmark API, once the page has loaded. */
    __bench?: BenchApi;
  }
}

let started: BackendId | null = null;

window.__bench = {
  presets() {
    return { tfjs: tf.version.tfjs, presets: benchPresets() };
  },
  async start(backend) {
    if (!BACKENDS.includes(backend)) throw new Error(`Unknown backend ${backend}.`);
    const choice = await chooseBackend(backend, (reason) => console.error(`device lost: ${reason}`));
    started = choice.info.id;
    return choice.info;
  },
  async time(config, plan, base = false) {
    if (!started) throw new Error('Call start(backend) first.');
    return timeSteps({ ...(base ? baseOf(config) : config), backend: started }, plan);
  },
  async engine(config, steps, timeoutMs) {
    if (started) throw new Error('engine() needs a page where start() was not called.');
    return engineRun(config, steps, timeoutMs);
  },
};
document.getElementById('status')!.textContent = 'ready';
