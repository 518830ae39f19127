/**
 * Read-back kernel of `SymEigvals`: reads `a` synchronously from the backend, runs the
 * float64 Jacobi reference and writes the eigenvalues back as float32. Registered for
 * cpu, webgl and wasm (on the CPU backend "reading" is just an array access). Not for
 * webgpu: there ./webgpu.ts runs on the GPU, and tfjs 4.22's synchronous WebGPU read
 * (an OffscreenCanvas copy) even loses the device in headless Chromium 156.
 */
import * as tf from '@tensorflow/tfjs';
import { checkInput } from '../checkInput';
import { registerWhereMissing } from '../registration';
import { SYM_EIGVALS } from './names';
import { symmetricEigenvalues } from './reference';

/** Backends that get the read-back kernel. */
export const SYM_EIGVALS_READBACK_BACKENDS = ['cpu', 'webgl', 'wasm'] as const;

/** kernelFunc of SymEigvals by read-back: input `a` [D, D] -> eigenvalues [D], descending. */
export const symEigvalsReadBack: tf.KernelFunc = ({ inputs, backend }) => {
  const a = inputs['a'];
  const [rows] = checkInput(SYM_EIGVALS, 'a', a, { shape: 'square' });
  const b = backend as tf.KernelBackend;
  const values = b.readSync((a as tf.TensorInfo).dataId) as ArrayLike<number>;
  const eig = Float32Array.from(symmetricEigenvalues(values, rows));
  return { dataId: b.write(eig, [rows], 'float32'), shape: [rows], dtype: 'float32' };
};

/**
 * Registers the read-back SymEigvals for every backend in SYM_EIGVALS_READBACK_BACKENDS
 * that has no SymEigvals kernel yet. Idempotent.
 */
export function registerSymEigvalsKernels(): void {
  registerWhereMissing(SYM_EIGVALS, SYM_EIGVALS_READBACK_BACKENDS, symEigvalsReadBack);
}
