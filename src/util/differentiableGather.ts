/**
 * tf.gather whose gradient runs fast on every backend. Gather's own gradient is an
 * UnsortedSegmentSum, which tfjs-backend-wasm lacks and the CPU backend runs as one pass
 * over the input per segment (it took 130 ms of a 450 ms masking + mixing step there).
 * Here the forward pass is a plain gather and the backward pass scatters the incoming
 * gradient back with a one-hot product (a matMul, n x size(x)), the same sums.
 *
 * @example
 * const x = tf.tensor2d([[1, 2], [3, 4], [5, 6]]);
 * const dx = tf.grad((t: tf.Tensor) => tf.sum(differentiableGather(t, tf.tensor1d([2, 2, 0], 'int32'), 0)))(x);
 * // dx = [[1, 1], [0, 0], [2, 2]]
 */
import * as tf from '@tensorflow/tfjs';

/** Moves `axis` of a tensor shaped `shape` to the front: the permutation and its inverse. */
function axisToFront(shape: readonly number[], axis: number): { toFront: number[]; back: number[] } {
  const toFront = [axis, ...shape.map((_, i) => i).filter((i) => i !== axis)];
  return { toFront, back: toFront.map((_, i) => toFront.indexOf(i)) };
}

/** `x` gathered at `indices` along `axis`: tf.gather forward, a one-hot product backward. */
export function differentiableGather<T extends tf.Tensor>(x: T, indices: tf.Tensor1D, axis: number): T {
  // tfjs types the arguments loosely (tensors, then the save function last).
  const gather = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [input, save] = args as [tf.Tensor, tf.GradSaveFunc];
    save([indices]);
    const shape = input.shape;
    return {
      value: tf.gather(input, indices, axis),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => scatterByProduct(dy, saved[0] as tf.Tensor1D, axis, shape),
    };
  });
  return gather(x) as T;
}

/**
 * The gradient of a gather: `dy` (shaped like the gathered tensor) added back into zeros
 * shaped `shape` at `indices` along `axis`, as the transposed one-hot product.
 */
function scatterByProduct(dy: tf.Tensor, indices: tf.Tensor1D, axis: number, shape: readonly number[]): tf.Tensor {
  return tf.tidy(() => {
    const size = shape[axis]!;
    const { toFront, back } = axisToFront(shape, axis);
    const flat = tf.reshape(tf.transpose(dy, toFront), [indices.shape[0], -1]);
    const selection = tf.oneHot(tf.cast(indices, 'int32'), size).toFloat();
    const summed = tf.matMul(selection, flat, true, false);
    return tf.transpose(tf.reshape(summed, toFront.map((i) => shape[i]!)), back);
  });
}

/** `x` gathered at `indices` along `axis` as a one-hot selection matrix product. */
export function gatherByProduct<T extends tf.Tensor>(x: T, indices: tf.Tensor1D, axis: number): T {
  return tf.tidy(() => {
    const size = x.shape[axis]!;
    const others = x.shape.filter((_, i) => i !== axis);
    const { toFront, back } = axisToFront(x.shape, axis);
    const flat = tf.reshape(tf.transpose(x, toFront), [size, -1]);
    const selection = tf.oneHot(tf.cast(indices, 'int32'), size).toFloat();
    const picked = tf.reshape(tf.matMul(selection, flat), [indices.shape[0], ...others]);
    return tf.transpose(picked, back) as T;
  });
}
