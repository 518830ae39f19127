/**
 * The typed messages between the UI thread and the engine worker: one discriminated
 * union each way. Nothing else crosses the boundary. Pure types: no tfjs here.
 */
import type { Catalog } from './catalog';
import type { BackendId, RunConfig } from './config';

/** Commands the UI sends to the worker. */
export type Command =
  /** Build everything for this config (validated again in the worker) and go idle. */
  | { type: 'configure'; config: RunConfig }
  /** Live change: applied before the next step; structural changes rebuild. */
  | { type: 'set'; patch: Partial<RunConfig> }
  | { type: 'start' }
  | { type: 'pause' }
  /** Run exactly n steps, then pause (metrics are emitted after the last one). */
  | { type: 'step'; n: number }
  /** Re-initialise weights, method state and step counter from the seed. */
  | { type: 'reset' }
  /**
   * While running, train no further than step `until` (null: no hold), and post a status on
   * reaching it. Two engines held this way train step for step (a run and its twin).
   */
  | { type: 'hold'; until: number | null }
  /**
   * Auto: train on this backend from now on, keeping the run (weights, step, history); sent by
   * the app when it measured this backend faster. Refused when a backend is forced.
   */
  | { type: 'useBackend'; backend: BackendId; why: string }
  /** Measuring engines only: time warm training steps of the configured run (up to `steps` or `seconds`) and answer with a `benchmark` event. */
  | { type: 'benchmark'; steps: number; seconds: number }
  /** Test and demo hook: destroy the GPU device as a driver crash would. */
  | { type: 'simulateDeviceLoss' }
  /** Copy every weight of the run to the UI (training goes on): answered by a `weights` event. */
  | { type: 'exportWeights' }
  /**
   * The user imported or deleted a dataset: read the stored ones again and post `ready` with
   * the updated catalog (the run in progress goes on).
   */
  | { type: 'datasetsChanged' }
  /**
   * After a restart of the engine: put the run's weights back from a snapshot the app kept
   * (a `snapshot` event of the engine that died), at its step, once the run is configured.
   * Refused, with a notice, when the tensors do not fit the configured run.
   */
  | { type: 'restore'; step: number; tensors: NamedTensor[] }
  /** Liveness: answered at once by `pong`, ahead of the commands waiting in line (the app's watchdog). */
  | { type: 'ping' }
  /** Test hook: the worker throws an error nothing catches, as a bug would (the app must restart it). */
  | { type: 'simulateCrash' };

/** One variable of the run by its stable name, with its shape and float32 values. */
export interface NamedTensor {
  name: string;
  shape: number[];
  data: Float32Array;
}

/** Which backend runs, why, and on what adapter. */
export interface BackendInfo {
  id: BackendId;
  /** Why this backend: forced by the user, or why the better ones were skipped. */
  reason: string;
  /** Backends that were tried first and failed, with their error. */
  skipped: { id: BackendId; why: string }[];
  /** WebGPU adapter description, when on WebGPU. */
  adapter?: { vendor: string; architecture: string; description: string; isFallbackAdapter: boolean };
  /** Measured set-up facts worth showing (e.g. which convolution kernel was faster). */
  notes?: string[];
}

/** The run's state machine. */
export type RunState = 'booting' | 'building' | 'idle' | 'running' | 'paused' | 'error';

/** A time series point of one named scalar. */
export type Scalars = Record<string, number>;

/** Diagnostics of one term for its chart, read every K steps. */
export interface TermDiagnostics {
  /** Named scalars drawn as lines over steps (e.g. per-block distance). */
  scalars?: Scalars;
  /** The legend label of each scalar, by its name. */
  labels?: Record<string, string>;
  /** A matrix drawn as a heatmap (e.g. per-variable bin usage), row-major. */
  heatmap?: { rows: number; cols: number; values: number[]; rowLabel: string; colLabel: string };
  /** Small images (e.g. the masked batch): RGBA bytes, each h x w. */
  images?: { width: number; height: number; rgba: Uint8ClampedArray[] };
}

/**
 * Where a report's spectrum and collapse scalars were computed: `'device'` on the
 * backend (only short vectors read back), `'host'` on the CPU from the read embeddings.
 */
export type SpectrumSource = 'device' | 'host';

/**
 * The embeddings of the fixed evaluation batch (the first test queries; the projector
 * outputs in SSL runs, the backbone features in supervised ones: what the spectrum shows)
 * on their top two principal directions, for the embedding scatter.
 */
export interface EmbeddingProjection {
  /** Coordinates of each centred embedding along the first principal direction (PC1). */
  x: number[];
  /** ... and along the second (PC2). */
  y: number[];
  /** Class of each point. */
  labels: number[];
  /** Share of the total variance along PC1 and along PC2, each in [0, 1]. */
  explained: [number, number];
  /** Root mean square norm of the embeddings, sqrt(trace C + |mean|^2): next to it, a collapse to a point is a dot. */
  rmsNorm: number;
  /** Where the projection was computed. */
  source: SpectrumSource;
}

/** What the classifier (or the online linear probe) predicts over the input plane of a 2-D dataset. */
export interface InputSpaceMap {
  /** Cells per side of the square grid. */
  size: number;
  /** The grid's cell centres span [-extent, extent] on both axes. */
  extent: number;
  /** Predicted class of each cell, row-major from the top row (largest y) down, left to right. */
  labels: number[];
  /** The evaluation points (inputs) with their true classes, drawn on top. */
  points: { x: number[]; y: number[]; labels: number[] };
}

/** What the worker reports every K steps. */
export interface MetricsReport {
  step: number;
  /** Loss of each enabled term (after its weight) and `total`. */
  losses: Scalars;
  /** Covariance eigenvalues of the embeddings, descending. */
  spectrum: number[];
  /** Where `spectrum` and the collapse scalars were computed (absent in older reports). */
  spectrumSource?: SpectrumSource;
  /** rankme, stdL2, stdRef, alignment, uniformity, accuracy (kNN or test), ... */
  scalars: Scalars;
  /** Per term id. */
  terms: Record<string, TermDiagnostics>;
  /** Why this report has no spectrum or collapse scalars (too few rows, a diverged run), when it has none. */
  collapseUnavailable?: string;
  /** Training speed over the last window. */
  stepsPerSecond: number;
  /** Evaluation reports (every 4th): the evaluation batch on its principal plane. */
  embedding?: EmbeddingProjection;
  /** Evaluation reports of 2-D point datasets: the classifier's decisions over the input plane. */
  inputSpace?: InputSpaceMap;
}

/** Events the worker sends to the UI. */
export type WorkerEvent =
  | { type: 'ready'; catalog: Catalog; backend: BackendInfo }
  /** The answer to `benchmark`: warm steps per second of the configured run on this backend. */
  | { type: 'benchmark'; backend: BackendId; stepsPerSecond: number; steps: number; adapter: BackendInfo['adapter'] | null }
  | { type: 'status'; state: RunState; step: number; config: RunConfig | null }
  | { type: 'metrics'; report: MetricsReport }
  /** A dataset thumbnail for the picker: RGBA bytes. */
  | { type: 'thumbnail'; dataset: string; width: number; height: number; rgba: Uint8ClampedArray }
  /**
   * The answer to `exportWeights`: every variable of the run (model weights, running statistics,
   * method state) by stable name, with its shape (method-state tensors flat) and float32 values
   * at `step`; no tensors when no run is built yet.
   */
  | { type: 'weights'; step: number; tensors: { name: string; shape: number[]; data: Float32Array }[] }
  /**
   * The engine's latest restore point, posted each time it copies the weights to the CPU (at
   * step 0 and every few dozen steps of finite training): what the app keeps outside the
   * worker to restore the run if the worker dies. `config` is the run's config at `step`.
   */
  | { type: 'snapshot'; step: number; config: RunConfig; tensors: NamedTensor[] }
  /** The answer to `ping`. */
  | { type: 'pong' }
  /** Something the user should know; `error` ones also carry what was kept. */
  | { type: 'notice'; level: 'info' | 'warning' | 'error'; code: NoticeCode; message: string };

/** Machine-readable reasons for notices, so tests and the UI can react to them. */
export type NoticeCode =
  | 'invalid-config'
  | 'nan-loss'
  | 'device-lost'
  | 'device-restored'
  | 'backend-fallback'
  | 'dataset-load-failed'
  | 'budget-reached'
  | 'backend-switched'
  /** The engine's worker died and was started again (from the run's last snapshot, when there was one). */
  | 'engine-restarted'
  | 'internal';
