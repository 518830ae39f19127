/** Runs the chosen demo presets through the built app, one page each, and returns the raw measurements. */
import os from 'node:os';
import { relative } from 'node:path';
import { checkClaim } from '../../src/compare/claim.ts';
import type { Preset } from '../../src/compare/preset.ts';
import { DEFAULT_CONFIG } from '../../src/config.ts';
import { closeOnSignals, launch, newPage, startPreview } from '../lib/browser.ts';
import { commandLine } from '../lib/cli.ts';
import { gitSource } from '../lib/gitSource.ts';
import { firstLine, taggedLog } from '../lib/log.ts';
import { root } from '../lib/root.ts';
import { webglRendererInPage } from './inPage.ts';
import type { BackendChoice, PresetOptions } from './options.ts';
import type { PresetFiles } from './presetFiles.ts';
import type { PresetRaw, PresetResult } from './raw.ts';
import { runPreset, type PresetRun } from './runPreset.ts';

/** The preset report's progress log (stderr). */
export const log = taggedLog('[presets]');

/**
 * The backend a preset runs on: `asked` when given, else what choosing by speed picks on a
 * machine without a GPU (WASM for the MLP, WebGL on SwiftShader for the CNN).
 */
export function backendFor(p: Preset, asked: BackendChoice | null): BackendChoice {
  if (asked) return asked;
  return (p.config.model ?? DEFAULT_CONFIG.model) === 'cnn' ? 'webgl' : 'wasm';
}

/** A preset's result: its run with every claim checked on the two histories (as the app's preset panel does). */
export function presetResult(p: Preset, backendAsked: BackendChoice, run: PresetRun): PresetResult {
  const { main, control } = run;
  const claims =
    run.reached && control
      ? p.claims.map((claim) => checkClaim(claim, { main: main.history, control: control.history, embedDim: run.embedDim }, { main: main.label, control: control.label }))
      : null;
  return { ...run, id: p.id, title: p.title, budget: p.budget, backendAsked, claims };
}

/** A preset that failed before the app could report anything. */
function brokenRun(p: Preset, seconds: number, error: unknown): PresetRun {
  return {
    backend: null,
    embedDim: p.config.embedDim ?? DEFAULT_CONFIG.embedDim,
    seconds,
    reached: false,
    failure: `failed: ${firstLine(error)}`,
    main: { label: 'the run', step: 0, history: [] },
    control: null,
    notices: [],
  };
}

/** One line of the log for a finished preset. */
function summaryLine(r: PresetResult): string {
  const claims = r.claims?.map((c) => `${c.holds ? '✓' : '✗'} ${c.text}`).join('; ') ?? 'claims not checked';
  return `${r.id}: ${r.reached ? `both at step ${r.budget}` : r.failure} in ${r.seconds.toFixed(0)} s on ${r.backend?.id ?? 'unknown'}; ${claims}`;
}

/** Serves the build and runs every preset of `files`; `argv` is recorded with the results. */
export async function measure(files: PresetFiles, options: PresetOptions, argv: string[]): Promise<PresetRaw> {
  const started = Date.now();
  closeOnSignals(log);
  const server = await startPreview({ dist: options.dist, probe: 'index.html', hint: '`npm run build` first (npm run presets does)' });
  log(`serving ${relative(root, options.dist) || '.'} at ${server.url}`);
  const browser = await launch();
  const chromium = browser.version();
  const results: PresetResult[] = [];
  let webglRenderer: string | null = null;
  try {
    for (const p of files.presets) {
      const backend = backendFor(p, options.backend);
      log(`${p.id}: ${p.budget} steps on ${backend}, at most ${options.minutes} min`);
      const page = await newPage(browser, log, p.id);
      const t0 = Date.now();
      let run: PresetRun;
      try {
        run = await runPreset(page, server.url, p, backend, options.minutes, log);
        webglRenderer ??= await page.evaluate(webglRendererInPage);
      } catch (e) {
        run = brokenRun(p, (Date.now() - t0) / 1000, e);
      } finally {
        await page.context().close();
      }
      const result = presetResult(p, backend, run);
      results.push(result);
      log(summaryLine(result));
    }
  } finally {
    await browser.close();
    server.stop();
  }
  const source = gitSource(root);
  return {
    command: commandLine('presets', 'scripts/preset-report.ts', argv),
    date: new Date(started).toISOString(),
    git: source ? `commit ${source.commit}${source.dirty ? ' plus uncommitted changes' : ''}` : 'unknown (not a git checkout)',
    machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown CPU', webglRenderer },
    chromium,
    minutes: (Date.now() - started) / 60_000,
    results,
    skipped: files.invalid.map((f) => f.error),
  };
}
