/**
 * Stop-gradient for tfjs, which has no such op: the value passes through, the
 * gradient is zero. Used for every `sg(.)` in docs/methods.md.
 *
 * ```ts
 * const t = stopGradient(z2); // grads w.r.t. z2 through t are 0
 * ```
 */
import * as tf from '@tensorflow/tfjs';

const sg = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const x = args[0] as tf.Tensor;
  return { value: tf.clone(x), gradFunc: (dy: tf.Tensor | tf.Tensor[]) => tf.zerosLike(dy as tf.Tensor) };
});

/** Returns `x` unchanged, with a zero gradient. */
export function stopGradient<T extends tf.Tensor>(x: T): T {
  return sg(x) as T;
}
