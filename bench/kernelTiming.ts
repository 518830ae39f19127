/**
 * Times each parity kernel of the registry (src/kernels/registry.ts) three ways on the
 * active backend (webgpu), on the same input and page: the registered WGSL kernel; the
 * read-back path (await the input's data, compute the float64 reference on the CPU, upload
 * the result); and the same result composed from stock tfjs ops (./composedOps.ts). Each
 * path is also checked against the float64 reference, so a fast wrong path cannot win.
 * The bench page times the kernels the engine registers; the kernel harness page's `time`
 * runs the same code.
 */
import * as tf from '@tensorflow/tfjs';
import { COVARIANCE_CENTERED, covarianceCenteredComposed } from '../src/kernels/covariance';
import { KERNEL_IMPLEMENTATIONS } from '../src/kernels/implementations';
import { INVERSE_SPD, LOGDET_SPD } from '../src/kernels/logdet/names';
import { kernelSpec, type KernelName, type ParityKernel } from '../src/kernels/registry';
import { SYM_EIGVALS } from '../src/kernels/symeig/names';
import { maxAbs, maxAbsDiff } from '../test/support/differences';
import { matrixOfKind } from '../test/support/matrixKinds';
import { gaussian } from '../test/support/random';
import { inverseSPDComposed, logdetComposed, qrOnce } from './composedOps';

/** Which implementation is timed. */
export type KernelPath = 'webgpu' | 'readback' | 'composed';

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

/** The stock-tfjs composition of a kernel's result, and what it means when it is not that result. */
interface Composition {
  composed(x: tf.Tensor2D): tf.Tensor;
  /** Set when `composed` is a lower bound rather than the same result. */
  note?: string;
}

/** The compositions the bench knows, by kernel. */
const COMPOSITIONS: Partial<Record<KernelName, Composition>> = {
  [LOGDET_SPD]: { composed: logdetComposed },
  [INVERSE_SPD]: { composed: inverseSPDComposed },
  [SYM_EIGVALS]: {
    composed: qrOnce,
    note: 'one tf.linalg.qr only: a lower bound (tfjs has no eigen-solver; a QR algorithm needs on the order of D QR steps)',
  },
  [COVARIANCE_CENTERED]: { composed: covarianceCenteredComposed },
};

/** The registry entry of a kernel with a parity case (throws for any other). */
function parityKernel(kernelName: string): ParityKernel {
  const spec = kernelSpec(kernelName);
  if (!spec.parity) throw new Error(`${kernelName} has no parity case to time.`);
  return spec as ParityKernel;
}

/** The paths `timeKernel` can time for a kernel (composed only where the bench knows a composition). */
export function timedPaths(kernelName: string): KernelPath[] {
  return COMPOSITIONS[parityKernel(kernelName).name] ? ['webgpu', 'readback', 'composed'] : ['webgpu', 'readback'];
}

/** The timing input at size d: a random SPD [d, d] matrix, or Gaussian samples [2d, d]; seeded, float32. */
function timingInput(kernel: ParityKernel, d: number): { values: Float32Array; shape: [number, number] } {
  if (kernel.parity.family === 'samples') return { values: Float32Array.from(gaussian(2 * d * d, 1)), shape: [2 * d, d] };
  return { values: Float32Array.from(matrixOfKind('random-spd', d, 1)), shape: [d, d] };
}

/** The float64 reference of a kernel on a row-major input. */
function referenceOf(kernel: ParityKernel, values: ArrayLike<number>, [rows, cols]: readonly [number, number]): { values: ArrayLike<number>; shape: number[] } {
  return KERNEL_IMPLEMENTATIONS[kernel.name].parity!.reference(values, rows, cols);
}

const references = new Map<string, ArrayLike<number>>();

/** The float64 reference output for the timing input of a kernel at size d, computed once. */
function referenceFor(kernel: ParityKernel, d: number, input: { values: Float32Array; shape: [number, number] }): ArrayLike<number> {
  const key = `${kernel.name}/${d}`;
  let ref = references.get(key);
  if (!ref) {
    ref = referenceOf(kernel, input.values, input.shape).values;
    references.set(key, ref);
  }
  return ref;
}

/** One call of a path on x + 0 (a fresh GPU-resident tensor, as inside a training step). */
async function call(kernel: ParityKernel, path: KernelPath, x: tf.Tensor2D): Promise<tf.Tensor> {
  const fresh = tf.add(x, 0) as tf.Tensor2D;
  try {
    if (path === 'webgpu') return tf.engine().runKernel<tf.Tensor>(kernel.name, { [kernel.parity.input]: fresh });
    if (path === 'composed') {
      const composition = COMPOSITIONS[kernel.name];
      if (!composition) throw new Error(`No composition of ${kernel.name} from tfjs ops.`);
      return composition.composed(fresh);
    }
    const ref = referenceOf(kernel, await fresh.data(), fresh.shape);
    return tf.tensor(Float32Array.from(ref.values), ref.shape);
  } finally {
    fresh.dispose();
  }
}

/** Max |out - ref| relative to max(1, max |ref|) (Infinity for an output of the wrong size). */
function relativeError(out: ArrayLike<number>, ref: ArrayLike<number>): number {
  if (out.length !== ref.length) return Infinity;
  return maxAbsDiff(out, ref) / Math.max(1, maxAbs(ref));
}

/**
 * Times `path` of `kernelName` at size d (covariance: Z [2D, D]; the others a random SPD
 * [D, D]): one warm-up call, then up to `maxIters` calls, fewer when the warm-up shows
 * they would exceed `budgetMs`, none on a composed path whose warm-up alone exceeded it.
 */
export async function timeKernel(kernelName: string, d: number, path: KernelPath, maxIters: number, budgetMs: number): Promise<KernelTiming> {
  if (tf.getBackend() !== 'webgpu') throw new Error(`Kernel timings need the webgpu backend, active: ${tf.getBackend()}.`);
  const kernel = parityKernel(kernelName);
  const input = timingInput(kernel, d);
  const x = tf.tensor2d(input.values, input.shape);
  try {
    const w0 = performance.now();
    const warm = await call(kernel, path, x);
    const warmValues = await warm.data();
    const warmupMs = performance.now() - w0;
    warm.dispose();
    const note = path === 'composed' ? COMPOSITIONS[kernel.name]?.note : undefined;
    const relError = note ? null : relativeError(warmValues, referenceFor(kernel, d, input));
    // Seconds-long composed calls are bound by dispatching hundreds of small ops more than by
    // shader compilation: there the warm-up call is the figure. WGSL warm-ups are compile-bound.
    if (path === 'composed' && warmupMs > budgetMs) return note ? { ms: warmupMs, iters: 0, warmupMs, relError, note } : { ms: warmupMs, iters: 0, warmupMs, relError };
    const iters = Math.max(1, Math.min(maxIters, Math.floor(budgetMs / Math.max(warmupMs, 1e-3))));
    const t0 = performance.now();
    let last: tf.Tensor | null = null;
    for (let i = 0; i < iters; i++) {
      last?.dispose();
      last = await call(kernel, path, x);
    }
    await last?.data();
    last?.dispose();
    const ms = (performance.now() - t0) / iters;
    return note ? { ms, iters, warmupMs, relError, note } : { ms, iters, warmupMs, relError };
  } finally {
    x.dispose();
  }
}
