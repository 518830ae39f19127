/** The command line of scripts/preset-report.ts: its flags, --help, and the checked values. */
import { join } from 'node:path';
import { commaList, helpText, parseFlags, UsageError, type Flag } from '../lib/cli.ts';
import { root } from '../lib/root.ts';

/** The flags, as parseArgs reads them and --help lists them. */
export const PRESET_FLAGS = {
  steps: {
    type: 'string',
    value: 'N',
    help: "steps per run, rounded up to a multiple of the presets' metrics interval (default 25: with metrics every 5 steps and an evaluation every 4th report, the last kNN / test accuracy falls on the last step)",
  },
  only: { type: 'string', value: 'IDS', help: 'the presets to run, comma-separated (default all)' },
  'run-timeout': { type: 'string', value: 'S', help: 'seconds one run may train at most (default 600)' },
  'budget-min': { type: 'string', value: 'M', help: 'minutes for the whole report, shared by the runs (default 33)' },
  out: { type: 'string', value: 'FILE', help: 'the markdown report (default seeds/PRESET_RESULTS.md); - prints it only' },
  dist: { type: 'string', value: 'DIR', help: 'serve another build (default dist)' },
  json: { type: 'string', value: 'FILE', help: 'also save the raw measurements' },
  'report-from': { type: 'string', value: 'FILE', help: 're-render saved raw measurements, measuring nothing' },
  help: { type: 'boolean', help: 'print this help' },
} as const satisfies Record<string, Flag>;

const ABOUT = `Serves the built app with \`vite preview\`, opens it in headless Chromium and runs every demo
preset of seeds/presets/ through the UI, as a user would: pick it in the preset menu, press Play,
pause after N steps. A preset with a seed method runs twice for the same N steps: with its
method, then with the method switched off (its toggle unchecked, then Reset), so the two rows
differ only in the method. The naive preset (no method) is the baseline and runs once. Every
figure is read from the app's own state (window.__collapseLab.snapshot(): the last metrics
report and the history): RankMe, std of the L2-normalised embeddings, accuracy (kNN for SSL,
test accuracy for supervised), the method's own diagnostics, the total loss and the app's
seconds per step. Writes a markdown table to seeds/PRESET_RESULTS.md and prints it.

The app runs on WebGL (\`?backend=webgl\`): on this machine (no GPU) both WebGPU and WebGL are
SwiftShader on the CPU, and the presets' CNN steps faster on WebGL (bench/RESULTS.md).

Time: about 35 min on 2 cores with the defaults (the two batch-128 presets, imsvd and maskmix,
take 7 to 12 s per CNN step here, and other processes' load slows them further). A time budget
keeps the whole report near --budget-min: each run may train for at most its share of the time
left (shared by a rough cost per step) and at most --run-timeout; a run stopped early is marked
in the table, and the method-off run of its preset then trains to the same step, so the pair
stays comparable (a method-off run may always train 1.25 × as long as its method-on run did).
Environment: CHROMIUM_PATH (default /usr/bin/chromium).`;

/** The --help text. */
export function presetHelp(): string {
  return helpText('npx tsx scripts/preset-report.ts [flags]   (npm run presets -- [flags] builds first)', ABOUT, PRESET_FLAGS);
}

/** What the command line asks for. */
export interface PresetOptions {
  help: boolean;
  /** Steps per run, before rounding up to the metrics interval. */
  steps: number;
  /** Only these presets; null: all. */
  only: string[] | null;
  /** Seconds one run may train at most. */
  runTimeoutS: number;
  /** Seconds for the whole report. */
  budgetS: number;
  /** The markdown report's file, or '-' to print it only. */
  out: string;
  /** The build to serve. */
  dist: string;
  /** Where to save the raw measurements too; null: nowhere. */
  json: string | null;
  /** Re-render this saved run instead of measuring. */
  reportFrom: string | null;
}

/** Reads the command line (without node and the script); throws a UsageError on a bad flag or value. */
export function parsePresetArgs(argv: readonly string[]): PresetOptions {
  const v = parseFlags(argv, PRESET_FLAGS);
  const steps = Number(v.steps ?? '25');
  const runTimeoutS = Number(v['run-timeout'] ?? '600');
  const budgetS = Number(v['budget-min'] ?? '33') * 60;
  if (!Number.isInteger(steps) || steps < 1) throw new UsageError(`--steps must be a positive whole number, not ${v.steps}`);
  if (!(runTimeoutS > 0)) throw new UsageError('--run-timeout must be a positive number of seconds');
  if (!(budgetS > 0)) throw new UsageError('--budget-min must be a positive number of minutes');
  return {
    help: v.help ?? false,
    steps,
    only: v.only === undefined ? null : commaList(v.only),
    runTimeoutS,
    budgetS,
    out: v.out ?? join(root, 'seeds/PRESET_RESULTS.md'),
    dist: v.dist ?? join(root, 'dist'),
    json: v.json ?? null,
    reportFrom: v['report-from'] ?? null,
  };
}
