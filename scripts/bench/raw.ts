/**
 * The raw measurements of a run, as saved to JSON before the report is rendered (and read
 * back by --report-from).
 */
import type { SimPartsResult } from '../../bench/simParts.ts';
import type { RunConfig, Task } from '../../src/config.ts';
import type { BackendInfo } from '../../src/protocol.ts';
import type { BenchPreset, EngineRun, KernelPath, KernelTiming, StepTiming } from './benchPage.ts';
import type { BenchSettings, Model, StepPlan } from './options.ts';
import type { MainThreadSummary } from './mainThreadTrace.ts';

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
  /** The default run's window as a trace saw the main thread: wall and CPU time of its tasks (see mainThreadTrace.ts). */
  mainThread?: MainThreadSummary;
  /** Long tasks before the window (page load, worker start, run build, first steps). */
  bootLongTasks: { tasks: number; ms: number; max: number };
  notices: string[];
  /** Under Auto: what it measured per backend (steps/s), where it moved the run (null: it stayed) and where the run trained at the end. */
  autoSpeeds?: Partial<Record<string, number>>;
  /** Under Auto: backends that started but gave no timing within the probe's limit, and whether WebGPU's adapter is emulated. */
  autoTooSlow?: string[];
  autoEmulatedWebgpu?: boolean;
  autoMovedTo?: string | null;
  ranOnAtEnd?: string | null;
  /** Under Auto: the main run's steps/s once its probes are done (the window shares the CPU with them). */
  stepsPerSecondAfterAuto?: number | null;
}

/** One visit, or why it failed. */
export type AppRow = AppRun | (Failure & { backend: string; run: string });

/** tfjs's memory on WASM: live tensors, their bytes (WASM heap), and the size of the WASM heap itself (it only grows). */
export interface SoakMemory {
  numTensors: number;
  numBytes: number;
  /** The WASM module's memory; null when the backend exposes none. */
  wasmHeapBytes: number | null;
}

/** One stretch of a soak cycle: the task, objective and seed methods on while it trains. */
export interface SoakSlot {
  task: Task;
  objective: string;
  methods: string[];
}

/** One cycle of the soak: the slots' live changes while the run trains, then a reset. */
export interface SoakCycle {
  /** The engine's step at the stop that ends the cycle. */
  steps: number;
  /** Live changes (`set` commands) sent during the cycle, the last one back to the first slot. */
  changes: number;
  /** The most tensors seen at a change, mid-run (a step's temporaries included). */
  peakTensors: number;
  /** Engine paused at the stop, back at the first slot, reads finished: before the reset. */
  beforeReset: SoakMemory;
  /** Engine idle after the reset: a fresh run at step 0. */
  afterReset: SoakMemory;
  seconds: number;
}

/** The 100 resets and rebuilds in a row of the soak. */
export interface SoakRebuilds {
  /** Resets and structural rebuilds done (they alternate, starting with a reset). */
  done: number;
  /** The two widths a rebuild switches between. */
  widths: [number, number];
  /** The seed methods on during them. */
  methods: string[];
  /** Fresh run plus the warm-up steps, engine paused: before and after the series. */
  before: SoakMemory;
  after: SoakMemory;
  /** The most tensors seen after one of them, mid-run. */
  peakTensors: number;
  seconds: number;
}

/**
 * Section 6: the soak. The real Engine in Node on tfjs's WASM backend, driven as the app's
 * worker is: seed methods switched on and off live in cycles with a reset after each, then
 * resets and rebuilds in a row; tfjs memory at the same points of each cycle.
 */
export interface SoakSection {
  /** Where it ran (Node, tfjs version, WASM flavour). */
  runtime: string;
  /** The run's config at the start (the app's default run on WASM, stopping at each cycle's end). */
  config: RunConfig;
  /** The slots of one cycle, in order, each for an equal share of its steps. */
  schedule: SoakSlot[];
  warmup: number;
  /** After the warm-up steps of a fresh run, engine paused. */
  start: SoakMemory;
  cycles: SoakCycle[];
  /** The same point as `start`, after the last cycle's reset. */
  end: SoakMemory;
  /** Training steps per second over the cycles (changes, reads and resets included). */
  stepsPerSecond: number;
  rebuilds: SoakRebuilds | Failure;
  /** Warnings and errors the engine raised. */
  notices: string[];
  seconds: number;
}

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
  soak?: SoakSection | Failure;
  loadAfter: number;
  minutes: number;
}

/** True for a measurement that failed. */
export function failed<T extends object>(x: T | Failure): x is Failure {
  return 'error' in x;
}
