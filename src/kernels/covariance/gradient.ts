/**
 * Gradient of CovarianceCentered: for C = (1/N) Zc^T Zc with Zc = Z - mean_rows(Z),
 * dZ = (1/N) Zc (G + G^T). (The path through the mean adds nothing: the columns of
 * Zc (G + G^T) already sum to zero.) Composed from tfjs ops, so it runs on every backend.
 */
import * as tf from '@tensorflow/tfjs';
import { registerGradientOnce } from '../registration';
import { COVARIANCE_CENTERED } from './names';

/** Gradient config of CovarianceCentered. */
export const covarianceGradConfig: tf.GradConfig = {
  kernelName: COVARIANCE_CENTERED,
  inputsToSave: ['z'],
  gradFunc: (dy, saved) => {
    const [z] = saved;
    if (!z) throw new Error(`${COVARIANCE_CENTERED} gradient: input "z" was not saved.`);
    const g = dy as tf.Tensor2D;
    return {
      z: () => {
        const zc = tf.sub(z, tf.mean(z, 0, true));
        return tf.div(tf.matMul(zc, tf.add(g, tf.transpose(g))), z.shape[0] as number);
      },
    };
  },
};

/** Registers the gradient once (a second call is a no-op). */
export function registerCovarianceGradient(): void {
  registerGradientOnce(covarianceGradConfig);
}
