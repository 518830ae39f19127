/**
 * Runs the demo presets through the app's UI, sharing a time budget between the runs,
 * and returns the raw measurements.
 */
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { join, relative } from 'node:path';
import { closeOnSignals, launch, newPage, startPreview } from '../lib/browser.ts';
import { commandLine, UsageError } from '../lib/cli.ts';
import { gitSource } from '../lib/gitSource.ts';
import { labInstalled } from '../lib/labInPage.ts';
import { firstLine, taggedLog } from '../lib/log.ts';
import { root } from '../lib/root.ts';
import { loadPreset, methodOffAndReset, pause, train, until, type MethodExpectation } from './app.ts';
import { classesInPage } from './inPage.ts';
import type { PresetOptions } from './options.ts';
import type { Preset, PresetConfig, PresetRaw, PresetRow } from './raw.ts';
import { fmt, secondsPerStep } from './report.ts';

/** The preset report's progress log (stderr). */
export const log = taggedLog('[presets]');

/** The light run the page opens with, before the presets load (as in e2e/methods.spec.ts). */
const START_URL = '/?backend=webgl&d=blobs&m=mlp&w=32&depth=1&dim=16';
/** Seconds a run needs besides training (preset load or reset, rebuild), set aside from the budget. */
const SETUP_S = 30;
/** No run gets less than this many seconds of training (two reports of the heaviest preset), whatever the budget says. */
const MIN_RUN_S = 120;

/**
 * A rough cost of one step of a run: batch × width² × depth of the preset's CNN (as in
 * the benchmark), × 2.5 for ρSIM on (its heads made the CNN step 2.3× slower on WebGL in
 * bench/RESULTS.md, about 4× in this app under load).
 */
export const runCost = (config: PresetConfig, on: boolean): number =>
  (config.batchSize ?? 64) * (config.width ?? 16) ** 2 * (config.depth ?? 1) * (on && config.methods?.includes('sim') ? 2.5 : 1);

/** The presets of `dir`, naive (the baseline) first, then the rest by file name; only those of `only` when given. */
export function readPresets(dir: string, only: string[] | null): Preset[] {
  const presets = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f): Preset => ({ id: f.replace(/\.json$/, ''), ...(JSON.parse(readFileSync(join(dir, f), 'utf8')) as Omit<Preset, 'id'>) }));
  presets.sort((a, b) => (a.id === 'naive' ? -1 : b.id === 'naive' ? 1 : 0));
  const unknown = only?.filter((id) => !presets.some((p) => p.id === id)) ?? [];
  if (unknown.length) throw new UsageError(`--only: no preset ${unknown.join(', ')} (have ${presets.map((p) => p.id).join(', ')})`);
  return only ? presets.filter((p) => only.includes(p.id)) : presets;
}

/** One run of a preset: with its method on or off, or the baseline; `first` loads the preset, the others reset it. */
export type PlannedRun = MethodExpectation & { p: Preset; first: boolean };

/** Every run: a preset's methods each on, then each off (one method per preset here); a preset without one runs once. */
export function planRuns(presets: Preset[]): PlannedRun[] {
  return presets.flatMap((p) => {
    const methods = p.config.methods ?? [];
    const plan: MethodExpectation[] = methods.length ? [...methods.map((id) => ({ id, on: true })), ...methods.map((id) => ({ id, on: false }))] : [{ id: null, on: false }];
    return plan.map((run, i) => ({ p, ...run, first: i === 0 }));
  });
}

/**
 * The seconds run `k` of `runs` may train: its share by `runCost` of what is left of the
 * budget after `elapsedS`, at least MIN_RUN_S and 1.25 × its method-on run's (`onWallS`),
 * at most the run timeout.
 */
export function runTimeout(runs: PlannedRun[], k: number, elapsedS: number, onWallS: number, options: Pick<PresetOptions, 'budgetS' | 'runTimeoutS'>): number {
  const run = runs[k]!;
  const left = runs.slice(k);
  const spare = options.budgetS - elapsedS - SETUP_S * left.length;
  const share = (spare * runCost(run.p.config, run.on)) / left.reduce((a, r) => a + runCost(r.p.config, r.on), 0);
  return Math.round(Math.min(options.runTimeoutS, Math.max(MIN_RUN_S, share, 1.25 * onWallS)));
}

/** How a run is named in the log. */
const runName = (run: PlannedRun) => `${run.p.id} ${run.id ? `${run.id} ${run.on ? 'on' : 'off'}` : '(baseline)'}`;

/** Serves the build, runs every preset and returns the raw measurements; `argv` is recorded with them. */
export async function measure(options: PresetOptions, argv: string[]): Promise<PresetRaw> {
  const started = Date.now();
  const loadBefore = os.loadavg()[0]!;
  const presets = readPresets(join(root, 'seeds/presets'), options.only);
  const every = Math.max(...presets.map((p) => p.config.metricsEvery ?? 5));
  const steps = Math.ceil(options.steps / every) * every;
  if (steps !== options.steps) log(`--steps ${options.steps} rounded up to ${steps}, a multiple of the metrics interval ${every}`);
  closeOnSignals(log);
  const server = await startPreview({ dist: options.dist, probe: 'index.html', hint: '`npm run build` first (npm run presets does)' });
  log(`serving ${relative(root, options.dist) || '.'} at ${server.url}`);
  const browser = await launch();
  const rows: PresetRow[] = [];
  let backend: PresetRaw['backend'];
  let classes: PresetRaw['classes'];
  try {
    const page = await newPage(browser, log);
    await page.goto(`${server.url}${START_URL}`);
    await page.waitForFunction(labInstalled, null, { timeout: 60_000 });
    const ready = await until(page, (s) => ['idle', 'paused', 'running'].includes(s.state) && s.backend !== null, 'the app to start');
    backend = ready.backend;
    log(`app ready on ${backend?.id} (${backend?.reason})`);
    if (backend?.id !== 'webgl') log(`WARNING: asked for webgl, running on ${backend?.id}`);
    classes = await page.evaluate(classesInPage);

    // Every run up front, so the budget can be shared by what is left.
    const runs = planRuns(presets);
    for (const [k, run] of runs.entries()) {
      const { p } = run;
      // The off run of a preset trains to the step its on run reached, and may take 1.25 × as long.
      const onRow = run.on ? null : rows.find((r) => r.preset === p.id && r.on && r.last);
      const timeoutS = runTimeout(runs, k, (Date.now() - started) / 1000, onRow?.wallSeconds ?? 0, options);
      const pairedTo = onRow?.timedOut && onRow.last ? onRow.last.step : null;
      const target = pairedTo ?? steps;
      const row: PresetRow = { preset: p.id, dataset: p.config.dataset, task: p.config.task, method: run.id, on: run.on, steps: target, timeoutS, pairedTo };
      rows.push(row);
      const t0 = Date.now();
      log(`${runName(run)}: ${target} steps, at most ${timeoutS} s of training`);
      try {
        const fresh = run.first || run.id === null ? await loadPreset(page, p) : await methodOffAndReset(page, run.id);
        row.methods = fresh.config.methods;
        Object.assign(row, await train(page, target, run, timeoutS));
      } catch (e) {
        row.error = firstLine(e);
        log(`${p.id} ${run.on ? 'on' : 'off'}: ${row.error}`);
        try {
          await pause(page);
        } catch {
          // the next preset load reports it again
        }
      }
      row.seconds = (Date.now() - t0) / 1000;
      const l = row.last;
      log(
        `${runName(run)}: step ${l?.step ?? 'n/a'}, RankMe ${fmt(l?.scalars.rankme)}, loss ${fmt(l?.losses.total, 4)}, ` +
          `${fmt(secondsPerStep(row))} s/step (app ${l?.stepsPerSecond ? fmt(1 / l.stepsPerSecond) : 'n/a'}), ${fmt(row.seconds, 0)} s${row.timedOut ? ' (timeout)' : ''}${row.problems?.length ? `, problems: ${row.problems.join('; ')}` : ''}`,
      );
    }
  } finally {
    await browser.close();
    server.stop();
  }
  const source = gitSource(root);
  return {
    command: commandLine('presets', 'scripts/preset-report.ts', argv),
    date: new Date().toISOString(),
    git: source ? `commit ${source.commit}${source.dirty ? ' plus uncommitted changes' : ''}` : 'unknown (not a git checkout)',
    machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown CPU' },
    rows,
    steps,
    backend,
    classes,
    budgetS: options.budgetS,
    runTimeoutS: options.runTimeoutS,
    minutes: (Date.now() - started) / 60_000,
    chromium: browser.version(),
    load: [loadBefore, os.loadavg()[0]!],
  };
}
