/**
 * CPU kernel of `CovarianceCentered`: reads `z` from the CPU backend and computes the
 * covariance in float64 (./reference.ts), written back as float32.
 */
import * as tf from '@tensorflow/tfjs';
import { COVARIANCE_CENTERED } from './names';
import { covarianceReference } from './reference';

/** Checks that `z` is a [N, D] matrix with N >= 1; returns [N, D]. */
export function checkRowsByColumns(z: tf.TensorInfo | undefined): [number, number] {
  if (!z) throw new Error(`${COVARIANCE_CENTERED}: missing input "z".`);
  const [n, d] = z.shape;
  if (z.shape.length !== 2 || n === undefined || d === undefined || n < 1) {
    throw new Error(`${COVARIANCE_CENTERED}: input must be [N, D] with N >= 1, got shape [${z.shape.join(', ')}].`);
  }
  return [n, d];
}

/** kernelFunc of CovarianceCentered on cpu. */
export const covarianceCenteredCpu: tf.KernelFunc = ({ inputs, backend }) => {
  const z = inputs['z'];
  const [n, d] = checkRowsByColumns(z);
  const b = backend as tf.KernelBackend;
  const values = b.readSync((z as tf.TensorInfo).dataId) as ArrayLike<number>;
  const c = Float32Array.from(covarianceReference(values, n, d));
  return { dataId: b.write(c, [d, d], 'float32'), shape: [d, d], dtype: 'float32' };
};

/** Registers the cpu CovarianceCentered kernel if none is registered. Idempotent. */
export function registerCovarianceCpu(): void {
  if (!tf.getKernel(COVARIANCE_CENTERED, 'cpu')) {
    tf.registerKernel({ kernelName: COVARIANCE_CENTERED, backendName: 'cpu', kernelFunc: covarianceCenteredCpu });
  }
}
