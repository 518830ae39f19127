/**
 * Turns the tensors kept from a metrics step into a MetricsReport: one batched
 * asynchronous read (never `dataSync`), then whatever is left to do on the CPU.
 * Disposes everything it was given.
 *
 * The collapse metrics take one of two paths (./metrics/metricsPath.ts):
 * - device (webgpu): spectrum, eigenvalues of z^T z / N (RankMe), std / alignment / uniformity
 *   are enqueued on the GPU right here (./metrics/collapseOnDevice.ts) and read as one
 *   short vector; the `[N, D]` embeddings z1, z2 are never read back.
 * - host (cpu, wasm, webgl): z1 and z2 are read and `computeCollapseMetrics` runs on
 *   the CPU in float64 (the reference path).
 */
import * as tf from '@tensorflow/tfjs';
import { collapseMetricsFromDevice, collapseMetricsOnDevice, deviceCollapseLayout } from './metrics/collapseOnDevice';
import type { EmbeddingSnapshot } from './metrics/embeddingSnapshot';
import type { KnnSet } from './metrics/knn';
import { metricsPathFor } from './metrics/metricsPath';
import { computeCollapseMetrics, type CollapseMetrics } from './metrics/registry';
import type { Task } from './config';
import type { MetricsReport, SpectrumSource, TermDiagnostics } from './protocol';
import type { RecordedEval, RecordedStep } from './trainer';

/** NHWC float images in [0, 1] to RGBA bytes, one array per image. */
function toRgba(values: Float32Array, shape: readonly number[]): { width: number; height: number; rgba: Uint8ClampedArray[] } {
  const [n, h, w, c] = shape as [number, number, number, number];
  const out: Uint8ClampedArray[] = [];
  for (let i = 0; i < n; i++) {
    const img = new Uint8ClampedArray(h * w * 4);
    for (let p = 0; p < h * w; p++) {
      const base = (i * h * w + p) * c;
      const r = values[base]!;
      const g = c >= 3 ? values[base + 1]! : r;
      const b = c >= 3 ? values[base + 2]! : r;
      img[p * 4] = r * 255;
      img[p * 4 + 1] = g * 255;
      img[p * 4 + 2] = b * 255;
      img[p * 4 + 3] = 255;
    }
    out.push(img);
  }
  return { width: w, height: h, rgba: out };
}

/** Options of `readMetrics`. */
export interface ReadMetricsOptions {
  /** Which path computes the collapse metrics; default `metricsPathFor(tf.getBackend())`. */
  path?: SpectrumSource;
}

/**
 * Reads a recorded step (and optionally an evaluation) and builds the report. The classifier's
 * accuracy is `testAccuracy` in supervised runs and `probeAccuracy` (online linear probe) in SSL runs.
 *
 * What the one batched read holds, in order:
 * 1. the per-term losses and `total` (scalars), then the skipped-step counter (scalar);
 * 2. the terms' diagnostic tensors (scalars, heatmaps, images);
 * 3. collapse metrics. Device path: one packed float32 vector of 2 D + 4 values
 *    (covariance eigenvalues, eigenvalues of z1^T z1 / N, std / alignment / uniformity,
 *    finiteness). Host path: the raw embeddings z1 and z2, 2 N D floats;
 * 4. on evaluation reports only: the bank and query embeddings (512 + 256 rows of D,
 *    for the kNN accuracy, computed on the CPU on both paths) and the classifier's
 *    query predictions.
 */
export async function readMetrics(rec: RecordedStep, evalRec: RecordedEval | null, task: Task, options: ReadMetricsOptions = {}): Promise<{ report: MetricsReport; skipped: number }> {
  const path = options.path ?? metricsPathFor(tf.getBackend());
  const [n, dim] = rec.z1.shape;
  const lossNames = Object.keys(rec.losses);
  const diagEntries: [string, string, tf.Tensor][] = [];
  for (const [term, diags] of Object.entries(rec.diagnostics)) for (const [k, t] of Object.entries(diags)) diagEntries.push([term, k, t]);
  const given: tf.Tensor[] = [...lossNames.map((k) => rec.losses[k]!), rec.skippedSteps, ...diagEntries.map((e) => e[2]), rec.z1, rec.z2];
  if (evalRec) given.push(evalRec.bank, evalRec.queries, evalRec.predictions);
  // Device path: enqueue the metrics before the read, so they ride in the same batch.
  let packed: tf.Tensor1D | null = null;
  if (path === 'device') {
    try {
      packed = collapseMetricsOnDevice(rec.z1, rec.z2);
    } catch {
      packed = null; // bad shapes: a report without collapse metrics, as on the host path
    }
  }
  const collapseReads: tf.Tensor[] = path === 'device' ? (packed ? [packed] : []) : [rec.z1, rec.z2];
  const reads: tf.Tensor[] = [...lossNames.map((k) => rec.losses[k]!), rec.skippedSteps, ...diagEntries.map((e) => e[2]), ...collapseReads];
  if (evalRec) reads.push(evalRec.bank, evalRec.queries, evalRec.predictions);
  let data: (Float32Array | Int32Array | Uint8Array)[];
  try {
    data = (await Promise.all(reads.map((t) => t.data()))) as (Float32Array | Int32Array | Uint8Array)[];
  } finally {
    // dispose() is idempotent, so a tensor listed twice is harmless.
    for (const t of given) t.dispose();
    packed?.dispose();
  }
  let i = 0;
  const losses: Record<string, number> = {};
  for (const k of lossNames) losses[k] = data[i++]![0]!;
  const skipped = data[i++]![0]!;
  const terms: Record<string, TermDiagnostics> = {};
  for (const [term, key, t] of diagEntries) {
    const values = data[i++] as Float32Array;
    const d = (terms[term] ??= {});
    if (key === 'heatmap' && t.rank === 2) {
      d.heatmap = { rows: t.shape[0]!, cols: t.shape[1]!, values: Array.from(values), rowLabel: 'variable', colLabel: 'bin' };
    } else if (key === 'images' && t.rank === 4) {
      d.images = toRgba(values as Float32Array, t.shape);
    } else if (t.size === 1) {
      (d.scalars ??= {})[key] = values[0]!;
    }
  }
  const collapseData = data.slice(i, i + collapseReads.length) as Float32Array[];
  i += collapseReads.length;
  let knn: KnnSet | undefined;
  let predictions: Int32Array | null = null;
  if (evalRec) {
    const bank = data[i++] as Float32Array;
    const queries = data[i++] as Float32Array;
    predictions = data[i] as Int32Array;
    knn = { bank, bankLabels: evalRec.bankLabels, queries, queryLabels: evalRec.queryLabels, classes: evalRec.classes };
  }
  // A diverged run (inf/NaN embeddings) has no spectrum; report that instead of throwing.
  let metrics: CollapseMetrics | null = null;
  try {
    if (path === 'device') {
      const values = collapseData[0];
      metrics = values ? collapseMetricsFromDevice(values, deviceCollapseLayout(n, dim), true, knn) : null;
    } else {
      const [z1, z2] = collapseData as [Float32Array, Float32Array];
      if (z1.every(Number.isFinite) && z2.every(Number.isFinite)) {
        const snapshot: EmbeddingSnapshot = { z: z1, n, d: dim, z2 };
        if (knn) snapshot.knn = knn;
        metrics = computeCollapseMetrics(snapshot);
      }
    }
  } catch {
    metrics = null;
  }
  const spectrum = metrics?.spectrum ?? [];
  const scalars = metrics?.scalars ?? {};
  if (evalRec && predictions) {
    let correct = 0;
    for (let q = 0; q < predictions.length; q++) if (predictions[q] === evalRec.queryLabels[q]) correct++;
    scalars[task === 'ssl' ? 'probeAccuracy' : 'testAccuracy'] = correct / Math.max(1, predictions.length);
  }
  scalars.skippedSteps = skipped;
  return { report: { step: rec.step, losses, spectrum, spectrumSource: path, scalars, terms, stepsPerSecond: 0 }, skipped };
}
