/**
 * tf.gather whose gradient works on every backend. Gather's gradient needs the
 * UnsortedSegmentSum kernel, which tfjs-backend-wasm lacks; there the same selection is
 * a product with a one-hot matrix (exact in float32, but costs n x size(x)).
 */
import * as tf from '@tensorflow/tfjs';

/** `x` gathered at `indices` along `axis`: tf.gather where its gradient runs, else the product. */
export function differentiableGather<T extends tf.Tensor>(x: T, indices: tf.Tensor1D, axis: number): T {
  if (tf.getKernel('UnsortedSegmentSum', tf.getBackend()) !== undefined) return tf.gather(x, indices, axis) as T;
  return gatherByProduct(x, indices, axis);
}

/** `x` gathered at `indices` along `axis` as a one-hot selection matrix product. */
export function gatherByProduct<T extends tf.Tensor>(x: T, indices: tf.Tensor1D, axis: number): T {
  return tf.tidy(() => {
    const size = x.shape[axis]!;
    const others = x.shape.filter((_, i) => i !== axis);
    const toFront = [axis, ...x.shape.map((_, i) => i).filter((i) => i !== axis)];
    const back = toFront.map((_, i) => toFront.indexOf(i));
    const flat = tf.reshape(tf.transpose(x, toFront), [size, -1]);
    const selection = tf.oneHot(tf.cast(indices, 'int32'), size).toFloat();
    const picked = tf.reshape(tf.matMul(selection, flat), [indices.shape[0], ...others]);
    return tf.transpose(picked, back) as T;
  });
}
