/**
 * The collapse-metrics part of the kernel harness (`window.__kernels.collapseMetrics`,
 * see ./kernels.ts): runs `readMetrics` on both paths for the same embeddings on the
 * active backend (webgpu there), so e2e/metricsGpu.spec.ts can check the device path (the
 * registry's metrics kernels in WGSL) against the host path (the CPU reference), and
 * times both, counting the bytes each reads back and the longest stretch the thread was busy.
 */
import * as tf from '@tensorflow/tfjs';
import { collapseScalars, collapseScalarsComposed } from '../../src/kernels/collapseScalars';
import { covarianceCentered } from '../../src/kernels/covariance';
import { KERNEL_IMPLEMENTATIONS } from '../../src/kernels/implementations';
import { METRICS_KERNELS } from '../../src/kernels/registry';
import { rotatedSecondMoment } from '../../src/kernels/secondMoment';
import { symEigvals } from '../../src/kernels/symeig';
import { uncentredGramOverN } from '../../src/metrics/uncentredGram';
import { readMetrics } from '../../src/metricsReader';
import type { MetricsReport, SpectrumSource } from '../../src/protocol';
import type { RecordedStep } from '../../src/trainer';
import { Rng } from '../../src/util/rng';
import { median } from '../support/median';
import { countReads, type ReadCounter } from '../support/readCounter';

/**
 * Embedding families: 'gaussian' (healthy), 'offset' (collapsed to a point: a large
 * common mean with a spread of 1e-2, what naive alignment produces) and 'collapsed'
 * (rank one through the origin plus noise 1e-3: a spectrum spanning 1e-8, beyond float32).
 */
export type EmbeddingKind = 'gaussian' | 'offset' | 'collapsed';

/** What one `readMetrics` call did. */
export interface ReadMetricsRun {
  report: MetricsReport;
  /** Bytes the backend's `read` returned (every `tensor.data()` goes through it). */
  bytesRead: number;
  /** Calls of the backend's `read`. */
  reads: number;
  /** Calls of the backend's `readSync`. */
  syncReads: number;
}

/** Timing of one path, medians over the timed calls (after one warm-up call). */
export interface ReadMetricsTiming {
  path: SpectrumSource;
  n: number;
  d: number;
  /** Wall time of `readMetrics`, from the call to its report, ms. */
  ms: number;
  /** Longest stretch the thread could not run anything else during the call, ms. */
  longestBlockMs: number;
  bytesRead: number;
  reads: number;
}

/** The API on `window.__kernels.collapseMetrics`. Matrices are row-major plain arrays. */
export interface CollapseMetricsHarness {
  /** Seeded float32-representable `[n, d]` embeddings of a family, and a second view near them. */
  embeddings(kind: EmbeddingKind, n: number, d: number, seed: number): { z1: number[]; z2: number[] };
  /** `readMetrics` on one path for GPU-resident copies of z1 and z2. */
  read(z1: number[], z2: number[], n: number, d: number, path: SpectrumSource): Promise<ReadMetricsRun>;
  /** Times `readMetrics` on one path for `iters` calls on fresh GPU-resident embeddings. */
  time(kind: EmbeddingKind, n: number, d: number, path: SpectrumSource, iters: number): Promise<ReadMetricsTiming>;
  /**
   * Median ms of each stage of the device path alone (enqueue to its result read), by
   * stage name, plus the tfjs-op compositions the fused kernels replace.
   */
  profile(n: number, d: number, iters: number): Promise<Record<string, number>>;
  /** For each kernel the device path runs (the registry's METRICS_KERNELS), whether its registered webgpu kernelFunc is our WGSL one. */
  wgslKernels(): Record<string, boolean>;
}

/** Seeded embeddings of one family. */
function makeEmbeddings(kind: EmbeddingKind, n: number, d: number, seed: number): { z1: number[]; z2: number[] } {
  const rng = new Rng(seed);
  const u = Array.from({ length: d }, () => rng.normal());
  const z1 = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    const a = rng.normal();
    for (let j = 0; j < d; j++) {
      const g = rng.normal();
      z1[i * d + j] = kind === 'gaussian' ? g : kind === 'offset' ? 0.01 * g + 3 + j : a * u[j]! + 1e-3 * g;
    }
  }
  const z2 = Float32Array.from(z1, (v, k) => v + 0.05 * (kind === 'gaussian' ? 1 : 0.01) * Math.sin(k));
  return { z1: Array.from(z1), z2: Array.from(z2) };
}

/** A copy of `x` computed on the backend (not a CPU-side upload tfjs could read for free). */
function onBackend(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.add(x, 0));
}

/** A recorded step like the trainer's: one loss, the skip counter and the two views, all backend-resident. */
function recordedStep(z1: Float32Array, z2: Float32Array, n: number, d: number): RecordedStep {
  const t1 = tf.tensor2d(z1, [n, d]);
  const t2 = tf.tensor2d(z2, [n, d]);
  const zero = tf.scalar(0);
  const rec: RecordedStep = {
    step: 1,
    losses: { total: onBackend(zero) as tf.Scalar },
    z1: onBackend(t1) as tf.Tensor2D,
    z2: onBackend(t2) as tf.Tensor2D,
    diagnostics: {},
    skippedSteps: onBackend(zero) as tf.Scalar,
    generation: 0,
  };
  tf.dispose([t1, t2, zero]);
  return rec;
}

/** Waits until the backend has finished everything enqueued so far (webgpu: the device queue). */
async function settle(): Promise<void> {
  const b = tf.backend() as unknown as { device?: GPUDevice; submitQueue?: () => void; endComputePassEncoder?: () => void; commandEncoder?: unknown };
  if (b.device) {
    if (b.commandEncoder) {
      b.endComputePassEncoder?.();
      b.submitQueue?.();
    }
    await b.device.queue.onSubmittedWorkDone();
  }
}

/** The figures of a stopped read counter that a ReadMetricsRun reports. */
function readFigures(counter: ReadCounter): { bytesRead: number; reads: number; syncReads: number } {
  return { bytesRead: counter.bytesRead, reads: counter.byMethod['read'] ?? 0, syncReads: counter.byMethod['readSync'] ?? 0 };
}

/** Measures the longest gap between turns of a MessageChannel ping-pong until `stop()`. */
function watchBlocking(): { stop(): number } {
  const channel = new MessageChannel();
  let last = performance.now();
  let worst = 0;
  let running = true;
  channel.port1.onmessage = () => {
    const t = performance.now();
    worst = Math.max(worst, t - last);
    last = t;
    if (running) channel.port2.postMessage(0);
  };
  channel.port2.postMessage(0);
  return {
    stop() {
      running = false;
      worst = Math.max(worst, performance.now() - last);
      channel.port1.close();
      return worst;
    },
  };
}

/** Builds the collapse-metrics harness (uses whatever backend is active). */
export function makeCollapseMetricsHarness(): CollapseMetricsHarness {
  return {
    embeddings: makeEmbeddings,

    async read(z1, z2, n, d, path) {
      const rec = recordedStep(Float32Array.from(z1), Float32Array.from(z2), n, d);
      await settle();
      const counter = countReads();
      let report: MetricsReport;
      try {
        ({ report } = await readMetrics(rec, null, 'ssl', { path }));
      } finally {
        counter.stop();
      }
      return { report, ...readFigures(counter) };
    },

    async time(kind, n, d, path, iters) {
      const { z1, z2 } = makeEmbeddings(kind, n, d, n + d);
      const a = Float32Array.from(z1);
      const b = Float32Array.from(z2);
      const ms: number[] = [];
      const blocks: number[] = [];
      let last = { bytesRead: 0, reads: 0, syncReads: 0 };
      for (let i = 0; i <= iters; i++) {
        const rec = recordedStep(a, b, n, d);
        await settle();
        const counter = countReads();
        const watch = watchBlocking();
        const t0 = performance.now();
        try {
          await readMetrics(rec, null, 'ssl', { path });
        } finally {
          const t = performance.now() - t0;
          const block = watch.stop();
          counter.stop();
          last = readFigures(counter);
          // Call 0 compiles the shaders: a warm-up, not timed.
          if (i > 0) {
            ms.push(t);
            blocks.push(block);
          }
        }
      }
      return { path, n, d, ms: median(ms), longestBlockMs: median(blocks), bytesRead: last.bytesRead, reads: last.reads };
    },

    async profile(n, d, iters) {
      const { z1, z2 } = makeEmbeddings('gaussian', n, d, n + d);
      const a = tf.tensor2d(Float32Array.from(z1), [n, d]);
      const b = tf.tensor2d(Float32Array.from(z2), [n, d]);
      const za = onBackend(a) as tf.Tensor2D;
      const zb = onBackend(b) as tf.Tensor2D;
      const c = covarianceCentered(za);
      const mean = tf.mean(za, 0) as tf.Tensor1D;
      const stages: Record<string, () => tf.Tensor> = {
        covariance: () => covarianceCentered(za),
        'eigenvalues of C': () => symEigvals(c),
        'rotated second moment': () => rotatedSecondMoment(za, c),
        'collapse scalars': () => collapseScalars(za, zb),
        'rotated second moment, tfjs ops': () => uncentredGramOverN(c, mean),
        'collapse scalars, tfjs ops': () => collapseScalarsComposed(za, zb),
      };
      const out: Record<string, number> = {};
      try {
        for (const [name, stage] of Object.entries(stages)) {
          const times: number[] = [];
          for (let i = 0; i <= iters; i++) {
            await settle();
            const t0 = performance.now();
            const y = stage();
            await y.data();
            y.dispose();
            if (i > 0) times.push(performance.now() - t0);
          }
          out[name] = median(times);
        }
      } finally {
        tf.dispose([a, b, za, zb, c, mean]);
      }
      return out;
    },

    wgslKernels() {
      return Object.fromEntries(METRICS_KERNELS.map((k) => [k.name, tf.getKernel(k.name, 'webgpu')?.kernelFunc === KERNEL_IMPLEMENTATIONS[k.name].webgpu]));
    },
  };
}
