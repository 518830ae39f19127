/**
 * WGSL kernel of `SymEigvals` for the tfjs `webgpu` backend: eigenvalues of a symmetric
 * [D, D] matrix, sorted descending, entirely on the GPU, so the spectrum chart never
 * reads the GPU back inside the training step. It runs Householder tridiagonalisation
 * plus Sturm bisection (./tridiagonalWebgpu.ts: numerics and costs there); the parallel
 * Jacobi alternative (./jacobiWebgpu.ts) has its own kernelFunc here, which only the
 * harness registers. Both accept D <= 1024 (D up to 256 is the tested range).
 */
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend, WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { checkInput } from '../checkInput';
import { replaceKernel } from '../registration';
import { JacobiEigenProgram, MAX_EIG_SIZE, SortedDiagonalProgram } from './jacobiWebgpu';
import { SYM_EIGVALS, SYM_EIGVALS_JACOBI } from './names';
import { HouseholderTridiagonalProgram, MAX_TRIDIAGONAL_SIZE, TridiagonalBisectionProgram } from './tridiagonalWebgpu';

/** Runs two programs back to back, disposing the intermediate matrix. */
function runPair(b: WebGPUBackend, a: tf.TensorInfo, first: WebGPUProgram, second: WebGPUProgram): tf.TensorInfo {
  const w = b.runWebGPUProgram(first, [a], 'float32');
  const out = b.runWebGPUProgram(second, [w], 'float32');
  b.disposeData(w.dataId);
  return out;
}

/** kernelFunc of SymEigvals on webgpu: tridiagonalisation then bisection; no read-back. */
export const symEigvalsWebgpu: tf.KernelFunc = ({ inputs, backend }) => {
  const a = inputs['a'];
  const [d] = checkInput(SYM_EIGVALS, 'a', a, { shape: 'square', float32: true, maxSize: MAX_TRIDIAGONAL_SIZE });
  return runPair(backend as WebGPUBackend, a as tf.TensorInfo, new HouseholderTridiagonalProgram(d), new TridiagonalBisectionProgram(d));
};

/** The same op by parallel Jacobi then a sort (slower; the kernel SymEigvalsJacobi, which only the kernel harness page registers). */
export const symEigvalsJacobiWebgpu: tf.KernelFunc = ({ inputs, backend }) => {
  const a = inputs['a'];
  const [d] = checkInput(SYM_EIGVALS_JACOBI, 'a', a, { shape: 'square', float32: true, maxSize: MAX_EIG_SIZE });
  return runPair(backend as WebGPUBackend, a as tf.TensorInfo, new JacobiEigenProgram(d), new SortedDiagonalProgram(d));
};

/** Registers the WGSL SymEigvals for 'webgpu', replacing any other registration. Idempotent. */
export function registerSymEigvalsWebgpu(): void {
  replaceKernel({ kernelName: SYM_EIGVALS, backendName: 'webgpu', kernelFunc: symEigvalsWebgpu });
}

/** Registers the Jacobi alternative as SymEigvalsJacobi for 'webgpu' (the kernel harness page does, to compare it). Idempotent. */
export function registerSymEigvalsJacobiWebgpu(): void {
  replaceKernel({ kernelName: SYM_EIGVALS_JACOBI, backendName: 'webgpu', kernelFunc: symEigvalsJacobiWebgpu });
}
