/**
 * Kernel parity and benchmark harness, the script of `kernels.html`. It starts tfjs on
 * WebGPU, registers the project's WGSL kernels and exposes `window.__kernels`
 * (KernelHarness): plain-array functions that Playwright (e2e/kernels.spec.ts,
 * e2e/metricsGpu.spec.ts) and benchmark scripts call through `page.evaluate`. Which kernels
 * it covers comes from the kernel registry (src/kernels/registry.ts). The page shows one
 * status line.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { tuneConvolution, type ConvolutionTuning } from '../../src/backend/tuneConvolution';
import { checkInput } from '../../src/kernels/checkInput';
import { COVARIANCE_CENTERED } from '../../src/kernels/covariance/names';
import { covarianceGradientReference } from '../../src/kernels/covariance/reference';
import { KERNEL_IMPLEMENTATIONS, type ReferenceOutput } from '../../src/kernels/implementations';
import { logdetSPD } from '../../src/kernels/logdet';
import { choleskyReference, inverseSPDReference } from '../../src/kernels/logdet/reference';
import { choleskyWebgpu } from '../../src/kernels/logdet/webgpu';
import { registerWebgpuKernels } from '../../src/kernels/registerWebgpu';
import { KERNELS, PARITY_KERNELS, readBackTwin, type ParityKernel } from '../../src/kernels/registry';
import { registerWhereMissing } from '../../src/kernels/registration';
import { timedPaths, timeKernel, type KernelPath } from '../../bench/kernelTiming';
import { matrixOfKind, type MatrixKind } from '../support/matrixKinds';
import { gaussian } from '../support/random';
import { countReads } from '../support/readCounter';
import { makeCollapseMetricsHarness, type CollapseMetricsHarness } from './collapseMetrics';
import { makeConv2dHarness, type Conv2dHarness } from './conv2d';

/** The API on `window.__kernels`. Matrices are row-major plain arrays. */
export interface KernelHarness {
  /** Active tfjs backend and the WebGPU adapter's description. */
  info(): Promise<{ backend: string; architecture: string; vendor: string; isFallbackAdapter: boolean | null }>;
  /** The registry's parity kernels (PARITY_KERNELS): those with a float64 read-back twin, the harness-only SymEigvalsJacobi included. */
  kernels: readonly string[];
  /** Runs a registered kernel through the engine on the active backend; returns the output. */
  run(kernelName: string, values: number[], shape: number[]): Promise<{ values: number[]; shape: number[] }>;
  /** The WGSL Cholesky factor (not a registered kernel; LogDetSPD and InverseSPD run it). */
  cholesky(values: number[], d: number): Promise<number[]>;
  /** The float64 reference of a parity kernel (or 'Cholesky') on the same inputs. */
  reference(kernelName: string, values: number[], shape: number[]): number[];
  /** A seeded float32-representable [d, d] test matrix. `cond` is used by 'ill-spd'. */
  matrix(kind: MatrixKind, d: number, seed: number, cond?: number): number[];
  /** A seeded float32-representable Gaussian [n, d] matrix (times `scale`, plus `offset`). */
  gaussian(n: number, d: number, seed: number, scale?: number, offset?: number): number[];
  /** Whether the registered webgpu kernelFunc of `kernelName` is the project's WGSL one. */
  isWgsl(kernelName: string): boolean;
  /**
   * Calls of the backend's read / readSync / readToGPU while the kernel `kernelName` is
   * dispatched on a GPU-resident input. For a read-back twin (`readBackTwin(name)`, the
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
   * Milliseconds per call of a parity kernel at size d (the bench's input: covariance z
   * [2d, d], the others a random SPD [d, d]) over `iters` calls after one warm-up,
   * including one final read of the last output (bench/kernelTiming.ts); null if the path
   * does not exist for that kernel.
   */
  time(kernelName: string, d: number, iters: number, path?: KernelPath): Promise<number | null>;
  /** Parity and timing of the WGSL convolution kernels (src/kernels/conv2d), installed only while they run. */
  conv2d: Conv2dHarness;
  /** Runs src/backend/tuneConvolution.ts (leaves the winning convolution kernels installed). */
  tuneConvolution(): Promise<ConvolutionTuning>;
  /** The report's collapse metrics on the device path vs the host path (./collapseMetrics.ts). */
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

/** The registry entry of a parity kernel or of its read-back twin. */
function parityKernelOf(kernelName: string): ParityKernel {
  const kernel = PARITY_KERNELS.find((k) => k.name === kernelName || readBackTwin(k.name) === kernelName);
  if (!kernel) throw new Error(`${kernelName} is neither a parity kernel nor a read-back twin.`);
  return kernel;
}

/** Rounds to float32 and returns a plain array. */
function asFloat32(values: ArrayLike<number>): number[] {
  return Array.from(Float32Array.from(values));
}

/** The active backend as a WebGPU backend (throws on any other backend). */
function webgpuBackend(): WebGPUBackend {
  if (tf.getBackend() !== 'webgpu') throw new Error(`The harness needs the webgpu backend, active: ${tf.getBackend()}.`);
  return tf.backend() as WebGPUBackend;
}

/** Runs a parity kernel (or its twin) through the engine on a fresh input tensor; the caller disposes the output. */
function runOnce(kernelName: string, x: tf.Tensor): tf.Tensor {
  return tf.engine().runKernel<tf.Tensor>(kernelName, { [parityKernelOf(kernelName).parity.input]: x });
}

/** The float64 reference of a parity kernel (or 'Cholesky') on a row-major input, with the output shape. */
function referenceOf(kernelName: string, values: ArrayLike<number>, shape: number[]): ReferenceOutput {
  const input = { shape, dtype: 'float32' };
  if (kernelName === 'Cholesky') {
    const [d] = checkInput('Cholesky reference', 'a', input, { shape: 'square' });
    return { values: choleskyReference(values, d), shape: [d, d] };
  }
  const kernel = parityKernelOf(kernelName);
  const [rows, cols] = checkInput(`${kernelName} reference`, kernel.parity.input, input, { shape: kernel.parity.family === 'samples' ? 'rows' : 'square' });
  return KERNEL_IMPLEMENTATIONS[kernel.name].parity!.reference(values, rows, cols);
}

/** Builds the harness API (the webgpu backend must be active). */
function makeHarness(): KernelHarness {
  return {
    kernels: PARITY_KERNELS.map((k) => k.name),
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
      const info = choleskyWebgpu(webgpuBackend(), x);
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
      return asFloat32(matrixOfKind(kind, d, seed, cond));
    },

    gaussian(n, d, seed, scale = 1, offset = 0) {
      return asFloat32(gaussian(n * d, seed, scale, offset));
    },

    isWgsl(kernelName) {
      const kernel = KERNELS.find((k) => k.name === kernelName);
      return kernel !== undefined && tf.getKernel(kernelName, 'webgpu')?.kernelFunc === KERNEL_IMPLEMENTATIONS[kernel.name].webgpu;
    },

    async readbacksDuring(kernelName, values, shape) {
      webgpuBackend();
      const twin = kernelName !== parityKernelOf(kernelName).name;
      const cpuInput = tf.tensor(values, shape, 'float32');
      // A GPU-resident input (a kernel output), except for the twins (see the interface).
      const x = twin ? cpuInput : tf.add(cpuInput, 0);
      const counter = countReads();
      let y: tf.Tensor;
      try {
        y = runOnce(kernelName, x);
      } finally {
        counter.stop();
      }
      await y.data();
      tf.dispose([cpuInput, x, y]);
      return counter.count;
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
      if (!timedPaths(kernelName).includes(path)) return null;
      return (await timeKernel(kernelName, d, path, iters, Infinity)).ms;
    },
  };
}

/** Registers the kernels only the harness registers (SymEigvalsJacobi) and each parity kernel's read-back twin for webgpu. */
function registerHarnessKernels(): void {
  for (const kernel of KERNELS) if (kernel.registeredBy === 'harness') KERNEL_IMPLEMENTATIONS[kernel.name].register();
  for (const kernel of PARITY_KERNELS) registerWhereMissing(readBackTwin(kernel.name), ['webgpu'], KERNEL_IMPLEMENTATIONS[kernel.name].parity!.readBack);
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
