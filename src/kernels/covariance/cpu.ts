/**
 * CPU kernel of `CovarianceCentered`: reads `z` from the CPU backend and computes the
 * covariance in float64 (./reference.ts), written back as float32.
 */
import * as tf from '@tensorflow/tfjs';
import { checkInput } from '../checkInput';
import { registerWhereMissing } from '../registration';
import { COVARIANCE_CENTERED } from './names';
import { covarianceReference } from './reference';

/** kernelFunc of CovarianceCentered on cpu. */
export const covarianceCenteredCpu: tf.KernelFunc = ({ inputs, backend }) => {
  const z = inputs['z'];
  const [n, d] = checkInput(COVARIANCE_CENTERED, 'z', z, { shape: 'rows' });
  const b = backend as tf.KernelBackend;
  const values = b.readSync((z as tf.TensorInfo).dataId) as ArrayLike<number>;
  const c = Float32Array.from(covarianceReference(values, n, d));
  return { dataId: b.write(c, [d, d], 'float32'), shape: [d, d], dtype: 'float32' };
};

/** Registers the cpu CovarianceCentered kernel if none is registered. Idempotent. */
export function registerCovarianceCpu(): void {
  registerWhereMissing(COVARIANCE_CENTERED, ['cpu'], covarianceCenteredCpu);
}
