/**
 * Computing a stop-gradient branch without recording its ops on the gradient tape. A
 * value that reaches the loss only through sg(.) gets a zero gradient, but with its ops
 * recorded backprop still runs each of them on zeros. tfjs records no op that runs inside
 * a custom-gradient function's forward pass, so the branch runs there: one recorded op
 * whose gradient is zero for its source, computed now with the current weights.
 */
import * as tf from '@tensorflow/tfjs';

/**
 * sg(compute()) where `compute` reads `source` (and weights): the same value, with a
 * zero gradient for `source` (so a gradient w.r.t. it exists and is exactly 0) and none
 * for anything else it read.
 */
export function offTape<T extends tf.Tensor>(source: tf.Tensor, compute: () => T): T {
  const sg = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const s = args[0] as tf.Tensor;
    return { value: compute(), gradFunc: () => [tf.zerosLike(s)] };
  });
  return sg(source) as T;
}
