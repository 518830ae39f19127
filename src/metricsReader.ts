/**
 * Turns the tensors kept from a metrics step into a MetricsReport: one batched
 * asynchronous read (never `dataSync`), then the collapse metrics on the CPU.
 * Disposes everything it was given.
 */
import type * as tf from '@tensorflow/tfjs';
import type { EmbeddingSnapshot } from './metrics/embeddingSnapshot';
import { computeCollapseMetrics } from './metrics/registry';
import type { MetricsReport, TermDiagnostics } from './protocol';
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

/**
 * Reads a recorded step (and optionally an evaluation) and builds the report. The classifier's
 * accuracy is `testAccuracy` in supervised runs and `probeAccuracy` (online linear probe) in SSL runs.
 */
export async function readMetrics(rec: RecordedStep, evalRec: RecordedEval | null, task: 'ssl' | 'supervised'): Promise<{ report: MetricsReport; skipped: number }> {
  const lossNames = Object.keys(rec.losses);
  const diagEntries: [string, string, tf.Tensor][] = [];
  for (const [term, diags] of Object.entries(rec.diagnostics)) for (const [k, t] of Object.entries(diags)) diagEntries.push([term, k, t]);
  const tensors: tf.Tensor[] = [...lossNames.map((k) => rec.losses[k]!), rec.z1, rec.z2, rec.skippedSteps, ...diagEntries.map((e) => e[2])];
  if (evalRec) tensors.push(evalRec.bank, evalRec.queries, evalRec.predictions);
  let data: (Float32Array | Int32Array | Uint8Array)[];
  try {
    data = (await Promise.all(tensors.map((t) => t.data()))) as (Float32Array | Int32Array | Uint8Array)[];
  } finally {
    // dispose() is idempotent, so a tensor listed twice is harmless.
    for (const t of tensors) t.dispose();
  }
  let i = 0;
  const losses: Record<string, number> = {};
  for (const k of lossNames) losses[k] = data[i++]![0]!;
  const z1 = data[i++] as Float32Array;
  const z2 = data[i++] as Float32Array;
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
  const [n, dim] = rec.z1.shape;
  const snapshot: EmbeddingSnapshot = { z: z1, n, d: dim, z2 };
  let predictions: Int32Array | null = null;
  if (evalRec) {
    const bank = data[i++] as Float32Array;
    const queries = data[i++] as Float32Array;
    predictions = data[i] as Int32Array;
    snapshot.knn = { bank, bankLabels: evalRec.bankLabels, queries, queryLabels: evalRec.queryLabels, classes: evalRec.classes };
  }
  // A diverged run (inf/NaN embeddings) has no spectrum; report that instead of throwing.
  let spectrum: number[] = [];
  let scalars: Record<string, number> = {};
  if (z1.every(Number.isFinite) && z2.every(Number.isFinite)) {
    try {
      ({ spectrum, scalars } = computeCollapseMetrics(snapshot));
    } catch {
      spectrum = [];
      scalars = {};
    }
  }
  if (evalRec && predictions) {
    let correct = 0;
    for (let q = 0; q < predictions.length; q++) if (predictions[q] === evalRec.queryLabels[q]) correct++;
    scalars[task === 'ssl' ? 'probeAccuracy' : 'testAccuracy'] = correct / Math.max(1, predictions.length);
  }
  scalars.skippedSteps = skipped;
  return { report: { step: rec.step, losses, spectrum, scalars, terms, stepsPerSecond: 0 }, skipped };
}
