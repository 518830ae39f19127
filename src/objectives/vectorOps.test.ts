import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { l2NormalizeRows } from './vectorOps';

describe('l2NormalizeRows', () => {
  beforeAll(async () => {
    expect(await tf.setBackend('cpu')).toBe(true);
  });

  it("scales rows to unit norm and, like torch's F.normalize, gives a zero row the gradient dy / eps, not NaN", () => {
    const eps = 1e-12;
    const z = tf.tensor2d([3, 4, 0, 0, 0, 0], [2, 3]);
    const w = tf.tensor2d([1, 2, 3, -1, 0.5, 2], [2, 3]);
    const out = l2NormalizeRows(z, eps);
    expect(Array.from(out.dataSync())).toEqual([0.6, 0.8, 0, 0, 0, 0].map((v) => Math.fround(v)));
    const g = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(l2NormalizeRows(x as tf.Tensor2D, eps), w)))(z).arraySync() as number[][];
    // Row 1: (w - (w . u) u) / |z| with u = z / |z| = (0.6, 0.8, 0), |z| = 5.
    const wu = 1 * 0.6 + 2 * 0.8;
    const expected = [1, 2, 3].map((wi, i) => (wi - wu * [0.6, 0.8, 0][i]!) / 5);
    g[0]!.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 6));
    // Row 2 (zero): torch gives w / eps (checked with torch 1.13: F.normalize's backward at a zero row).
    g[1]!.forEach((v, i) => expect(v / ([-1, 0.5, 2][i]! / eps)).toBeCloseTo(1, 5));
  });
});
