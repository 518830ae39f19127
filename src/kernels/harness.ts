/**
 * Kernel parity and benchmark harness, the script of `kernels.html`. It starts tfjs on
 * WebGPU, registers the project's WGSL kernels and exposes `window.__kernels`
 * (KernelHarness): plain-array functions that Playwright (e2e/kernels.spec.ts) and a
 * benchmark script call through `page.evaluate`. The page shows one status line.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { makeConv2dHarness, type Conv2dHarness } from './conv2d/harness';
import { tuneConvolution, type ConvolutionTuning } from '../backend/tuneConvolution';
import { covarianceCenteredComposed } from './covariance';
import { covarianceCenteredCpu } from './covariance/cpu';
import { COVARIANCE_CENTERED } from './covariance/names';
import { covarianceGradientReference, covarianceReference } from './covariance/reference';
import { covarianceCenteredWebgpu } from './covariance/webgpu';
import { logdetSPD } from './logdet';
import { INVERSE_SPD, LOGDET_SPD } from './logdet/names';
import { choleskyReference, inverseSPDReference, logdetReference } from './logdet/reference';
import { inverseReadBack, logdetReadBack } from './logdet/register';
import { withCondition } from './logdet/testMatrices';
import { choleskyWebgpu, inverseWebgpu, logdetWebgpu } from './logdet/webgpu';
import { makeCollapseMetricsHarness, type CollapseMetricsHarness } from '../metrics/collapseHarness';
import { registerWebgpuKernels, WEBGPU_KERNEL_NAMES } from './registerWebgpu';
import { symEigvalsReadBack } from './symeig/cpu';
import { SYM_EIGVALS } from './symeig/names';
import { symmetricEigenvalues } from './symeig/reference';
import { symEigvalsJacobiWebgpu, symEigvalsWebgpu } from './symeig/webgpu';
import { Rng } from '../util/rng';

/** Test-matrix families the generators produce. */
export type MatrixKind =
  /** (1/2D) X^T X + 0.1 I with X Gaussian [2D, D]: SPD, condition number about 10-40. */
  | 'random-spd'
  /** Q diag(lambda) Q^T, lambda log-spaced from 1 down to 1/cond: SPD with the given condition number. */
  | 'ill-spd'
  /** (G + G^T) / 2 with G Gaussian: symmetric, indefinite. */
  | 'symmetric'
  /** Centred covariance of D/4 Gaussian samples: PSD, rank D/4 - 1 (a collapsed spectrum). */
  | 'low-rank-psd'
  /** 'low-rank-psd' + 1e-6 I, CorInfoMax's float32 eps: SPD, condition number about 1e6-1e7. */
  | 'low-rank-ridge';

/** Which implementation `time` measures. */
export type TimedPath =
  /** The registered WGSL kernel. */
  | 'webgpu'
  /** Await the input's data, compute the float64 reference on the CPU, upload the result. */
  | 'readback'
  /** The same result composed from tfjs ops, where that is practical (covariance only). */
  | 'composed';

/** The API on `window.__kernels`. Matrices are row-major plain arrays. */
export interface KernelHarness {
  /** Active tfjs backend and the WebGPU adapter's description. */
  info(): Promise<{ backend: string; architecture: string; vendor: string; isFallbackAdapter: boolean | null }>;
  /** Kernel names with a WGSL implementation (plus the harness-only SymEigvalsJacobi). */
  kernels: readonly string[];
  /** Runs a registered kernel through the engine on the active backend; returns the output. */
  run(kernelName: string, values: number[], shape: number[]): Promise<{ values: number[]; shape: number[] }>;
  /** The WGSL Cholesky factor (not a registered kernel; LogDetSPD and InverseSPD run it). */
  cholesky(values: number[], d: number): Promise<number[]>;
  /** The float64 reference of a kernel (or 'Cholesky') on the same inputs. */
  reference(kernelName: string, values: number[], shape: number[]): number[];
  /** A seeded float32-representable [d, d] test matrix. `cond` is used by 'ill-spd'. */
  matrix(kind: MatrixKind, d: number, seed: number, cond?: number): number[];
  /** A seeded float32-representable Gaussian [n, d] matrix (times `scale`, plus `offset`). */
  gaussian(n: number, d: number, seed: number, scale?: number, offset?: number): number[];
  /** Whether the registered webgpu kernelFunc of `kernelName` is the project's WGSL one. */
  isWgsl(kernelName: string): boolean;
  /**
   * Calls of the backend's read / readSync / readToGPU while the kernel `kernelName` is
   * dispatched on a GPU-resident input. For a read-back twin `<kernelName>ReadBack` (the
   * negative control) the input stays CPU-resident: tfjs 4.22's synchronous WebGPU read
   * (an OffscreenCanvas copy) loses the device in headless Chromium 156 on SwiftShader.
   */
  readbacksDuring(kernelName: string, values: number[], shape: number[]): Promise<number>;
  /** Change of tf.memory().numTensors and numBytes across one kernel call (0 means no leak). */
  leakDuring(kernelName: string, values: number[], shape: number[]): Promise<{ tensors: number; bytes: number }>;
  /** d/dZ sum(G * covarianceCentered(Z)) via tf.grad on the active backend, and its float64 reference. */
  covarianceGradient(z: number[], n: number, d: number, g: number[]): Promise<{ values: number[]; reference: number[] }>;
  /** d logdetSPD(A)/dA via tf.grad on the active backend (runs InverseSPD), and the float64 inverse. */
  logdetGradient(values: number[], d: number): Promise<{ values: number[]; reference: number[] }>;
  /**
   * Milliseconds per call of a kernel at size d (covariance: z [2d, d]) over `iters` calls
   * after one warm-up, including one final read of the last output; null if the path
   * does not exist for that kernel.
   */
  time(kernelName: string, d: number, iters: number, path?: TimedPath): Promise<number | null>;
  /** Parity and timing of the WGSL convolution kernels (./conv2d), installed only while they run. */
  conv2d: Conv2dHarness;
  /** Runs src/backend/tuneConvolution.ts (leaves the winning convolution kernels installed). */
  tuneConvolution(): Promise<ConvolutionTuning>;
  /** The report's collapse metrics on the device path vs the host path (src/metrics/collapseHarness.ts). */
  collapseMetrics: CollapseMetricsHarness;
}

declare global {
  interface Window {
    /** The kernel harness, once initialised. */
    __kernels?: KernelHarness;
    /** Set when initialisation failed. */
    __kernelsError?: string;
  }
}

/** Harness-only kernel name of the parallel-Jacobi alternative of SymEigvals. */
export const SYM_EIGVALS_JACOBI = `${SYM_EIGVALS}Jacobi`;

/** Name of the synchronous read-back twin registered for webgpu next to each WGSL kernel (the no-read-back test's negative control). */
export function readBackTwin(kernelName: string): string {
  return `${kernelName}ReadBack`;
}

/** The WGSL kernelFunc and the read-back kernelFunc of each kernel. */
const IMPLEMENTATIONS: Record<string, { wgsl: tf.KernelFunc; readBack: tf.KernelFunc; input: string }> = {
  [LOGDET_SPD]: { wgsl: logdetWebgpu, readBack: logdetReadBack, input: 'a' },
  [INVERSE_SPD]: { wgsl: inverseWebgpu, readBack: inverseReadBack, input: 'a' },
  [SYM_EIGVALS]: { wgsl: symEigvalsWebgpu, readBack: symEigvalsReadBack, input: 'a' },
  [COVARIANCE_CENTERED]: { wgsl: covarianceCenteredWebgpu, readBack: covarianceCenteredCpu, input: 'z' },
  [SYM_EIGVALS_JACOBI]: { wgsl: symEigvalsJacobiWebgpu, readBack: symEigvalsReadBack, input: 'a' },
};

/** Input name of a kernel or of its read-back twin. */
function inputNameOf(kernelName: string): string {
  const base = kernelName.endsWith('ReadBack') ? kernelName.slice(0, -'ReadBack'.length) : kernelName;
  const impl = IMPLEMENTATIONS[base];
  if (!impl) throw new Error(`Unknown kernel ${kernelName}.`);
  return impl.input;
}

/** Rounds to float32 and returns a plain array. */
function asFloat32(values: ArrayLike<number>): number[] {
  return Array.from(Float32Array.from(values));
}

/** The side length of a square matrix given as a shape. */
function squareSide(shape: number[]): number {
  const [r, c] = shape;
  if (shape.length !== 2 || r === undefined || r !== c) throw new Error(`Expected a square shape, got [${shape.join(', ')}].`);
  return r;
}

/** A seeded test matrix (see MatrixKind), in float64 before rounding. */
function makeMatrix(kind: MatrixKind, d: number, seed: number, cond: number): Float64Array {
  const rng = new Rng(seed);
  if (kind === 'ill-spd') return withCondition(d, cond, seed).a;
  if (kind === 'symmetric') {
    const a = new Float64Array(d * d);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j <= i; j++) {
        const v = rng.normal();
        a[i * d + j] = v;
        a[j * d + i] = v;
      }
    }
    return a;
  }
  const n = kind === 'random-spd' ? 2 * d : Math.max(2, Math.floor(d / 4));
  const z = new Float64Array(n * d);
  for (let i = 0; i < z.length; i++) z[i] = rng.normal();
  if (kind === 'low-rank-psd' || kind === 'low-rank-ridge') {
    const c = covarianceReference(z, n, d);
    if (kind === 'low-rank-ridge') for (let i = 0; i < d; i++) c[i * d + i] = (c[i * d + i] as number) + 1e-6;
    return c;
  }
  const a = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let r = 0; r < n; r++) s += (z[r * d + i] as number) * (z[r * d + j] as number);
      const v = s / n + (i === j ? 0.1 : 0);
      a[i * d + j] = v;
      a[j * d + i] = v;
    }
  }
  return a;
}

/** The active backend as a WebGPU backend (throws on any other backend). */
function webgpuBackend(): WebGPUBackend {
  if (tf.getBackend() !== 'webgpu') throw new Error(`The harness needs the webgpu backend, active: ${tf.getBackend()}.`);
  return tf.backend() as WebGPUBackend;
}

/** Runs a kernel through the engine on a fresh input tensor; the caller disposes the output. */
function runOnce(kernelName: string, x: tf.Tensor): tf.Tensor {
  return tf.engine().runKernel<tf.Tensor>(kernelName, { [inputNameOf(kernelName)]: x });
}

/** The input tensor `time` uses for a kernel at size d. */
function timingInput(kernelName: string, d: number): tf.Tensor {
  if (kernelName === COVARIANCE_CENTERED) {
    const rng = new Rng(1);
    return tf.tensor2d(Float32Array.from({ length: 2 * d * d }, () => rng.normal()), [2 * d, d]);
  }
  return tf.tensor2d(Float32Array.from(makeMatrix('random-spd', d, 1, 1)), [d, d]);
}

/** The float64 reference of a kernel on a row-major input, with the output shape. */
function referenceOf(kernelName: string, values: ArrayLike<number>, shape: number[]): { values: ArrayLike<number>; shape: number[] } {
  if (kernelName === COVARIANCE_CENTERED) {
    const [n, d] = shape;
    if (shape.length !== 2 || n === undefined || d === undefined) throw new Error('CovarianceCentered needs an [N, D] shape.');
    return { values: covarianceReference(values, n, d), shape: [d, d] };
  }
  const d = squareSide(shape);
  if (kernelName === 'Cholesky') return { values: choleskyReference(values, d), shape: [d, d] };
  if (kernelName === LOGDET_SPD) return { values: [logdetReference(values, d)], shape: [] };
  if (kernelName === INVERSE_SPD) return { values: inverseSPDReference(values, d), shape: [d, d] };
  if (kernelName === SYM_EIGVALS || kernelName === SYM_EIGVALS_JACOBI) return { values: symmetricEigenvalues(values, d), shape: [d] };
  throw new Error(`No reference for ${kernelName}.`);
}

/**
 * One call of the timed path, or null if it does not exist. The input is x + 0, a fresh
 * GPU-resident tensor as inside a training step (the read-back path would otherwise
 * reuse tfjs's CPU copy of x). Composed: covariance only (tf.linalg.qr could give a
 * log det, but takes seconds per call at D = 64).
 */
async function timedCall(kernelName: string, path: TimedPath, x: tf.Tensor): Promise<tf.Tensor | null> {
  if (path === 'composed' && kernelName !== COVARIANCE_CENTERED) return null;
  const fresh = tf.add(x, 0);
  try {
    if (path === 'webgpu') return runOnce(kernelName, fresh);
    if (path === 'composed') return covarianceCenteredComposed(fresh as tf.Tensor2D);
    const ref = referenceOf(kernelName, await fresh.data(), fresh.shape);
    return tf.tensor(Float32Array.from(ref.values), ref.shape);
  } finally {
    fresh.dispose();
  }
}

/** Builds the harness API (the webgpu backend must be active). */
function makeHarness(): KernelHarness {
  return {
    kernels: [...WEBGPU_KERNEL_NAMES, SYM_EIGVALS_JACOBI],
    conv2d: makeConv2dHarness(),
    tuneConvolution,
    collapseMetrics: makeCollapseMetricsHarness(),

    async info() {
      // Newer browsers describe the adapter in `adapter.info` (older @webgpu/types lack it).
      type AdapterDescription = { architecture?: string; vendor?: string; isFallbackAdapter?: boolean };
      const adapter = (await navigator.gpu?.requestAdapter()) as (AdapterDescription & { info?: AdapterDescription }) | null | undefined;
      const ai = adapter?.info;
      return {
        backend: tf.getBackend(),
        architecture: ai?.architecture ?? '',
        vendor: ai?.vendor ?? '',
        isFallbackAdapter: ai?.isFallbackAdapter ?? adapter?.isFallbackAdapter ?? null,
      };
    },

    async run(kernelName, values, shape) {
      const x = tf.tensor(values, shape, 'float32');
      const y = runOnce(kernelName, x);
      const out = { values: Array.from(await y.data()), shape: y.shape };
      x.dispose();
      y.dispose();
      return out;
    },

    async cholesky(values, d) {
      const x = tf.tensor2d(values, [d, d], 'float32');
      const b = webgpuBackend();
      const info = choleskyWebgpu(b, x);
      const y = tf.engine().makeTensorFromTensorInfo(info);
      const out = Array.from(await y.data());
      x.dispose();
      y.dispose();
      return out;
    },

    reference(kernelName, values, shape) {
      return Array.from(referenceOf(kernelName, values, shape).values);
    },

    matrix(kind, d, seed, cond = 1e4) {
      return asFloat32(makeMatrix(kind, d, seed, cond));
    },

    gaussian(n, d, seed, scale = 1, offset = 0) {
      const rng = new Rng(seed);
      const z = new Float64Array(n * d);
      for (let i = 0; i < z.length; i++) z[i] = offset + scale * rng.normal();
      return asFloat32(z);
    },

    isWgsl(kernelName) {
      const impl = IMPLEMENTATIONS[kernelName];
      return impl !== undefined && tf.getKernel(kernelName, 'webgpu')?.kernelFunc === impl.wgsl;
    },

    async readbacksDuring(kernelName, values, shape) {
      const b = webgpuBackend();
      const twin = kernelName.endsWith('ReadBack');
      const cpuInput = tf.tensor(values, shape, 'float32');
      // A GPU-resident input (a kernel output), except for the twins (see the interface).
      const x = twin ? cpuInput : tf.add(cpuInput, 0);
      const originals = { read: b.read, readSync: b.readSync, readToGPU: b.readToGPU };
      let calls = 0;
      b.read = (dataId) => { calls++; return originals.read.call(b, dataId); };
      b.readSync = (dataId) => { calls++; return originals.readSync.call(b, dataId); };
      b.readToGPU = (dataId) => { calls++; return originals.readToGPU.call(b, dataId); };
      let y: tf.Tensor;
      try {
        y = runOnce(kernelName, x);
      } finally {
        b.read = originals.read;
        b.readSync = originals.readSync;
        b.readToGPU = originals.readToGPU;
      }
      await y.data();
      tf.dispose([cpuInput, x, y]);
      return calls;
    },

    async leakDuring(kernelName, values, shape) {
      const x = tf.tensor(values, shape, 'float32');
      const before = tf.memory();
      const y = runOnce(kernelName, x);
      await y.data();
      y.dispose();
      const after = tf.memory();
      x.dispose();
      return { tensors: after.numTensors - before.numTensors, bytes: after.numBytes - before.numBytes };
    },

    async covarianceGradient(z, n, d, g) {
      const zt = tf.tensor2d(z, [n, d], 'float32');
      const gt = tf.tensor2d(g, [d, d], 'float32');
      const grad = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.engine().runKernel<tf.Tensor>(COVARIANCE_CENTERED, { z: x }), gt)));
      const dz = grad(zt);
      const values = Array.from(await dz.data());
      tf.dispose([zt, gt, dz]);
      return { values, reference: Array.from(covarianceGradientReference(z, g, n, d)) };
    },

    async logdetGradient(values, d) {
      const a = tf.tensor2d(values, [d, d], 'float32');
      const da = tf.grad((x: tf.Tensor) => logdetSPD(x as tf.Tensor2D))(a);
      const out = Array.from(await da.data());
      tf.dispose([a, da]);
      return { values: out, reference: Array.from(inverseSPDReference(values, d)) };
    },

    async time(kernelName, d, iters, path = 'webgpu') {
      const x = timingInput(kernelName, d);
      try {
        const warm = await timedCall(kernelName, path, x);
        if (!warm) return null;
        await warm.data();
        warm.dispose();
        const t0 = performance.now();
        let last: tf.Tensor | null = null;
        for (let i = 0; i < iters; i++) {
          last?.dispose();
          last = await timedCall(kernelName, path, x);
        }
        if (last) {
          await last.data();
          last.dispose();
        }
        return (performance.now() - t0) / Math.max(iters, 1);
      } finally {
        x.dispose();
      }
    },
  };
}

/** Registers SymEigvalsJacobi and the read-back twins (`<name>ReadBack`) for webgpu, once. */
function registerHarnessKernels(): void {
  if (!tf.getKernel(SYM_EIGVALS_JACOBI, 'webgpu')) {
    tf.registerKernel({ kernelName: SYM_EIGVALS_JACOBI, backendName: 'webgpu', kernelFunc: symEigvalsJacobiWebgpu });
  }
  for (const [name, impl] of Object.entries(IMPLEMENTATIONS)) {
    if (!tf.getKernel(readBackTwin(name), 'webgpu')) {
      tf.registerKernel({ kernelName: readBackTwin(name), backendName: 'webgpu', kernelFunc: impl.readBack });
    }
  }
}

/** Starts tfjs on WebGPU, registers the kernels and publishes `window.__kernels`. */
async function start(): Promise<void> {
  const status = document.getElementById('status');
  const say = (text: string): void => {
    if (status) status.textContent = text;
  };
  try {
    tf.env().set('WEBGPU_CPU_FORWARD', false);
    const ok = await tf.setBackend('webgpu');
    await tf.ready();
    if (!ok || tf.getBackend() !== 'webgpu') throw new Error('WebGPU is not available in this browser (tf.setBackend("webgpu") failed).');
    registerWebgpuKernels();
    registerHarnessKernels();
    const harness = makeHarness();
    const info = await harness.info();
    window.__kernels = harness;
    say(`ready: tfjs ${tf.version.tfjs} on ${info.backend} (${info.architecture || 'unknown GPU'}${info.isFallbackAdapter ? ', fallback adapter: the browser is emulating the GPU' : ''})`);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    window.__kernelsError = message;
    say(`error: ${message}`);
  }
}

void start();
