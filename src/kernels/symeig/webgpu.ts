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
import { JacobiEigenProgram, MAX_EIG_SIZE, SortedDiagonalProgram } from './jacobiWebgpu';
import { SYM_EIGVALS } from './names';
import { HouseholderTridiagonalProgram, MAX_TRIDIAGONAL_SIZE, TridiagonalBisectionProgram } from './tridiagonalWebgpu';

/** Throws unless `x` is a float32 square matrix of at most `maxSize` rows; returns D. */
function checkSymmetricInput(x: tf.TensorInfo | undefined, maxSize: number): number {
  if (!x) throw new Error(`${SYM_EIGVALS}: missing input "a".`);
  const [rows, cols] = x.shape;
  if (x.shape.length !== 2 || rows === undefined || rows !== cols) {
    throw new Error(`${SYM_EIGVALS}: input must be a square [D, D] matrix, got shape [${x.shape.join(', ')}].`);
  }
  if (x.dtype !== 'float32') throw new Error(`${SYM_EIGVALS}: input must be float32, got ${x.dtype}.`);
  if (rows > maxSize) throw new Error(`${SYM_EIGVALS}: the WebGPU kernel supports D <= ${maxSize}, got ${rows}.`);
  return rows;
}

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
  const d = checkSymmetricInput(a, MAX_TRIDIAGONAL_SIZE);
  return runPair(backend as WebGPUBackend, a as tf.TensorInfo, new HouseholderTridiagonalProgram(d), new TridiagonalBisectionProgram(d));
};

/** The same op by parallel Jacobi then a sort (slower; registered only by the harness). */
export const symEigvalsJacobiWebgpu: tf.KernelFunc = ({ inputs, backend }) => {
  const a = inputs['a'];
  const d = checkSymmetricInput(a, MAX_EIG_SIZE);
  return runPair(backend as WebGPUBackend, a as tf.TensorInfo, new JacobiEigenProgram(d), new SortedDiagonalProgram(d));
};

/** Registers the WGSL SymEigvals for 'webgpu', replacing any other registration. Idempotent. */
export function registerSymEigvalsWebgpu(): void {
  const existing = tf.getKernel(SYM_EIGVALS, 'webgpu');
  if (existing?.kernelFunc === symEigvalsWebgpu) return;
  if (existing) tf.unregisterKernel(SYM_EIGVALS, 'webgpu');
  tf.registerKernel({ kernelName: SYM_EIGVALS, backendName: 'webgpu', kernelFunc: symEigvalsWebgpu });
}
