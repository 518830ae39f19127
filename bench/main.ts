/**
 * The benchmark page's script (bench.html): publishes `window.__bench`, which the
 * benchmark script (`npm run bench`) drives through Playwright. One page load measures
 * one backend: either `start` then `time` calls (Trainer steps), or one `engine` call
 * (the real Engine; it chooses its own backend, so it needs a page of its own).
 */
import * as tf from '@tensorflow/tfjs';
import { chooseBackend, type BackendChoice } from '../src/backend/chooseBackend';
import { BACKENDS, type BackendId, type RunConfig } from '../src/config';
import { BENCH_KERNELS } from '../src/kernels/registry';
import type { BackendInfo } from '../src/protocol';
import { engineRun, type EngineRun } from './engineRun';
import { timeKernel, type KernelPath, type KernelTiming } from './kernelTiming';
import { baseOf, benchPresets, type BenchPreset } from './presets';
import { timeSimParts, type SimPartsResult } from './simParts';
import { timeSteps, type StepPlan, type StepTiming } from './timeSteps';

/** The API on `window.__bench`. */
export interface BenchApi {
  /** tfjs version and the presets (full configs). */
  presets(): { tfjs: string; presets: BenchPreset[] };
  /** Makes `backend` current (forced, as the backend menu does); reports what actually runs. */
  start(backend: BackendId): Promise<BackendInfo>;
  /** The kernels to time (the registry's BENCH_KERNELS: the engine's kernels with a parity case). */
  kernels(): readonly string[];
  /** Times one path of a kernel at size d on the started backend (must be webgpu); see kernelTiming.ts. */
  timeKernel(kernelName: string, d: number, path: KernelPath, maxIters: number, budgetMs: number): Promise<KernelTiming>;
  /**
   * Times a config on the started backend (its own `backend` is overridden) interleaved
   * with its base (seed methods off); `method` is null when the config has no methods.
   */
  time(config: RunConfig, plan: StepPlan): Promise<{ base: StepTiming; method: StepTiming | null }>;
  /** Times the parts of one ρSIM block at `config`'s block shape on the started backend (simParts.ts). */
  simParts(config: RunConfig, reps: number): Promise<SimPartsResult>;
  /** Runs the real Engine on a fresh page for `warmup` then `steps` steps, forcing config.backend. */
  engine(config: RunConfig, warmup: number, steps: number, timeoutMs: number): Promise<EngineRun>;
}

declare global {
  interface Window {
    /** The benchmark API, once the page has loaded. */
    __bench?: BenchApi;
  }
}

let started: BackendChoice | null = null;

window.__bench = {
  presets() {
    return { tfjs: tf.version.tfjs, presets: benchPresets() };
  },
  async start(backend) {
    if (!BACKENDS.includes(backend)) throw new Error(`Unknown backend ${backend}.`);
    const choice = await chooseBackend(backend, (reason) => console.error(`device lost: ${reason}`));
    started = choice;
    return choice.info;
  },
  kernels() {
    return BENCH_KERNELS.map((k) => k.name);
  },
  async timeKernel(kernelName, d, path, maxIters, budgetMs) {
    if (started?.info.id !== 'webgpu') throw new Error('Call start("webgpu") first (and WebGPU must be available).');
    return timeKernel(kernelName, d, path, maxIters, budgetMs);
  },
  async time(config, plan) {
    if (!started) throw new Error('Call start(backend) first.');
    const run = { ...config, backend: started.info.id };
    const configs = run.methods.length ? [baseOf(run), run] : [run];
    const [base, method] = await timeSteps(configs, plan, started);
    return { base: base!, method: method ?? null };
  },
  async simParts(config, reps) {
    if (!started) throw new Error('Call start(backend) first.');
    return timeSimParts(config, reps, started);
  },
  async engine(config, warmup, steps, timeoutMs) {
    if (started) throw new Error('engine() needs a page where start() was not called.');
    return engineRun(config, warmup, steps, timeoutMs);
  },
};
document.getElementById('status')!.textContent = 'ready';
