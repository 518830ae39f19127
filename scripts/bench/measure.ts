/** Runs the sections a run asks for (against the build, except the soak) with what the report says about the machine. */
import os from 'node:os';
import { relative } from 'node:path';
import { CHROMIUM, CHROMIUM_ARGS, launch, startPreview } from '../lib/browser.ts';
import { commandLine } from '../lib/cli.ts';
import { gitSource } from '../lib/gitSource.ts';
import { root } from '../lib/root.ts';
import { callBench, openPage, waitForBench, type BenchPreset } from './benchPage.ts';
import { measureKernels } from './kernels.ts';
import { measureApp } from './appRuns.ts';
import { log } from './log.ts';
import { fastestBackend, measureMemory } from './memory.ts';
import type { BenchOptions } from './options.ts';
import { measureSoak } from './soak.ts';
import { PYTORCH_COLUMN, type BenchRaw, type Machine } from './raw.ts';
import { measurePytorchSteps } from './pytorch.ts';
import { measureSteps, selectPresets } from './steps.ts';

/** The machine and browser flags of this run. */
function machine(): Machine {
  return {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memGiB: (os.totalmem() / 2 ** 30).toFixed(1),
    os: `${os.platform()} ${os.release()}`,
    node: process.version,
    chromiumPath: CHROMIUM,
    chromiumArgs: CHROMIUM_ARGS,
  };
}

/** The presets as bench.html lists them, for a memory or app section run without the steps section. */
async function pagePresets(base: string, ids: string[] | null): Promise<BenchPreset[]> {
  const { page, close } = await openPage(`${base}/bench.html`);
  try {
    await waitForBench(page);
    return selectPresets((await callBench(page, 'presets')).presets, ids);
  } finally {
    await close();
  }
}

/** Runs the sections `options` selects (serving the build for all but the soak) and returns the raw measurements; `argv` is recorded with them. */
export async function measure(options: BenchOptions, argv: string[]): Promise<BenchRaw> {
  const started = Date.now();
  const source = gitSource(root);
  const head = {
    quick: options.quick,
    args: argv,
    command: commandLine('bench', 'scripts/bench.ts', argv),
    date: new Date().toISOString(),
    loadBefore: os.loadavg()[0]!,
    git: source ? `commit ${source.commit}${source.dirty ? ' plus uncommitted changes in the working tree' : ''}` : 'unknown (not a git checkout)',
    machine: machine(),
    settings: options.settings,
  };
  const sections: Pick<BenchRaw, 'chromium' | 'kernels' | 'steps' | 'fastest' | 'memory' | 'app' | 'soak'> = {};
  // Every section but the soak (Node only) measures the build in the browser.
  if (options.sections.some((x) => x !== 'soak')) await measurePages(options, sections);
  if (options.sections.includes('soak')) sections.soak = await measureSoak(options.settings);
  return { ...head, ...sections, loadAfter: os.loadavg()[0]!, minutes: (Date.now() - started) / 60_000 };
}

/** The sections measured in headless Chromium against the served build, into `sections`. */
async function measurePages(options: BenchOptions, sections: Pick<BenchRaw, 'chromium' | 'kernels' | 'steps' | 'fastest' | 'memory' | 'app'>): Promise<void> {
  const preview = await startPreview({ dist: options.dist, probe: 'bench.html', hint: '`npm run build` first (npm run bench does)' });
  log(`serving ${relative(root, options.dist) || '.'} at ${preview.url}`);
  try {
    const browser = await launch();
    sections.chromium = browser.version();
    await browser.close();
    if (options.sections.includes('kernels')) sections.kernels = await measureKernels(preview.url, options);
    if (options.sections.includes('steps')) {
      sections.steps = await measureSteps(preview.url, options);
      sections.steps.backends[PYTORCH_COLUMN] = await measurePytorchSteps(sections.steps.presets, options.settings);
    }
    const presets = sections.steps?.presets ?? (options.sections.some((x) => x === 'memory' || x === 'app') ? await pagePresets(preview.url, options.presets) : []);
    if (options.sections.includes('memory')) {
      sections.fastest = fastestBackend(sections.steps, options.settings.backends, options.fastest);
      sections.memory = await measureMemory(preview.url, presets, sections.fastest, options.settings);
    }
    if (options.sections.includes('app')) sections.app = await measureApp(preview.url, presets, options.settings);
  } finally {
    preview.stop();
  }
}
