/**
 * Gradients of the log-determinant ops, registered once with `tf.registerGradient`:
 *   d log det(A) / dA = A^{-T} = A^{-1}  (A symmetric), times the upstream scalar dy;
 *   d (A^{-1})       = -A^{-1} dA A^{-1}, so dA = -X dy X with X = A^{-1} (symmetric).
 * Both run the InverseSPD kernel through the engine, so they work on every backend.
 */
import * as tf from '@tensorflow/tfjs';
import { registerGradientOnce } from '../registration';
import { INVERSE_SPD, LOGDET_SPD } from './names';

/** Runs InverseSPD on `a` through the engine (recorded on the tape when one is active). */
function inverseOf(a: tf.Tensor): tf.Tensor2D {
  return tf.engine().runKernel<tf.Tensor2D>(INVERSE_SPD, { a });
}

/** Gradient of LogDetSPD: dy * A^{-1}. */
export const logdetGradConfig: tf.GradConfig = {
  kernelName: LOGDET_SPD,
  inputsToSave: ['a'],
  gradFunc: (dy, saved) => {
    const [a] = saved;
    if (!a) throw new Error(`${LOGDET_SPD} gradient: input "a" was not saved.`);
    return { a: () => tf.mul(dy as tf.Tensor, inverseOf(a)) };
  },
};

/** Gradient of InverseSPD: -X dy X, with the output X = A^{-1} saved. */
export const inverseGradConfig: tf.GradConfig = {
  kernelName: INVERSE_SPD,
  outputsToSave: [true],
  gradFunc: (dy, saved) => {
    const [x] = saved;
    if (!x) throw new Error(`${INVERSE_SPD} gradient: output was not saved.`);
    return { a: () => tf.neg(tf.matMul(tf.matMul(x, dy as tf.Tensor), x)) };
  },
};

/** Registers both gradients, once (a second call is a no-op). */
export function registerLogdetGradients(): void {
  registerGradientOnce(logdetGradConfig);
  registerGradientOnce(inverseGradConfig);
}
