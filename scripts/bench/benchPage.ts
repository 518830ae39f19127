/**
 * The pages the benchmark drives: bench.html through its `window.__bench` API (typed
 * here as this script sees it; the page defines it), and the app's index.html. Each
 * page gets a browser of its own.
 */
import type { Page } from '@playwright/test';
import type { EngineRun } from '../../bench/engineRun.ts';
import type { KernelPath, KernelTiming } from '../../bench/kernelTiming.ts';
import type { BenchPreset } from '../../bench/presets.ts';
import type { SimPartsResult } from '../../bench/simParts.ts';
import type { StepTiming } from '../../bench/timeSteps.ts';
import type { RunConfig } from '../../src/config.ts';
import type { BackendInfo } from '../../src/protocol.ts';
import { launch, newPage } from '../lib/browser.ts';
import { benchReady, callBenchInPage } from './inPage.ts';
import { log } from './log.ts';
import type { Model, StepPlan } from './options.ts';

// The page's data types, as the page defines them.
export type { EngineRun, MemoryFigures } from '../../bench/engineRun.ts';
export type { KernelPath, KernelTiming } from '../../bench/kernelTiming.ts';
export type { BenchPreset } from '../../bench/presets.ts';
export type { StepTiming } from '../../bench/timeSteps.ts';

/** A preset's full config, as the page sends it. */
export type BenchPresetConfig = RunConfig;

/** A preset's config with the model (and, for an engine run, the backend) chosen by the benchmark. */
export type BenchRunConfig = Omit<BenchPresetConfig, 'backend'> & { model: Model; backend?: string };

/** `window.__bench` on bench.html. One page measures one backend: `start` then `time` calls, or one `engine` call. */
export interface BenchPageApi {
  presets(): { tfjs: string; presets: BenchPreset[] };
  start(backend: string): Promise<BackendInfo>;
  kernels(): string[];
  timeKernel(kernel: string, d: number, path: KernelPath, maxIters: number, budgetMs: number): Promise<KernelTiming>;
  time(config: BenchRunConfig, plan: StepPlan): Promise<{ base: StepTiming; method: StepTiming | null }>;
  simParts(config: BenchRunConfig, reps: number): Promise<SimPartsResult>;
  engine(config: BenchRunConfig, warmup: number, steps: number, timeoutMs: number): Promise<EngineRun>;
}

/** An open page and how to close its browser. */
export interface OpenPage {
  page: Page;
  close(): Promise<void>;
}

/**
 * Opens `url` in a browser of its own (so work a previous page left queued in the shared
 * GPU process cannot slow it), with its errors and failed requests forwarded to the log;
 * `init` runs before the page's own scripts.
 */
export async function openPage(url: string, init?: () => void): Promise<OpenPage> {
  const browser = await launch();
  const page = await newPage(browser, log, url);
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) log(`${r.status()} for ${r.url()}`);
  });
  if (init) await page.addInitScript(init);
  await page.goto(url);
  return { page, close: () => browser.close() };
}

/** Waits until bench.html has published `window.__bench`. */
export async function waitForBench(page: Page): Promise<void> {
  await page.waitForFunction(benchReady, null, { timeout: 60_000 });
}

/** Calls `window.__bench[name](...args)` on an open bench page. */
export async function callBench<K extends keyof BenchPageApi>(page: Page, name: K, ...args: Parameters<BenchPageApi[K]>): Promise<Awaited<ReturnType<BenchPageApi[K]>>> {
  return (await page.evaluate(callBenchInPage, [name, args] as const)) as Awaited<ReturnType<BenchPageApi[K]>>;
}
