/**
 * The raw measurements of a run, as saved to JSON before the report is rendered (and read
 * back by --report-from).
 */
import type { SimPartsResult } from '../../bench/simParts.ts';
import type { BackendInfo } from '../../src/protocol.ts';
import type { BenchPreset, EngineRun, KernelPath, KernelTiming, StepTiming } from './benchPage.ts';
import type { BenchSettings, Model, StepPlan } from './options.ts';

/** A failed measurement: the first line of its error. */
export interface Failure {
  error: string;
}

/** One kernel path's timing, or why it failed. */
export type KernelResult = KernelTiming | Failure;

/** One kernel at one size D, every path. */
export type KernelRow = { kernel: string; d: number } & Record<KernelPath, KernelResult>;

/** Section 1: the kernels; `error` says why none were timed. */
export interface KernelSection {
  error: string | null;
  info?: BackendInfo;
  rows: KernelRow[];
}

/** One preset and model on one backend: base and method timings, or why there are none. */
export interface StepRow {
  preset: string;
  model: Model;
  methods: string[];
  plan: StepPlan;
  /** Why it was not timed. */
  skipped?: string;
  base?: StepTiming;
  /** The timing with the preset's methods on; null when it has none. */
  method?: StepTiming | null;
  error?: string;
  /** Wall time of the timing. */
  seconds?: number;
}

/** Section 2's column of the exported PyTorch project on this CPU (scripts/bench/pytorch.ts), beside the tfjs backends. */
export const PYTORCH_COLUMN = 'pytorch-cpu';

/** Section 2 on one backend: its rows, or why it was skipped. */
export interface BackendSteps {
  skipped?: string;
  info?: BackendInfo;
  /** What ran, for a column that is not a tfjs backend (the exported PyTorch project). */
  note?: string;
  rows: StepRow[];
  seconds?: number;
  /** One ρSIM block timed part by part, per model (when a preset uses ρSIM). */
  simParts?: SimPartsRow[];
}

/** One model's ρSIM block by part, or why it could not be timed. */
export type SimPartsRow = { model: Model } & (SimPartsResult | Failure);

/** Section 2: training steps per backend and preset. */
export interface StepSection {
  /** The presets timed (all, or those of --presets). */
  presets: BenchPreset[];
  /** The tfjs version of the page. */
  tfjs: string;
  backends: Record<string, BackendSteps>;
}

/** The backend of the long memory runs, and how it was chosen. */
export interface Fastest {
  id: string;
  /** Chosen by the lowest summed median MLP base step of section 2. */
  measured: boolean;
  /** Given with --fastest. */
  given?: boolean;
  /** The presets the sum ran over. */
  over?: string[];
}

/** One engine run of section 3 (`backend` is the backend asked for; `ranOn` the one that ran). */
export type MemoryRun = Omit<EngineRun, 'backend'> & { backend: string; ranOn: string | null; preset: string };

/** One engine run, or why it failed. */
export type MemoryRow = MemoryRun | (Failure & { backend: string; preset: string });

/** One visit of the app (section 5): a run opened by its link on one backend, measured over a window of training. */
export interface AppRun {
  /** The backend the link asks for, or 'auto'. */
  backend: string;
  /** 'default', 'default + twin' or a preset id. */
  run: string;
  /** The twin's flip as the link writes it, or null. */
  twin: string | null;
  /** The backend the run trained on in the window. */
  ranOn: string | null;
  /** From navigation to the first metrics report on screen. */
  firstMetricsSeconds: number;
  /** The main run's steps per second in the window. */
  stepsPerSecond: number | null;
  /** The slowest live twin's steps per second in the window; null without one. */
  twinStepsPerSecond: number | null;
  /** Live twins at the end of the window. */
  twins: number;
  seconds: number;
  /** Metrics reports that arrived in the window. */
  reports: number;
  /** Main-thread long tasks (> 50 ms) in the window, charts on screen. */
  longTasks: { count: number; totalMs: number; maxMs: number };
  /** Long tasks before the window (page load, worker start, run build, first steps). */
  bootLongTasks: { tasks: number; ms: number; max: number };
  notices: string[];
  /** Under Auto: what it measured per backend (steps/s), where it moved the run (null: it stayed) and where the run trained at the end. */
  autoSpeeds?: Partial<Record<string, number>>;
  autoMovedTo?: string | null;
  ranOnAtEnd?: string | null;
  /** Under Auto: the main run's steps/s once its probes are done (the window shares the CPU with them). */
  stepsPerSecondAfterAuto?: number | null;
}

/** One visit, or why it failed. */
export type AppRow = AppRun | (Failure & { backend: string; run: string });

/** The machine measured on. */
export interface Machine {
  cores: number;
  cpu: string;
  memGiB: string;
  os: string;
  node: string;
  chromiumPath: string;
  chromiumArgs: string[];
}

/** Everything a run measured. Sections not run are absent. */
export interface BenchRaw {
  quick: boolean;
  /** The command-line arguments. */
  args: string[];
  /** How the run was started. */
  command: string;
  /** ISO time of the start. */
  date: string;
  /** Load average (1 min) at the start and at the end. */
  loadBefore: number;
  git: string;
  machine: Machine;
  settings: BenchSettings;
  chromium?: string;
  kernels?: KernelSection;
  steps?: StepSection;
  fastest?: Fastest;
  memory?: MemoryRow[];
  app?: AppRow[];
  loadAfter: number;
  minutes: number;
}

/** True for a measurement that failed. */
export function failed<T extends object>(x: T | Failure): x is Failure {
  return 'error' in x;
}
