/**
 * Turns the tensors kept from a metrics step into a MetricsReport: one batched
 * asynchronous read (never `dataSync`), then whatever is left to do on the CPU.
 * Disposes everything it was given.
 *
 * Each tensor to read travels with the code that stores its values (`PendingRead`), so
 * nothing is decoded by position. The collapse metrics take one of two paths
 * (./metrics/metricsPath.ts):
 * - device (webgpu): spectrum, eigenvalues of z^T z / N (RankMe), std / alignment / uniformity
 *   are enqueued on the GPU right here (./metrics/collapseOnDevice.ts) and read as one
 *   short vector of 2 D + 4 values; the `[N, D]` embeddings z1, z2 are never read back.
 * - host (cpu, wasm, webgl): z1 and z2 are read and `computeCollapseMetrics` runs on
 *   the CPU in float64 (the reference path).
 * On evaluation reports the bank and query embeddings (for kNN, on the CPU on both paths)
 * and the classifier's query predictions are read in the same batch, with the queries'
 * principal plane (the embedding scatter: on the device path the PrincipalPlane kernel's
 * 2 N + 4 values, on the host path computed in float64 from the read queries) and, for 2-D
 * point datasets, the classifier's predictions over the input-space grid.
 */
import * as tf from '@tensorflow/tfjs';
import type { Task } from './config';
import { PRINCIPAL_PLANE_MAX_SIZE, principalPlane } from './kernels/principalPlane';
import { collapseMetricsFromDevice, collapseMetricsOnDevice, deviceCollapseLayout } from './metrics/collapseOnDevice';
import { embeddingProjection, unpackPrincipalPlane } from './metrics/embeddingProjection';
import { inputSpaceMap } from './metrics/inputGrid';
import { knnAccuracy, type KnnSet } from './metrics/knn';
import { metricsPathFor } from './metrics/metricsPath';
import { principalPlane as hostPrincipalPlane } from './metrics/principalPlane';
import { computeCollapseMetrics, type CollapseMetrics } from './metrics/registry';
import type { Diagnostic } from './objectives/term';
import type { EmbeddingProjection, InputSpaceMap, MetricsReport, SpectrumSource, TermDiagnostics } from './protocol';
import type { RecordedEval, RecordedStep } from './trainer';

/** Values of one read tensor. */
type TensorValues = Float32Array | Int32Array | Uint8Array;

/** One tensor to read and what to do with its values. */
interface PendingRead {
  tensor: tf.Tensor;
  store(values: TensorValues): void;
}

/** Options of `readMetrics`. */
export interface ReadMetricsOptions {
  /** Which path computes the collapse metrics; default `metricsPathFor(tf.getBackend())`. */
  path?: SpectrumSource;
}

/** NHWC float images in [0, 1] to RGBA bytes, one array per image. */
function toRgba(values: ArrayLike<number>, shape: readonly number[]): NonNullable<TermDiagnostics['images']> {
  const [n, h, w, c] = shape as [number, number, number, number];
  const out: Uint8ClampedArray[] = [];
  for (let i = 0; i < n; i++) {
    const img = new Uint8ClampedArray(h * w * 4);
    for (let p = 0; p < h * w; p++) {
      const base = (i * h * w + p) * c;
      const r = values[base]!;
      img[p * 4] = r * 255;
      img[p * 4 + 1] = (c >= 3 ? values[base + 1]! : r) * 255;
      img[p * 4 + 2] = (c >= 3 ? values[base + 2]! : r) * 255;
      img[p * 4 + 3] = 255;
    }
    out.push(img);
  }
  return { width: w, height: h, rgba: out };
}

/** The read of one term diagnostic, stored into that term's chart data with the diagnostic's own labels. */
function diagnosticRead(key: string, d: Diagnostic, into: TermDiagnostics): PendingRead {
  switch (d.kind) {
    case 'scalar':
      return {
        tensor: d.value,
        store: (v) => {
          (into.scalars ??= {})[key] = v[0]!;
          (into.labels ??= {})[key] = d.label;
        },
      };
    case 'heatmap':
      return {
        tensor: d.value,
        store: (v) => {
          into.heatmap = { rows: d.value.shape[0], cols: d.value.shape[1], values: Array.from(v), rowLabel: d.rowLabel, colLabel: d.colLabel };
        },
      };
    case 'images':
      return { tensor: d.value, store: (v) => (into.images = toRgba(v, d.value.shape)) };
  }
}

/** Where the collapse metrics come from once the reads are done. */
interface CollapseSource {
  reads: PendingRead[];
  /** Why there are no collapse metrics, or the metrics (given the kNN set, if any). */
  finish(): CollapseMetrics | string;
  /** Tensors made here that the caller must free. */
  made: tf.Tensor[];
}

/** Whether z1, z2 have a shape the collapse metrics accept. */
function measurableShape(z1: tf.Tensor2D, z2: tf.Tensor2D): string | null {
  const [n, d] = z1.shape;
  if (n < 2) return `collapse metrics need at least 2 embeddings, got ${n}`;
  if (d < 1) return 'collapse metrics need an embedding width of at least 1';
  if (z2.shape[0] !== n || z2.shape[1] !== d) return `both views must be ${n}x${d}, got ${z2.shape.join('x')}`;
  return null;
}

/** Device path: enqueue the packed metrics now, so they ride in the same batched read. */
function deviceCollapse(z1: tf.Tensor2D, z2: tf.Tensor2D): CollapseSource {
  const packed = collapseMetricsOnDevice(z1, z2);
  let values: TensorValues | null = null;
  return {
    reads: [{ tensor: packed, store: (v) => (values = v) }],
    made: [packed],
    finish: () => (values ? (collapseMetricsFromDevice(values, deviceCollapseLayout(z1.shape[0], z1.shape[1]), true) ?? 'the embeddings are not finite') : 'nothing was read'),
  };
}

/** Host path: read both views and compute the metrics on the CPU in float64. */
function hostCollapse(z1: tf.Tensor2D, z2: tf.Tensor2D): CollapseSource {
  const [n, d] = z1.shape;
  const read: { z1?: TensorValues; z2?: TensorValues } = {};
  return {
    reads: [
      { tensor: z1, store: (v) => (read.z1 = v) },
      { tensor: z2, store: (v) => (read.z2 = v) },
    ],
    made: [],
    finish: () => {
      if (!read.z1 || !read.z2) return 'nothing was read';
      if (!read.z1.every(Number.isFinite) || !read.z2.every(Number.isFinite)) return 'the embeddings are not finite';
      try {
        return computeCollapseMetrics({ z: read.z1, z2: read.z2, n, d });
      } catch (e) {
        // A pathological spectrum (no convergence) costs this report its charts, not the run.
        return `the spectrum could not be computed (${e instanceof Error ? e.message : String(e)})`;
      }
    },
  };
}

/** What an evaluation's reads fill in. */
interface EvaluationValues {
  /** kNN accuracy on the backbone features, and on the projector outputs (SSL). */
  knn?: number;
  knnProjector?: number;
  predictions?: TensorValues;
  /** The queries on their principal plane (null: not finite). */
  embedding?: EmbeddingProjection | null;
  inputSpace?: InputSpaceMap;
}

/** The reads of one kNN set (bank and queries of width `d`), storing its accuracy when both have arrived. */
function knnReads(bank: tf.Tensor2D, queries: tf.Tensor2D, evalRec: RecordedEval, store: (accuracy: number) => void): PendingRead[] {
  const got: { bank?: TensorValues; queries?: TensorValues } = {};
  const complete = () => {
    if (!got.bank || !got.queries) return;
    // Features of a diverged run are not finite: no accuracy rather than a meaningless one.
    if (!got.bank.every(Number.isFinite) || !got.queries.every(Number.isFinite)) return;
    const set: KnnSet = { bank: got.bank as Float32Array, bankLabels: evalRec.bankLabels, queries: got.queries as Float32Array, queryLabels: evalRec.queryLabels, classes: evalRec.classes };
    store(knnAccuracy(set, bank.shape[1]));
  };
  return [
    { tensor: bank, store: (v) => ((got.bank = v), complete()) },
    { tensor: queries, store: (v) => ((got.queries = v), complete()) },
  ];
}

/**
 * The read of the queries' principal plane, of the embedding the spectrum shows (projector
 * outputs in SSL runs, backbone features otherwise): on the device path the PrincipalPlane
 * kernel's packed output (`made`, for the caller to free), on the host path the queries
 * themselves, projected in float64 once read.
 */
function embeddingRead(evalRec: RecordedEval, task: Task, path: SpectrumSource, store: (e: EmbeddingProjection | null) => void): { read: PendingRead; made: tf.Tensor[] } {
  const z = task === 'ssl' && evalRec.projected ? evalRec.projected.queries : evalRec.queries;
  const [n, d] = z.shape;
  const labels = evalRec.queryLabels;
  if (path === 'device' && n <= PRINCIPAL_PLANE_MAX_SIZE && d <= PRINCIPAL_PLANE_MAX_SIZE) {
    const packed = principalPlane(z);
    return { read: { tensor: packed, store: (v) => store(embeddingProjection(unpackPrincipalPlane(v, n), labels, 'device')) }, made: [packed] };
  }
  // Queries of a diverged run are not finite: no scatter rather than a meaningless one.
  return { read: { tensor: z, store: (v) => store(v.every(Number.isFinite) ? embeddingProjection(hostPrincipalPlane(v, n, d), labels, 'host') : null) }, made: [] };
}

/**
 * The reads of an evaluation: kNN sets (backbone, and projector in SSL runs) and the
 * classifier's predictions, when the dataset has at least two classes (on an unlabelled one
 * every answer is right: an accuracy would claim what nothing measured), the queries'
 * principal plane (at least 2 queries) and the input-space grid's predictions (2-D point
 * datasets); `made`: tensors made here for the caller to free.
 */
function evaluationReads(evalRec: RecordedEval, task: Task, path: SpectrumSource, into: EvaluationValues): { reads: PendingRead[]; made: tf.Tensor[] } {
  const reads: PendingRead[] = [];
  if (evalRec.classes >= 2) {
    reads.push(...knnReads(evalRec.bank, evalRec.queries, evalRec, (a) => (into.knn = a)));
    if (evalRec.projected) reads.push(...knnReads(evalRec.projected.bank, evalRec.projected.queries, evalRec, (a) => (into.knnProjector = a)));
    reads.push({ tensor: evalRec.predictions, store: (v) => (into.predictions = v) });
  }
  const made: tf.Tensor[] = [];
  if (evalRec.queries.shape[0] >= 2) {
    const embedding = embeddingRead(evalRec, task, path, (e) => (into.embedding = e));
    reads.push(embedding.read);
    made.push(...embedding.made);
  }
  const grid = evalRec.inputSpace;
  if (grid) reads.push({ tensor: grid.predictions, store: (v) => (into.inputSpace = inputSpaceMap(grid, v, grid.points, evalRec.queryLabels)) });
  return { reads, made };
}

/** Share of predictions equal to their labels. */
function accuracy(predictions: ArrayLike<number>, labels: ArrayLike<number>): number {
  let correct = 0;
  for (let q = 0; q < predictions.length; q++) if (predictions[q] === labels[q]) correct++;
  return correct / Math.max(1, predictions.length);
}

/**
 * Reads a recorded step (and optionally an evaluation) and builds the report. The classifier's
 * accuracy is `testAccuracy` in supervised runs and `probeAccuracy` (online linear probe) in SSL runs.
 * When the collapse metrics cannot be computed (too few rows, a diverged run), the report has an
 * empty spectrum and says why in `collapseUnavailable`.
 */
export async function readMetrics(rec: RecordedStep, evalRec: RecordedEval | null, task: Task, options: ReadMetricsOptions = {}): Promise<{ report: MetricsReport; skipped: number }> {
  const path = options.path ?? metricsPathFor(tf.getBackend());
  const losses: Record<string, number> = {};
  const terms: Record<string, TermDiagnostics> = {};
  const counter: { skipped: number } = { skipped: 0 };
  const evaluation: EvaluationValues = {};

  const reads: PendingRead[] = Object.entries(rec.losses).map(([name, t]) => ({ tensor: t, store: (v) => (losses[name] = v[0]!) }));
  reads.push({ tensor: rec.skippedSteps, store: (v) => (counter.skipped = v[0]!) });
  for (const [term, diags] of Object.entries(rec.diagnostics)) {
    const into: TermDiagnostics = (terms[term] = {});
    for (const [key, d] of Object.entries(diags)) reads.push(diagnosticRead(key, d, into));
  }
  const shapeProblem = measurableShape(rec.z1, rec.z2);
  const collapse = shapeProblem ? null : path === 'device' ? deviceCollapse(rec.z1, rec.z2) : hostCollapse(rec.z1, rec.z2);
  if (collapse) reads.push(...collapse.reads);
  const evaluationMade: tf.Tensor[] = [];
  if (evalRec) {
    const e = evaluationReads(evalRec, task, path, evaluation);
    reads.push(...e.reads);
    evaluationMade.push(...e.made);
  }

  try {
    const values = (await Promise.all(reads.map((r) => r.tensor.data()))) as TensorValues[];
    reads.forEach((r, i) => r.store(values[i]!));
  } finally {
    // dispose() is idempotent, so a tensor listed twice is harmless.
    const diagnostics = Object.values(rec.diagnostics).flatMap((d) => Object.values(d).map((x) => x.value));
    tf.dispose([...Object.values(rec.losses), rec.skippedSteps, ...diagnostics, rec.z1, rec.z2, ...(collapse?.made ?? [])]);
    if (evalRec) {
      tf.dispose([evalRec.bank, evalRec.queries, evalRec.predictions, ...(evalRec.projected ? [evalRec.projected.bank, evalRec.projected.queries] : [])]);
      tf.dispose([...evaluationMade, ...(evalRec.inputSpace ? [evalRec.inputSpace.predictions] : [])]);
    }
  }

  const metrics = collapse ? collapse.finish() : (shapeProblem ?? 'no collapse metrics');
  const scalars = typeof metrics === 'string' ? {} : metrics.scalars;
  if (evaluation.knn !== undefined) scalars.knnAccuracy = evaluation.knn;
  if (evaluation.knnProjector !== undefined) scalars.knnProjector = evaluation.knnProjector;
  if (evalRec && evaluation.predictions) scalars[task === 'ssl' ? 'probeAccuracy' : 'testAccuracy'] = accuracy(evaluation.predictions, evalRec.queryLabels);
  scalars.skippedSteps = counter.skipped;
  const report: MetricsReport = {
    step: rec.step,
    losses,
    spectrum: typeof metrics === 'string' ? [] : metrics.spectrum,
    spectrumSource: path,
    scalars,
    terms,
    stepsPerSecond: 0,
  };
  if (typeof metrics === 'string') report.collapseUnavailable = metrics;
  if (evaluation.embedding) report.embedding = evaluation.embedding;
  if (evaluation.inputSpace) report.inputSpace = evaluation.inputSpace;
  return { report, skipped: counter.skipped };
}
