import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { differentiableGather, gatherByProduct } from './differentiableGather';

/** Value and gradient of sum(gather(x) * w), by `gather`. */
function valueAndGrad(gather: (x: tf.Tensor, idx: tf.Tensor1D, axis: number) => tf.Tensor, x: tf.Tensor, idx: number[], axis: number, seed: number): { value: number[]; grad: number[] } {
  return tf.tidy(() => {
    const indices = tf.tensor1d(idx, 'int32');
    const w = tf.randomNormal(tf.gather(x, indices, axis).shape, 0, 1, 'float32', seed);
    const f = (t: tf.Tensor) => tf.sum(tf.mul(gather(t, indices, axis), w));
    return { value: Array.from(gather(x, indices, axis).dataSync()), grad: Array.from(tf.grad(f)(x).dataSync()) };
  });
}

describe('differentiableGather', () => {
  beforeAll(async () => {
    // The CPU backend has UnsortedSegmentSum, so tf.gather's own gradient is the reference.
    await tf.setBackend('cpu');
  });

  const cases: [string, number[], number[], number][] = [
    ['a permutation of rows (in-batch mixing)', [5, 3], [4, 0, 2, 1, 3], 0],
    ['repeated and missing rows', [4, 3], [2, 2, 0, 2], 0],
    ['a subset of tokens on the middle axis (ρSIM)', [2, 6, 3], [5, 0, 3], 1],
    ['the last axis, with a repeat', [2, 3, 4], [3, 1, 3], 2],
  ];
  for (const [name, shape, idx, axis] of cases) {
    it(`gives tf.gather's values and gradient: ${name}`, () => {
      const x = tf.randomNormal(shape, 0, 1, 'float32', 3);
      const ours = valueAndGrad(differentiableGather, x, idx, axis, 9);
      const reference = valueAndGrad(tf.gather as (x: tf.Tensor, i: tf.Tensor1D, a: number) => tf.Tensor, x, idx, axis, 9);
      expect(ours.value).toEqual(reference.value);
      ours.grad.forEach((g, i) => expect(g).toBeCloseTo(reference.grad[i]!, 5));
      // The one-hot product of the forward pass agrees too.
      expect(valueAndGrad(gatherByProduct, x, idx, axis, 9).grad.map((g) => Math.round(g * 1e5))).toEqual(reference.grad.map((g) => Math.round(g * 1e5)));
      x.dispose();
    });
  }

  it('never calls UnsortedSegmentSum, and keeps no tensor after the gradient', async () => {
    const x = tf.tensor2d([0, 1, 2, 3, 4, 5], [6, 1]);
    const before = tf.memory().numTensors;
    const gradient = () => tf.tidy(() => tf.grad((t: tf.Tensor) => tf.sum(differentiableGather(t, tf.tensor1d([1, 5, 5, 0], 'int32'), 0)))(x));
    const p = await tf.profile(gradient);
    const names = p.kernels.map((k) => k.name);
    expect(names).toContain('GatherV2');
    expect(names).not.toContain('UnsortedSegmentSum');
    expect(Array.from((p.result as tf.Tensor).dataSync())).toEqual([1, 1, 0, 0, 0, 2]);
    (p.result as tf.Tensor).dispose();
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});
