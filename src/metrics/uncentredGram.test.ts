import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { symmetricEigenvalues } from '../kernels/symeig/reference';
import { covarianceWithMean } from './covariance';
import { columnGram } from './gram';
import { gaussian } from '../../test/support/random';
import { uncentredGramOverN } from './uncentredGram';

/** The rotated matrix for z (n x d), computed on the active backend from C and the mean in float32. */
function rotated(z: Float64Array, n: number, d: number): Float32Array {
  const { mean, covariance } = covarianceWithMean(z, n, d);
  const c = tf.tensor2d(Float32Array.from(covariance), [d, d]);
  const m = tf.tensor1d(Float32Array.from(mean));
  const b = uncentredGramOverN(c, m);
  const out = b.dataSync() as Float32Array;
  tf.dispose([c, m, b]);
  return out;
}

describe('uncentredGramOverN', () => {
  beforeAll(async () => {
    expect(await tf.setBackend('cpu')).toBe(true);
  });

  it('has the eigenvalues of Z^T Z / N', () => {
    for (const [n, d, offset] of [[20, 6, 0], [9, 5, 2], [30, 1, -3], [40, 16, 5]] as const) {
      const z = gaussian(n * d, n + d).map((v, k) => v + offset * ((k % d) - 1));
      const expected = symmetricEigenvalues(columnGram(z, n, d).map((g) => g / n), d);
      const got = symmetricEigenvalues(rotated(z, n, d), d);
      got.forEach((v, i) => expect(Math.abs(v - expected[i]!), `${n}x${d} eigenvalue ${i}`).toBeLessThan(1e-5 * expected[0]!));
    }
  });

  it('puts |mean|^2 alone in the corner, so a collapsed run keeps its small eigenvalues', () => {
    // A point mass at (30, 40, ...) with spread 1e-3: |mu|^2 ~ 1e4, the spread's variance ~ 1e-6.
    const n = 64;
    const d = 8;
    const z = gaussian(n * d, 3).map((v, k) => 1e-3 * v + 10 * ((k % d) + 1));
    const b = rotated(z, n, d);
    const { mean, covariance } = covarianceWithMean(z, n, d);
    const norm2 = mean.reduce((s, v) => s + v * v, 0);
    expect(Math.abs(b[0]! - norm2) / norm2).toBeLessThan(1e-6);
    // Everything else is of the size of C (entries ~1e-6), not of |mu|^2 (~2e4).
    for (let k = 1; k < d * d; k++) expect(Math.abs(b[k]!)).toBeLessThan(1e-4);
    // So the small eigenvalues come out with the relative accuracy of C, far below 2^-24 |mu|^2 ~ 1e-3.
    const exact = symmetricEigenvalues(columnGram(z, n, d).map((g) => g / n), d);
    const viaCovariance = symmetricEigenvalues(Float32Array.from(b), d);
    const c = symmetricEigenvalues(covariance, d);
    for (let i = 1; i < d; i++) expect(Math.abs(viaCovariance[i]! - exact[i]!)).toBeLessThan(1e-3 * c[0]!);
  });

  it('is C itself when the mean is zero', () => {
    const c = tf.tensor2d([2, 1, 1, 3], [2, 2]);
    const b = uncentredGramOverN(c, tf.zeros([2]) as tf.Tensor1D);
    expect(Array.from(b.dataSync())).toEqual([2, 1, 1, 3]);
  });
});
