/**
 * The log-determinant ops tfjs lacks, for symmetric positive definite matrices:
 *
 * ```ts
 * const ld = logdetSPD(tf.add(cov, tf.mul(eps, tf.eye(d)))); // scalar, differentiable
 * const inv = inverseSPD(a);                                   // [D, D]
 * ```
 *
 * Both run registered kernels (float64 read-back on CPU/WebGL/WASM, WGSL on WebGPU) so
 * `tf.grad` sees them; d logdet(A)/dA = A^{-1}. Only the lower triangle of `a` is read.
 */
import * as tf from '@tensorflow/tfjs';
import { checkInput } from '../checkInput';
import { registerLogdetKernels } from './cpu';
import { registerLogdetGradients } from './gradient';
import { INVERSE_SPD, LOGDET_SPD } from './names';
import { registerLogdetWebgpuKernels } from './webgpu';

export { INVERSE_SPD, LOGDET_SPD } from './names';
export { READBACK_BACKENDS, registerLogdetKernels } from './cpu';
export { registerLogdetGradients } from './gradient';

/** Registers the kernels and gradients if not done yet (cheap; every op calls it). */
export function ensureLogdetOps(): void {
  registerLogdetKernels();
  registerLogdetWebgpuKernels();
  registerLogdetGradients();
}

/** Checks that `a` is a square matrix and returns it as float32. */
function squareFloat(a: tf.Tensor, op: string): tf.Tensor2D {
  checkInput(op, 'a', a, { shape: 'square' });
  return (a.dtype === 'float32' ? a : tf.cast(a, 'float32')) as tf.Tensor2D;
}

/** log det(a) of a symmetric positive definite [D, D] matrix, as a float32 scalar. */
export function logdetSPD(a: tf.Tensor2D): tf.Scalar {
  ensureLogdetOps();
  return tf.tidy(() => tf.engine().runKernel<tf.Scalar>(LOGDET_SPD, { a: squareFloat(a, 'logdetSPD') }));
}

/** a^{-1} of a symmetric positive definite [D, D] matrix. */
export function inverseSPD(a: tf.Tensor2D): tf.Tensor2D {
  ensureLogdetOps();
  return tf.tidy(() => tf.engine().runKernel<tf.Tensor2D>(INVERSE_SPD, { a: squareFloat(a, 'inverseSPD') }));
}
