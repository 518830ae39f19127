/** The raw measurements of a preset report, as saved with --json and read back by --report-from. */
import type { LabSnapshot } from '../../app/engine/testHooks.ts';
import type { BackendInfo, Scalars } from '../../src/protocol.ts';

/** A preset's config as its file in seeds/presets/ gives it (the parts read here). */
export interface PresetConfig {
  dataset?: string;
  model?: string;
  task?: string;
  methods?: string[];
  batchSize?: number;
  width?: number;
  depth?: number;
  metricsEvery?: number;
}

/** A demo preset: its file name without .json, and its content. */
export interface Preset {
  id: string;
  title?: string;
  config: PresetConfig;
}

/** A term's diagnostics in a report, without images. */
export interface TermReport {
  scalars: Scalars;
  heatmap: { rows: number; cols: number; values: number[] } | null;
}

/** The app's last metrics report, without the spectrum and images. */
export interface Report {
  step: number;
  losses: Scalars;
  scalars: Scalars;
  terms: Record<string, TermReport>;
  stepsPerSecond: number;
  spectrumSource: string | null;
}

/** One report of the app's history. */
export type HistoryPoint = LabSnapshot['history'][number];

/** A notice the app showed. */
export type Notice = LabSnapshot['notices'][number];

/** What one run showed while it trained. */
export interface TrainResult {
  /** The run's first and last metrics report, and when they arrived here (ms since the epoch). */
  first: Report | null;
  firstAt: number | null;
  last: Report | null;
  lastAt: number | null;
  /** When Play was pressed. */
  t0: number;
  wallSeconds: number;
  /** Stopped at its time limit. */
  timedOut: boolean;
  history: HistoryPoint[];
  /** Notices raised during the run. */
  notices: Notice[];
  /** What looked wrong (no report, a report from another run, the wrong terms). */
  problems: string[];
  /** The run's state once paused. */
  state: string;
}

/** One run of a preset: what was asked, and (unless it failed early) what it showed. */
export interface PresetRow extends Partial<TrainResult> {
  preset: string;
  dataset: string | undefined;
  task: string | undefined;
  /** The method switched on or off; null for the baseline. */
  method: string | null;
  on: boolean;
  /** Steps asked for. */
  steps: number;
  /** Seconds it could train at most. */
  timeoutS: number;
  /** The step the method-on run stopped at, when this method-off run trains to it. */
  pairedTo: number | null;
  /** The methods on when Play was pressed. */
  methods?: string[];
  error?: string;
  /** Wall time of the whole run, load or reset included. */
  seconds?: number;
}

/** Everything a report measured. */
export interface PresetRaw {
  command: string;
  date: string;
  git: string;
  machine: { cores: number; cpu: string };
  rows: PresetRow[];
  /** Steps per run. */
  steps: number;
  backend: BackendInfo | null;
  /** Classes per dataset id. */
  classes: Record<string, number>;
  budgetS: number;
  runTimeoutS: number;
  minutes: number;
  chromium: string;
  /** Load average (1 min) at the start and at the end. */
  load: [number, number];
}
