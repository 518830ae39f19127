import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { gaussian } from '../../../test/support/random';
import { useBackend } from '../../../test/support/useBackend';
import { covarianceCentered } from '../covariance';
import { symmetricEigenvalues } from '../symeig/reference';
import { ROTATED_SECOND_MOMENT, rotatedSecondMoment } from './index';
import { rotatedSecondMomentWebgpu } from './webgpu';

describe('rotatedSecondMoment (cpu backend: the tfjs-op composition)', () => {
  useBackend('cpu');

  it('has the eigenvalues of z^T z / N, with |mean|^2 in the corner', () => {
    const n = 30;
    const d = 5;
    const z32 = Float32Array.from(gaussian(n * d, 2), (v, k) => v + (k % d));
    const z = tf.tensor2d(z32, [n, d]);
    const b = rotatedSecondMoment(z, covarianceCentered(z)).dataSync();
    const gram = new Float64Array(d * d);
    for (let r = 0; r < n; r++) for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) gram[i * d + j] = gram[i * d + j]! + z32[r * d + i]! * z32[r * d + j]! / n;
    const expected = symmetricEigenvalues(gram, d);
    symmetricEigenvalues(b, d).forEach((v, i) => expect(Math.abs(v - expected[i]!)).toBeLessThan(1e-5 * expected[0]!));
    const mean = Array.from({ length: d }, (_, j) => z32.filter((_, k) => k % d === j).reduce((s, v) => s + v, 0) / n);
    expect(b[0]! / mean.reduce((s, v) => s + v * v, 0)).toBeGreaterThan(1);
  });

  it('rejects a covariance of the wrong size', () => {
    expect(() => rotatedSecondMoment(tf.zeros([4, 3]) as tf.Tensor2D, tf.zeros([4, 4]) as tf.Tensor2D)).toThrow(/\[D, D\]/);
  });

  it('registers the WGSL kernel for webgpu and none for cpu (which composes tfjs ops)', () => {
    rotatedSecondMoment(tf.ones([2, 2]) as tf.Tensor2D, tf.zeros([2, 2]) as tf.Tensor2D);
    expect(tf.getKernel(ROTATED_SECOND_MOMENT, 'webgpu')?.kernelFunc).toBe(rotatedSecondMomentWebgpu);
    expect(tf.getKernel(ROTATED_SECOND_MOMENT, 'cpu')).toBeUndefined();
  });
});
