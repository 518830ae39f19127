/**
 * The functions behind each kernel of ./registry.ts: its WGSL (or WASM) kernelFunc, the
 * registration of everything its op needs, and for a parity kernel the float64 twin and
 * reference the harness and the benchmark compare it with.
 */
import type * as tf from '@tensorflow/tfjs';
import { COLLAPSE_SCALARS, registerCollapseScalarsWebgpu } from './collapseScalars';
import { collapseScalarsWebgpu } from './collapseScalars/webgpu';
import { CONV2D_BACKPROP_FILTER, conv2dBackpropFilterWasm, registerConv2dBackpropFilterWasm } from './conv2dBackpropFilter';
import { COVARIANCE_CENTERED, ensureCovarianceOps } from './covariance';
import { covarianceCenteredCpu } from './covariance/cpu';
import { covarianceReference } from './covariance/reference';
import { covarianceCenteredWebgpu } from './covariance/webgpu';
import { INVERSE_SPD, LOGDET_SPD, ensureLogdetOps } from './logdet';
import { inverseReadBack, logdetReadBack } from './logdet/cpu';
import { inverseSPDReference, logdetReference } from './logdet/reference';
import { inverseWebgpu, logdetWebgpu } from './logdet/webgpu';
import { packedLength, packPrincipalPlane } from '../metrics/embeddingProjection';
import { principalPlane } from '../metrics/principalPlane';
import { ensurePrincipalPlaneOps, PRINCIPAL_PLANE, principalPlaneReadBack } from './principalPlane';
import { principalPlaneWebgpu } from './principalPlane/webgpu';
import type { KernelName } from './registry';
import { ROTATED_SECOND_MOMENT, registerRotatedSecondMomentWebgpu } from './secondMoment';
import { rotatedSecondMomentWebgpu } from './secondMoment/webgpu';
import { SYM_EIGVALS, ensureSymEigvalsOp, symEigvalsReadBack } from './symeig';
import { SYM_EIGVALS_JACOBI } from './symeig/names';
import { symmetricEigenvalues } from './symeig/reference';
import { registerSymEigvalsJacobiWebgpu, symEigvalsJacobiWebgpu, symEigvalsWebgpu } from './symeig/webgpu';

/** A float64 result: row-major values and their shape. */
export interface ReferenceOutput {
  values: ArrayLike<number>;
  shape: number[];
}

/** The functions of one kernel. */
export interface KernelImplementation {
  /** Our WGSL kernelFunc: what `tf.getKernel(name, 'webgpu')` is once registered (absent where webgpu runs tfjs's). */
  webgpu?: tf.KernelFunc;
  /** Our kernelFunc for 'wasm' where that backend lacks the kernel (runner 'backendKernels'). */
  wasm?: tf.KernelFunc;
  /** Registers the kernel on every backend the registry says has one, and its gradient. Idempotent. */
  register(): void;
  /** For a parity kernel: its float64 kernelFunc (registered as the read-back twin) and reference. */
  parity?: {
    readBack: tf.KernelFunc;
    /** The float64 output for a row-major [rows, cols] input. */
    reference(values: ArrayLike<number>, rows: number, cols: number): ReferenceOutput;
  };
}

/** Eigenvalues [D] of a symmetric [D, D] input. */
function eigenvaluesOf(values: ArrayLike<number>, d: number): ReferenceOutput {
  return { values: symmetricEigenvalues(values, d), shape: [d] };
}

/** The functions behind every kernel of the registry, by name. */
export const KERNEL_IMPLEMENTATIONS: Readonly<Record<KernelName, KernelImplementation>> = {
  [LOGDET_SPD]: {
    webgpu: logdetWebgpu,
    register: ensureLogdetOps,
    parity: { readBack: logdetReadBack, reference: (values, d) => ({ values: [logdetReference(values, d)], shape: [] }) },
  },
  [INVERSE_SPD]: {
    webgpu: inverseWebgpu,
    register: ensureLogdetOps,
    parity: { readBack: inverseReadBack, reference: (values, d) => ({ values: inverseSPDReference(values, d), shape: [d, d] }) },
  },
  [SYM_EIGVALS]: {
    webgpu: symEigvalsWebgpu,
    register: ensureSymEigvalsOp,
    parity: { readBack: symEigvalsReadBack, reference: eigenvaluesOf },
  },
  [COVARIANCE_CENTERED]: {
    webgpu: covarianceCenteredWebgpu,
    register: ensureCovarianceOps,
    parity: { readBack: covarianceCenteredCpu, reference: (values, n, d) => ({ values: covarianceReference(values, n, d), shape: [d, d] }) },
  },
  [COLLAPSE_SCALARS]: { webgpu: collapseScalarsWebgpu, register: registerCollapseScalarsWebgpu },
  [ROTATED_SECOND_MOMENT]: { webgpu: rotatedSecondMomentWebgpu, register: registerRotatedSecondMomentWebgpu },
  [PRINCIPAL_PLANE]: {
    webgpu: principalPlaneWebgpu,
    register: ensurePrincipalPlaneOps,
    parity: { readBack: principalPlaneReadBack, reference: (values, n, d) => ({ values: packPrincipalPlane(principalPlane(values, n, d)), shape: [packedLength(n)] }) },
  },
  [SYM_EIGVALS_JACOBI]: {
    webgpu: symEigvalsJacobiWebgpu,
    register: registerSymEigvalsJacobiWebgpu,
    parity: { readBack: symEigvalsReadBack, reference: eigenvaluesOf },
  },
  [CONV2D_BACKPROP_FILTER]: { wasm: conv2dBackpropFilterWasm, register: registerConv2dBackpropFilterWasm },
};
