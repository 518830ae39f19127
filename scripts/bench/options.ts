/**
 * The command line of scripts/bench.ts: its flags, --help, and what a run measures and for
 * how long (`BenchSettings`, saved with the raw measurements; the quick setting is smaller).
 */
import { join } from 'node:path';
import { commaList, helpText, parseFlags, UsageError, type Flag } from '../lib/cli.ts';
import { root } from '../lib/root.ts';
import type { StepPlan } from '../../bench/timeSteps.ts';

/** The sections a run can measure, in the order they run. */
export const SECTIONS = ['kernels', 'steps', 'memory', 'app', 'soak'] as const;
/** One section of a run. */
export type Section = (typeof SECTIONS)[number];

/** True for the name of a section. */
const isSection = (name: string): name is Section => (SECTIONS as readonly string[]).includes(name);

/** Where raw measurements and quick reports go by default (git-ignored). */
export const RAW_DIR = join(root, 'bench/results-raw');

/** The flags, as parseArgs reads them and --help lists them. */
export const BENCH_FLAGS = {
  quick: { type: 'boolean', help: 'few steps and calls everywhere (about 8 min instead of over an hour)' },
  only: { type: 'string', value: 'SECTIONS', help: `the sections to measure, comma-separated (default ${SECTIONS.join(',')})` },
  backends: { type: 'string', value: 'IDS', help: 'the backends, comma-separated (default webgpu,webgl,wasm,cpu)' },
  presets: { type: 'string', value: 'IDS', help: 'only these presets, comma-separated (default all)' },
  out: { type: 'string', value: 'FILE', help: 'the markdown report (default bench/RESULTS.md; with --quick bench/results-raw/quick.md); - prints it only' },
  json: { type: 'string', value: 'FILE', help: 'where the raw measurements go (default bench/results-raw/<date>[-quick].json)' },
  'report-from': { type: 'string', value: 'FILE', help: 're-render the raw measurements of a saved run, measuring nothing' },
  dist: { type: 'string', value: 'DIR', help: 'serve another build, e.g. `vite build --outDir /tmp/x`, leaving dist/ alone (default dist)' },
  fastest: { type: 'string', value: 'ID', help: 'the backend of the long memory runs (default: the fastest measured in the steps section; needed with --only memory)' },
  help: { type: 'boolean', help: 'print this help' },
} as const satisfies Record<string, Flag>;

const ABOUT = `Serves the built app with \`vite preview\` on a free port, drives it in headless Chromium and
measures, in one run, side by side:
  1. kernels: each WGSL kernel vs its read-back path and vs the same result composed from
     tfjs ops, D = 32..256 (bench.html);
  2. steps: training-step time per backend for each preset (its CNN and an MLP variant), each
     interleaved with its base (seed methods off): the method's overhead; and the GPU-to-CPU
     reads per step (bench.html);
  3. memory: tensors and GPU bytes before and after N steps of the real Engine (bench.html);
  4. app: the real app (index.html) per backend: time to first metrics and steps/s of the
     default run, of the default run with one twin (a second engine) and of each preset
     with its control twin; long tasks per report with the charts on screen; and the
     default run under Auto: what it measured and picked against the fastest here;
  5. soak: in Node, no browser or build (always WASM, whatever --backends says): the real
     Engine trains the default run 10,000 steps (--quick 1,000) with every seed method
     switched on and off live and a reset every 500 (--quick 250), then 100 (20) resets and
     rebuilds in a row; tensors, bytes and the WASM heap at the same point of every cycle,
     each check marked flat (✓) or grown (✗). \`--only soak\` needs no \`npm run build\`.
Saves the raw measurements as JSON first, then renders markdown to stdout and to
bench/RESULTS.md (a --quick run: bench/results-raw/quick.md; raw JSON in bench/results-raw/,
both git-ignored). On 2 cores with SwiftShader: over an hour (a run on 2026-12-02 had spent 53 min
before section 5 left WebGPU, whose app visits take about 100 s each; the soak takes 10–13 min on
idle cores), --quick about 8.
Benchmarks are this script, never timed assertions in tests.
Environment: CHROMIUM_PATH (default /usr/bin/chromium).`;

/** The --help text. */
export function benchHelp(): string {
  return helpText('npx tsx scripts/bench.ts [flags]   (npm run bench -- [flags] builds first)', ABOUT, BENCH_FLAGS);
}

/** Warm-up and timed steps of one model (the page's `time` call), as the page defines it. */
export type { StepPlan } from '../../bench/timeSteps.ts';

/** The two models each preset is timed with. */
export type Model = 'mlp' | 'cnn';

/** What a run measures and for how long; saved as `settings` with the raw measurements. */
export interface BenchSettings {
  backends: string[];
  /** Calls per timing of one kernel path (after one warm-up call), unless the time budget allows fewer. */
  kernelIters: number;
  /** Milliseconds one kernel path at one size may take, judged from its warm-up call (at least one call runs). */
  kernelBudgetMs: number;
  /**
   * The presets' small CNN takes seconds per step on the emulated GPUs here (tens of
   * seconds on the CPU), so it gets one to three steps and no metrics step; the MLP more.
   */
  stepPlan: Record<Model, StepPlan>;
  /**
   * Seconds of CNN timing per backend. Presets run cheapest first (by batch × width² × depth);
   * once a backend has used its budget, its remaining CNN presets are reported as not timed.
   */
  cnnBudgetSeconds: number;
  /** Timed repeats of each part of one ρSIM block, per model (after one warm-up). */
  simPartsReps: Record<Model, number>;
  /**
   * Engine runs for the memory check (MLP in place of the CNN): on the fastest backend
   * memoryLong steps of memoryLongPreset and memoryShort steps of every other preset;
   * on the other backends memoryOthers steps of memoryLongPreset (webgpu: half).
   */
  memoryLong: number;
  memoryShort: number;
  memoryOthers: number;
  /** The preset with the most state kept across steps (running means and correlation matrices of both views). */
  memoryLongPreset: string;
  /** Engine steps before the baseline: Adam's moments, method state and GPU copies are created lazily. */
  memoryWarmup: number;
  /** Seconds of training measured per app visit of the default run (with and without a twin) and per preset. */
  appDefaultSeconds: number;
  appPresetSeconds: number;
  /** How long Auto may take to time every backend after the window. */
  autoSeconds: number;
  /** The soak (Node, WASM): training steps in all, a reset every soakResetEvery of them, then soakRebuilds resets and rebuilds in a row. */
  soakSteps: number;
  soakResetEvery: number;
  soakRebuilds: number;
  /** Steps of a fresh run before the soak reads a baseline. */
  soakWarmup: number;
}

/** The settings of a full (or, with `quick`, a short) run on `backends`. */
export function benchSettings(quick: boolean, backends: string[]): BenchSettings {
  return {
    backends,
    kernelIters: quick ? 3 : 10,
    kernelBudgetMs: quick ? 1000 : 4000,
    stepPlan: quick
      ? { mlp: { warmup: 1, steps: 4, minSteps: 2, budgetMs: 3_000, metricsStep: true }, cnn: { warmup: 1, steps: 1, minSteps: 1, budgetMs: 0, metricsStep: false } }
      : { mlp: { warmup: 2, steps: 10, minSteps: 3, budgetMs: 12_000, metricsStep: true }, cnn: { warmup: 1, steps: 3, minSteps: 1, budgetMs: 8_000, metricsStep: false } },
    cnnBudgetSeconds: quick ? 10 : 180,
    simPartsReps: quick ? { mlp: 2, cnn: 1 } : { mlp: 5, cnn: 3 },
    memoryLong: quick ? 100 : 1000,
    memoryShort: quick ? 20 : 200,
    memoryOthers: quick ? 20 : 100,
    memoryLongPreset: 'corinfomax',
    memoryWarmup: quick ? 10 : 20,
    appDefaultSeconds: quick ? 6 : 20,
    appPresetSeconds: quick ? 3 : 8,
    autoSeconds: quick ? 120 : 180,
    soakSteps: quick ? 1000 : 10_000,
    soakResetEvery: quick ? 250 : 500,
    soakRebuilds: quick ? 20 : 100,
    soakWarmup: quick ? 10 : 20,
  };
}

/** What the command line asks for. */
export interface BenchOptions {
  help: boolean;
  quick: boolean;
  /** The sections to measure. */
  sections: Section[];
  /** The markdown report's file, or '-' to print it only. */
  out: string;
  /** Where the raw measurements go; null: a dated file in RAW_DIR. */
  json: string | null;
  /** Re-render this saved run instead of measuring. */
  reportFrom: string | null;
  /** The build to serve. */
  dist: string;
  /** The backend of the long memory runs; null: the fastest measured. */
  fastest: string | null;
  /** Only these presets; null: all. */
  presets: string[] | null;
  /** Matrix sizes D of the kernel timings. */
  kernelSizes: number[];
  settings: BenchSettings;
}

/** Reads the command line (without node and the script); throws a UsageError on an unknown flag or section. */
export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const v = parseFlags(argv, BENCH_FLAGS);
  const quick = v.quick ?? false;
  const only = v.only === undefined ? [...SECTIONS] : commaList(v.only);
  const sections = only.filter(isSection);
  if (sections.length < only.length) throw new UsageError(`--only: no section ${only.filter((s) => !isSection(s)).join(', ')} (have ${SECTIONS.join(', ')})`);
  return {
    help: v.help ?? false,
    quick,
    sections,
    // The committed report comes from a full run; a quick one goes next to the raw files.
    out: v.out ?? (quick ? join(RAW_DIR, 'quick.md') : join(root, 'bench/RESULTS.md')),
    json: v.json ?? null,
    reportFrom: v['report-from'] ?? null,
    dist: v.dist ?? join(root, 'dist'),
    fastest: v.fastest ?? null,
    presets: v.presets === undefined ? null : commaList(v.presets),
    kernelSizes: quick ? [32, 64] : [32, 64, 128, 256],
    settings: benchSettings(quick, commaList(v.backends ?? 'webgpu,webgl,wasm,cpu')),
  };
}
