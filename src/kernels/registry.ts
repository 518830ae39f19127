/**
 * The one list of the project's custom tfjs kernels: what each computes, what serves it on
 * each backend, who registers it and, for the kernels with a float64 twin, the case their
 * browser parity tests and benchmark run. `registerWebgpuKernels` (./registerWebgpu.ts),
 * `registerWasmKernels` (./registerWasm.ts), the kernel harness page (test/harness/kernels.ts),
 * the bench page (bench/kernelTiming.ts) and the browser specs (e2e/kernels.spec.ts,
 * e2e/metricsGpu.spec.ts) all read it. Plain data without tfjs, so the specs can import
 * it; the functions behind each entry are in ./implementations.ts. Adding a kernel:
 * ./README.md.
 *
 * The WGSL convolution (./conv2d) is not listed: it replaces tfjs's own Conv2D kernels,
 * and src/backend/tuneConvolution.ts installs it only where it measured faster. The
 * filter gradient is listed for its WASM kernel (./conv2dBackpropFilter), which tfjs lacks.
 */
import type { BackendId } from '../config';
import { COLLAPSE_SCALARS } from './collapseScalars/names';
import { CONV2D_BACKPROP_FILTER } from './conv2dBackpropFilter/names';
import { COVARIANCE_CENTERED } from './covariance/names';
import { INVERSE_SPD, LOGDET_SPD } from './logdet/names';
import { PRINCIPAL_PLANE } from './principalPlane/names';
import { ROTATED_SECOND_MOMENT } from './secondMoment/names';
import { SYM_EIGVALS, SYM_EIGVALS_JACOBI } from './symeig/names';

/** What serves a kernel's op on one backend. */
export type KernelRunner =
  /** Our WGSL program. */
  | 'wgsl'
  /** A float64 kernel: it reads its input synchronously and writes the result back as float32. */
  | 'float64'
  /** Our kernelFunc made of the backend's own kernels (no read-back), where tfjs's backend lacks the kernel. */
  | 'backendKernels'
  /** tfjs's own kernel: we register nothing for this backend. */
  | 'tfjs'
  /** No kernel: the op composes the same result from tfjs ops. */
  | 'composed'
  /** Nothing: the kernel exists only where the kernel harness page registers it. */
  | 'none';

/** The inputs a parity case draws, at size D. */
export type ParityFamily =
  /** Random SPD [D, D] matrices (condition number about 10-40; the harness also has ill-conditioned, indefinite and rank-deficient square ones). */
  | 'square'
  /** Gaussian samples [2D, D]. */
  | 'samples';

/** One custom kernel. */
export interface KernelSpec {
  /** The tfjs kernel name (`tf.engine().runKernel(name, ...)`). */
  readonly name: string;
  /** What it computes, in a few words. */
  readonly label: string;
  /** What runs it in the app: the training step (an objective's loss) or the metrics report; absent for a kernel only the harness runs. */
  readonly usedBy?: 'training' | 'metrics';
  /** 'engine': registerWebgpuKernels, registerWasmKernels for its 'backendKernels' (and the op, on first use) register it; 'harness': only the kernel harness page does (an alternative kept to compare). */
  readonly registeredBy: 'engine' | 'harness';
  /** What serves it on each tfjs backend. */
  readonly backends: Readonly<Record<BackendId, KernelRunner>>;
  /**
   * The parity case of a single-input kernel with a float64 twin: the harness registers
   * that float64 kernel for webgpu as `readBackTwin(name)`, the negative control of the
   * no-read-back test, and the benchmark times the WGSL, read-back and composed paths on
   * this input.
   */
  readonly parity?: { readonly input: string; readonly family: ParityFamily };
}

/** Read-back float64 kernels for every backend but webgpu. */
const WGSL_ELSE_FLOAT64 = { webgpu: 'wgsl', webgl: 'float64', wasm: 'float64', cpu: 'float64' } as const;

/** A WGSL kernel where the op composes tfjs ops on the other backends. */
const WGSL_ELSE_COMPOSED = { webgpu: 'wgsl', webgl: 'composed', wasm: 'composed', cpu: 'composed' } as const;

const LIST = [
  { name: LOGDET_SPD, label: 'log det of an SPD matrix', usedBy: 'training', registeredBy: 'engine', backends: WGSL_ELSE_FLOAT64, parity: { input: 'a', family: 'square' } },
  { name: INVERSE_SPD, label: 'inverse of an SPD matrix', usedBy: 'training', registeredBy: 'engine', backends: WGSL_ELSE_FLOAT64, parity: { input: 'a', family: 'square' } },
  { name: SYM_EIGVALS, label: 'symmetric eigenvalues', usedBy: 'metrics', registeredBy: 'engine', backends: WGSL_ELSE_FLOAT64, parity: { input: 'a', family: 'square' } },
  {
    name: COVARIANCE_CENTERED,
    label: 'centred covariance',
    usedBy: 'metrics',
    registeredBy: 'engine',
    backends: { webgpu: 'wgsl', webgl: 'composed', wasm: 'composed', cpu: 'float64' },
    parity: { input: 'z', family: 'samples' },
  },
  { name: COLLAPSE_SCALARS, label: 'std, alignment, uniformity of two views', usedBy: 'metrics', registeredBy: 'engine', backends: WGSL_ELSE_COMPOSED },
  { name: ROTATED_SECOND_MOMENT, label: 'rotated second moment', usedBy: 'metrics', registeredBy: 'engine', backends: WGSL_ELSE_COMPOSED },
  { name: PRINCIPAL_PLANE, label: 'projection on the top two principal directions', usedBy: 'metrics', registeredBy: 'engine', backends: WGSL_ELSE_FLOAT64, parity: { input: 'z', family: 'samples' } },
  {
    name: SYM_EIGVALS_JACOBI,
    label: 'symmetric eigenvalues by parallel Jacobi',
    registeredBy: 'harness',
    backends: { webgpu: 'wgsl', webgl: 'none', wasm: 'none', cpu: 'none' },
    parity: { input: 'a', family: 'square' },
  },
  // tfjs's conv2d gradient; on webgpu ./conv2d's WGSL replaces tfjs's where src/backend/tuneConvolution.ts measured it faster.
  {
    name: CONV2D_BACKPROP_FILTER,
    label: 'convolution filter gradient',
    usedBy: 'training',
    registeredBy: 'engine',
    backends: { webgpu: 'tfjs', webgl: 'tfjs', wasm: 'backendKernels', cpu: 'tfjs' },
  },
] as const satisfies readonly KernelSpec[];

/** The name of a kernel of the registry. */
export type KernelName = (typeof LIST)[number]['name'];

/** A kernel of the registry. */
export type RegisteredKernel = KernelSpec & { readonly name: KernelName };

/** A kernel with a parity case. */
export type ParityKernel = RegisteredKernel & { readonly parity: NonNullable<KernelSpec['parity']> };

/** Every custom kernel (the WGSL convolution aside, see above). */
export const KERNELS: readonly RegisteredKernel[] = LIST;

/** The kernels with a parity case and a read-back twin: the harness page's `kernels`, each checked by e2e/kernels.spec.ts. */
export const PARITY_KERNELS: readonly ParityKernel[] = KERNELS.filter((k): k is ParityKernel => k.parity !== undefined);

/** The kernels the benchmark times: the parity kernels the engine registers. */
export const BENCH_KERNELS: readonly ParityKernel[] = PARITY_KERNELS.filter((k) => k.registeredBy === 'engine');

/** The kernels the metrics report runs on the device (src/metrics/collapseOnDevice.ts, and PrincipalPlane on evaluation reports). */
export const METRICS_KERNELS: readonly RegisteredKernel[] = KERNELS.filter((k) => k.usedBy === 'metrics');

/** The registry entry of `name` (throws on a name it does not list). */
export function kernelSpec(name: string): RegisteredKernel {
  const spec = KERNELS.find((k) => k.name === name);
  if (!spec) throw new Error(`${name} is not a kernel of src/kernels/registry.ts.`);
  return spec;
}

/** Name of the float64 twin the harness registers for webgpu next to a parity kernel. */
export function readBackTwin(kernelName: string): string {
  return `${kernelName}ReadBack`;
}
