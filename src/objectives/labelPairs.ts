/** Which pairs of a labelled batch share a class: the masks the supervised metric losses (triplet, SupCon) pick from. */
import * as tf from '@tensorflow/tfjs';

/** [N, N] 0/1 masks of a batch's pairs: `positive` same label and i != j, `negative` different labels. */
export function labelPairMasks(labels: tf.Tensor1D): { positive: tf.Tensor2D; negative: tf.Tensor2D } {
  return tf.tidy(() => {
    const n = labels.shape[0];
    const same = tf.cast(tf.equal(tf.expandDims(labels, 1), tf.expandDims(labels, 0)), 'float32');
    return { positive: tf.sub(same, tf.eye(n)) as tf.Tensor2D, negative: tf.sub(1, same) as tf.Tensor2D };
  });
}
