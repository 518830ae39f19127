/**
 * Symmetric eigenvalues, the op behind the covariance-spectrum chart:
 *
 * ```ts
 * const spectrum = symEigvals(cov); // [D], descending; stays on the GPU on webgpu
 * ```
 *
 * It runs the `SymEigvals` kernel: float64 read-back on cpu/webgl/wasm (./cpu.ts) and
 * Householder tridiagonalisation + bisection in WGSL on webgpu (./webgpu.ts), with no
 * read-back; the op registers both on first use. It has no gradient (metrics only).
 */
import * as tf from '@tensorflow/tfjs';
import { checkInput } from '../checkInput';
import { registerSymEigvalsKernels } from './cpu';
import { SYM_EIGVALS } from './names';
import { registerSymEigvalsWebgpu } from './webgpu';

export { SYM_EIGVALS } from './names';
export { registerSymEigvalsKernels, symEigvalsReadBack } from './cpu';
export { registerSymEigvalsWebgpu } from './webgpu';

/** Registers the kernels of every backend if not done yet (cheap; the op calls it). */
export function ensureSymEigvalsOp(): void {
  registerSymEigvalsKernels();
  registerSymEigvalsWebgpu();
}

/** Eigenvalues of a symmetric [D, D] matrix, sorted descending (only (a + a^T) / 2 matters). */
export function symEigvals(a: tf.Tensor2D): tf.Tensor1D {
  checkInput('symEigvals', 'a', a, { shape: 'square' });
  ensureSymEigvalsOp();
  return tf.tidy(() => {
    const x = a.dtype === 'float32' ? a : tf.cast(a, 'float32');
    return tf.engine().runKernel<tf.Tensor1D>(SYM_EIGVALS, { a: x });
  });
}
