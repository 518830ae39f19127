/**
 * The soak's driver (section 6), in Node: the real Engine on tfjs's WASM backend, sent the
 * commands the app's worker gets. Loaded by scripts/bench/soak.ts through Vite's module
 * runner, because the engine reads `import.meta.env` (plain tsx has none).
 *
 * Cycles: the app's default run stops at the end of each cycle; while it trains, live `set`
 * changes walk through the slots of `soakSchedule` (every seed method on, one at a time,
 * then off; CIR, supervised only, in a supervised stretch), then the run goes back to the
 * first slot and is reset. Then resets and structural rebuilds in a row, methods on, while
 * it trains. tfjs memory is read with the engine stopped and its reads finished.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { termUnavailableReason, type Catalog } from '../../src/catalog.ts';
import { DEFAULT_CONFIG, needsRebuild, TASKS, validateConfig, type RunConfig } from '../../src/config.ts';
import { buildCatalog, Engine } from '../../src/engine.ts';
import type { Command, RunState, WorkerEvent } from '../../src/protocol.ts';
import { usableObjectives } from '../../src/usableObjectives.ts';
import type { Failure, SoakCycle, SoakMemory, SoakRebuilds, SoakSection, SoakSlot } from './raw.ts';

/** What one soak runs. */
export interface SoakPlan {
  /** Training steps over all cycles (a whole number of cycles). */
  steps: number;
  /** Steps per cycle: a reset after each. */
  resetEvery: number;
  /** Resets and rebuilds in a row after the cycles. */
  rebuilds: number;
  /** Steps of a fresh run before a baseline is read. */
  warmup: number;
  /** The app's public/ folder (the datasets' files). */
  publicDir: string;
}

/**
 * One cycle's slots: for each task (the run's first), its fallback objective and every seed
 * method usable there with the run's dataset and model, switched on one at a time and then
 * off one at a time (the last off is the next slot's change).
 */
export function soakSchedule(catalog: Catalog, run: RunConfig): SoakSlot[] {
  const dataset = catalog.datasets.find((d) => d.id === run.dataset);
  const model = catalog.models.find((m) => m.id === run.model);
  const slots: SoakSlot[] = [];
  for (const task of [run.task, ...TASKS.filter((t) => t !== run.task)]) {
    const objective = task === run.task ? run.objective : usableObjectives(catalog, { ...run, task })[0]?.id;
    if (!objective) continue;
    const methods = catalog.terms.filter((t) => t.role === 'method' && termUnavailableReason(t, task, dataset, model) === null).map((t) => t.id);
    for (let i = 0; i <= methods.length; i++) slots.push({ task, objective, methods: methods.slice(0, i) });
    for (let i = 1; i < methods.length; i++) slots.push({ task, objective, methods: methods.slice(i) });
  }
  return slots;
}

/** tfjs's memory now, with the WASM heap's size. */
function memoryNow(): SoakMemory {
  const m = tf.memory();
  const heap = (tf.backend() as unknown as { wasm?: { HEAPU8?: Uint8Array } }).wasm?.HEAPU8;
  return { numTensors: m.numTensors, numBytes: m.numBytes, wasmHeapBytes: heap?.buffer.byteLength ?? null };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** An Engine, what it last said, and the app's way of changing its config. */
class EngineDriver {
  state: RunState = 'booting';
  step = 0;
  reports = 0;
  /** The step of the current run's last metrics report (-1: none since it was built). */
  lastReport = -1;
  backend: string | null = null;
  readonly notices: string[] = [];
  readonly catalog = buildCatalog();
  private readonly engine: Engine;

  constructor(
    public config: RunConfig,
    publicDir: string,
  ) {
    const fetchBytes = async (path: string) => new Uint8Array(await readFile(join(publicDir, path)));
    this.engine = new Engine((e) => this.on(e), fetchBytes);
  }

  private on(e: WorkerEvent): void {
    if (e.type === 'ready') this.backend = e.backend.id;
    else if (e.type === 'status') {
      this.state = e.state;
      this.step = e.step;
      if (e.state === 'building') this.lastReport = -1;
    } else if (e.type === 'metrics') {
      this.reports++;
      this.lastReport = e.report.step;
      this.step = Math.max(this.step, e.report.step);
    } else if (e.type === 'notice' && e.level !== 'info') this.notices.push(`${e.level} ${e.code}: ${e.message}`);
  }

  send(cmd: Command): Promise<void> {
    return this.engine.handle(cmd);
  }

  /** Waits (polling, as the app's UI would see events) until `done`; throws on an engine error or after `timeoutMs`. */
  async until(what: string, done: () => boolean, timeoutMs = 300_000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (!done()) {
      if (this.state === 'error') throw new Error(`the engine stopped with an error while waiting for ${what}: ${this.notices.at(-1) ?? 'no notice'}`);
      if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what} (state ${this.state}, step ${this.step})`);
      await sleep(5);
    }
  }

  /** A change as the app makes it: validated, then `configure` when structural, else `set` with the fields that differ. */
  async change(patch: Partial<RunConfig>): Promise<void> {
    const result = validateConfig({ ...this.config, ...patch }, this.catalog);
    if (!result.ok) throw new Error(`the soak's change ${JSON.stringify(patch)} is not valid: ${result.errors.join(' ')}`);
    const next = result.config;
    const differs = (Object.keys(next) as (keyof RunConfig)[]).filter((k) => JSON.stringify(next[k]) !== JSON.stringify(this.config[k]));
    const rebuild = needsRebuild(this.config, next);
    this.config = next;
    if (rebuild) await this.send({ type: 'configure', config: next });
    else if (differs.length) await this.send({ type: 'set', patch: Object.fromEntries(differs.map((k) => [k, next[k]])) });
  }

  /** Runs n steps and waits until the engine has paused after them with their report. */
  async steps(n: number): Promise<void> {
    const target = this.step + n;
    await this.send({ type: 'step', n });
    await this.until(`step ${target}`, () => this.state === 'paused' && this.lastReport >= target);
  }

  /** Waits until the loop has stopped and the tensor count holds still (reads and snapshots finished), then reads memory. */
  async settle(): Promise<SoakMemory> {
    await this.until('the loop to stop', () => this.state === 'paused' || this.state === 'idle');
    let stable = 0;
    let last = -1;
    for (let i = 0; i < 400 && stable < 4; i++) {
      await sleep(25);
      const n = tf.memory().numTensors;
      stable = n === last ? stable + 1 : 0;
      last = n;
    }
    return memoryNow();
  }
}

/** One cycle from a fresh run at step 0: the slots' changes while it trains to its stop, back to the first slot, reset. */
async function cycle(d: EngineDriver, schedule: readonly SoakSlot[], steps: number): Promise<SoakCycle> {
  const t0 = performance.now();
  let peakTensors = 0;
  let changes = 0;
  await d.send({ type: 'start' });
  for (let k = 1; k < schedule.length; k++) {
    const at = Math.round((k * steps) / schedule.length);
    await d.until(`step ${at}`, () => d.lastReport >= at || d.state !== 'running');
    peakTensors = Math.max(peakTensors, tf.memory().numTensors);
    await d.change(schedule[k]!);
    changes++;
  }
  await d.until(`the stop at step ${steps}`, () => d.state === 'paused' && d.step >= steps);
  const stoppedAt = d.step;
  await d.change(schedule[0]!);
  changes++;
  const beforeReset = await d.settle();
  await d.send({ type: 'reset' });
  const afterReset = await d.settle();
  return { steps: stoppedAt, changes, peakTensors, beforeReset, afterReset, seconds: (performance.now() - t0) / 1000 };
}

/** A fresh run of the current config, `warmup` steps, engine paused: the point every baseline is read at. */
async function warmedUp(d: EngineDriver, warmup: number): Promise<SoakMemory> {
  await d.send({ type: 'reset' });
  await d.until('the reset', () => d.state === 'idle');
  await d.steps(warmup);
  return d.settle();
}

/** Resets and width rebuilds in turn while the run trains, each followed by one report of the new run. */
async function rebuildsInARow(d: EngineDriver, plan: SoakPlan, methods: string[]): Promise<SoakRebuilds> {
  const t0 = performance.now();
  const width = d.config.width;
  const other = width > 16 ? width - 16 : width + 16;
  await d.change({ methods });
  const before = await warmedUp(d, plan.warmup);
  let peakTensors = 0;
  let done = 0;
  await d.send({ type: 'start' });
  for (let i = 0; i < plan.rebuilds; i++) {
    if (i % 2 === 0) await d.send({ type: 'reset' });
    else await d.change({ width: d.config.width === width ? other : width });
    // The command has run: every report from here on is the new run's.
    const reports = d.reports;
    await d.until(`a report after rebuild ${i + 1}`, () => d.reports > reports);
    peakTensors = Math.max(peakTensors, tf.memory().numTensors);
    done++;
  }
  await d.send({ type: 'pause' });
  await d.change({ width });
  const after = await warmedUp(d, plan.warmup);
  return { done, widths: [width, other], methods, before, after, peakTensors, seconds: (performance.now() - t0) / 1000 };
}

/** Runs the soak; `log` gets a line per cycle. */
export async function runSoak(plan: SoakPlan, log: (line: string) => void): Promise<SoakSection> {
  const t0 = performance.now();
  // The engine points tfjs at the site's wasm/ folder, which Node cannot read: start the
  // backend first from node_modules, single-threaded as the app runs it.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  if (!(await tf.setBackend('wasm'))) throw new Error('tfjs could not start its WASM backend');
  await tf.ready();
  const config: RunConfig = { ...DEFAULT_CONFIG, backend: 'wasm', stopAt: plan.resetEvery };
  const d = new EngineDriver(config, plan.publicDir);
  await d.send({ type: 'configure', config });
  if (d.backend !== 'wasm') throw new Error(`the engine started on ${d.backend ?? 'no backend'}, not wasm: ${d.notices.join(' ')}`);
  const schedule = soakSchedule(d.catalog, config);
  const start = await warmedUp(d, plan.warmup);
  await d.send({ type: 'reset' });
  await d.until('the reset', () => d.state === 'idle');
  const cycles: SoakCycle[] = [];
  const tc = performance.now();
  for (let done = 0; done < plan.steps; done += plan.resetEvery) {
    const c = await cycle(d, schedule, plan.resetEvery);
    cycles.push(c);
    log(`soak cycle ${cycles.length}: ${c.steps} steps, ${c.changes} changes in ${c.seconds.toFixed(1)} s; tensors ${c.beforeReset.numTensors} before the reset, ${c.afterReset.numTensors} after (peak ${c.peakTensors}); bytes ${c.beforeReset.numBytes} / ${c.afterReset.numBytes}; WASM heap ${c.afterReset.wasmHeapBytes}`);
  }
  const cycleSeconds = (performance.now() - tc) / 1000;
  const end = await warmedUp(d, plan.warmup);
  log(`soak: tensors ${start.numTensors} -> ${end.numTensors}, bytes ${start.numBytes} -> ${end.numBytes} over ${cycles.length} cycles`);
  const ssl = schedule.filter((s) => s.task === config.task).reduce<string[]>((all, s) => (s.methods.length > all.length ? s.methods : all), []);
  let rebuilds: SoakRebuilds | Failure;
  try {
    rebuilds = await rebuildsInARow(d, plan, ssl);
    log(`soak: ${rebuilds.done} resets/rebuilds in ${rebuilds.seconds.toFixed(1)} s, tensors ${rebuilds.before.numTensors} -> ${rebuilds.after.numTensors} (peak ${rebuilds.peakTensors}), bytes ${rebuilds.before.numBytes} -> ${rebuilds.after.numBytes}`);
  } catch (e) {
    rebuilds = { error: e instanceof Error ? e.message : String(e) };
    log(`soak: resets/rebuilds failed: ${rebuilds.error}`);
  }
  await d.send({ type: 'pause' });
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  return {
    runtime: `Node ${process.version}, tfjs ${tf.version.tfjs} WASM backend (${simd ? 'SIMD' : 'no SIMD'}, one thread)`,
    config,
    schedule,
    warmup: plan.warmup,
    start,
    cycles,
    end,
    stepsPerSecond: cycles.reduce((a, c) => a + c.steps, 0) / cycleSeconds,
    rebuilds,
    notices: d.notices,
    seconds: (performance.now() - t0) / 1000,
  };
}
