/** Averaging ρSIM's block losses while skipping the ones that are not finite. */
import * as tf from '@tensorflow/tfjs';

/** Mean of the finite entries (0 when none), computed on the device without a read-back. */
export function meanOfFinite(values: readonly tf.Scalar[]): tf.Scalar {
  if (values.length === 0) return tf.scalar(0);
  const stacked = tf.stack(values as tf.Scalar[]);
  const finite = tf.isFinite(stacked);
  const kept = tf.where(finite, stacked, tf.zerosLike(stacked));
  const count = tf.sum(tf.cast(finite, 'float32'));
  return tf.div(tf.sum(kept), tf.maximum(count, 1)) as tf.Scalar;
}
