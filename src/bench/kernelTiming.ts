/**
 * Times each custom kernel three ways on the active backend (webgpu), on the same input
 * and page: the registered WGSL kernel; the read-back path (await the input's data,
 * compute the float64 reference on the CPU, upload the result); and the same result
 * composed from stock tfjs ops (./composedOps.ts). Each path is also checked against the
 * float64 reference, so a fast wrong path cannot win.
 */
import * as tf from '@tensorflow/tfjs';
import { covarianceCenteredComposed } from '../kernels/covariance';
import { COVARIANCE_CENTERED } from '../kernels/covariance/names';
import { covarianceReference } from '../kernels/covariance/reference';
import { INVERSE_SPD, LOGDET_SPD } from '../kernels/logdet/names';
import { inverseSPDReference, logdetReference } from '../kernels/logdet/reference';
import { WEBGPU_KERNEL_NAMES } from '../kernels/registerWebgpu';
import { SYM_EIGVALS } from '../kernels/symeig/names';
import { symmetricEigenvalues } from '../kernels/symeig/reference';
import { Rng } from '../util/rng';
import { inverseSPDComposed, logdetComposed, qrOnce } from './composedOps';

/** Which implementation is timed. */
export type KernelPath = 'webgpu' | 'readback' | 'composed';

/** The kernels timed: every kernel with a WGSL implementation. */
export const TIMED_KERNELS: readonly string[] = WEBGPU_KERNEL_NAMES;

/** One timing of one path. */
export interface KernelTiming {
  /**
   * Milliseconds per call: `iters` calls after one warm-up, plus one final read of the last
   * output; for a composed path whose warm-up alone took over the budget, the warm-up call itself (iters 0).
   */
  ms: number;
  iters: number;
  /** Milliseconds of the warm-up call (shader compilation included), read included. */
  warmupMs: number;
  /** Max |output - float64 reference| / max(1, max |reference|); null where not comparable. */
  relError: number | null;
  /** What the figure means when it is not the same result (the eigenvalue lower bound). */
  note?: string;
}

/** How a kernel's input is made and its float64 reference computed. */
interface KernelCase {
  input(d: number): { values: Float32Array; shape: [number, number] };
  reference(values: ArrayLike<number>, shape: [number, number]): { values: ArrayLike<number>; shape: number[] };
  composed(x: tf.Tensor2D): tf.Tensor;
  /** Set when `composed` is a lower bound rather than the same result. */
  composedNote?: string;
}

/** Gaussian [n, d], seeded. */
function gaussian(n: number, d: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: n * d }, () => rng.normal());
}

/** (1/2D) X^T X + 0.1 I with X Gaussian [2D, D]: SPD, condition number about 10-40. */
function randomSpd(d: number): { values: Float32Array; shape: [number, number] } {
  const x = gaussian(2 * d, d, 1);
  const a = new Float32Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let r = 0; r < 2 * d; r++) s += x[r * d + i]! * x[r * d + j]!;
      const v = s / (2 * d) + (i === j ? 0.1 : 0);
      a[i * d + j] = v;
      a[j * d + i] = v;
    }
  }
  return { values: a, shape: [d, d] };
}

const CASES: Record<string, KernelCase> = {
  [LOGDET_SPD]: {
    input: randomSpd,
    reference: (v, [d]) => ({ values: [logdetReference(v, d)], shape: [] }),
    composed: (x) => logdetComposed(x),
  },
  [INVERSE_SPD]: {
    input: randomSpd,
    reference: (v, [d]) => ({ values: inverseSPDReference(v, d), shape: [d, d] }),
    composed: (x) => inverseSPDComposed(x),
  },
  [SYM_EIGVALS]: {
    input: randomSpd,
    reference: (v, [d]) => ({ values: symmetricEigenvalues(v, d), shape: [d] }),
    composed: (x) => qrOnce(x),
    composedNote: 'one tf.linalg.qr only: a lower bound (tfjs has no eigen-solver; a QR algorithm needs on the order of D QR steps)',
  },
  [COVARIANCE_CENTERED]: {
    input: (d) => ({ values: gaussian(2 * d, d, 1), shape: [2 * d, d] }),
    reference: (v, [n, d]) => ({ values: covarianceReference(v, n, d), shape: [d, d] }),
    composed: (x) => covarianceCenteredComposed(x),
  },
};

const references = new Map<string, ArrayLike<number>>();

/** The float64 reference output for the timing input of `kernelName` at size d, computed once. */
function referenceFor(kernelName: string, d: number, input: { values: Float32Array; shape: [number, number] }): ArrayLike<number> {
  const key = `${kernelName}/${d}`;
  let ref = references.get(key);
  if (!ref) {
    ref = caseOf(kernelName).reference(input.values, input.shape).values;
    references.set(key, ref);
  }
  return ref;
}

function caseOf(kernelName: string): KernelCase {
  const c = CASES[kernelName];
  if (!c) throw new Error(`No timing case for kernel ${kernelName}.`);
  return c;
}

/** One call of a path on x + 0 (a fresh GPU-resident tensor, as inside a training step). */
async function call(kernelName: string, path: KernelPath, x: tf.Tensor2D): Promise<tf.Tensor> {
  const c = caseOf(kernelName);
  const fresh = tf.add(x, 0) as tf.Tensor2D;
  try {
    if (path === 'webgpu') return tf.engine().runKernel<tf.Tensor>(kernelName, { [kernelName === COVARIANCE_CENTERED ? 'z' : 'a']: fresh });
    if (path === 'composed') return c.composed(fresh);
    const ref = c.reference(await fresh.data(), fresh.shape as [number, number]);
    return tf.tensor(Float32Array.from(ref.values), ref.shape);
  } finally {
    fresh.dispose();
  }
}

/** Max |out - ref| relative to max(1, max |ref|). */
function relativeError(out: ArrayLike<number>, ref: ArrayLike<number>): number {
  if (out.length !== ref.length) return Infinity;
  let err = 0;
  let scale = 1;
  for (let i = 0; i < ref.length; i++) {
    err = Math.max(err, Math.abs(out[i]! - ref[i]!));
    scale = Math.max(scale, Math.abs(ref[i]!));
  }
  return err / scale;
}

/**
 * Times `path` of `kernelName` at size d (covariance: Z [2D, D]; the others a random SPD
 * [D, D]): one warm-up call, then up to `maxIters` calls, fewer when the warm-up shows
 * they would exceed `budgetMs`, none on a composed path whose warm-up alone exceeded it.
 */
export async function timeKernel(kernelName: string, d: number, path: KernelPath, maxIters: number, budgetMs: number): Promise<KernelTiming> {
  if (tf.getBackend() !== 'webgpu') throw new Error(`Kernel timings need the webgpu backend, active: ${tf.getBackend()}.`);
  const c = caseOf(kernelName);
  const input = c.input(d);
  const x = tf.tensor2d(input.values, input.shape);
  try {
    const w0 = performance.now();
    const warm = await call(kernelName, path, x);
    const warmValues = await warm.data();
    const warmupMs = performance.now() - w0;
    warm.dispose();
    const note = path === 'composed' ? c.composedNote : undefined;
    const relError = note ? null : relativeError(warmValues, referenceFor(kernelName, d, input));
    // Seconds-long composed calls are bound by dispatching hundreds of small ops more than by
    // shader compilation: there the warm-up call is the figure. WGSL warm-ups are compile-bound.
    if (path === 'composed' && warmupMs > budgetMs) return note ? { ms: warmupMs, iters: 0, warmupMs, relError, note } : { ms: warmupMs, iters: 0, warmupMs, relError };
    const iters = Math.max(1, Math.min(maxIters, Math.floor(budgetMs / Math.max(warmupMs, 1e-3))));
    const t0 = performance.now();
    let last: tf.Tensor | null = null;
    for (let i = 0; i < iters; i++) {
      last?.dispose();
      last = await call(kernelName, path, x);
    }
    await last?.data();
    last?.dispose();
    const ms = (performance.now() - t0) / iters;
    return note ? { ms, iters, warmupMs, relError, note } : { ms, iters, warmupMs, relError };
  } finally {
    x.dispose();
  }
}
