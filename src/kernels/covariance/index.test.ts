import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { maxRelDiff } from '../../../test/support/differences';
import { gaussian } from '../../../test/support/random';
import { useBackend } from '../../../test/support/useBackend';
import { covarianceCenteredCpu } from './cpu';
import { COVARIANCE_CENTERED, covarianceCentered, covarianceCenteredComposed, ensureCovarianceOps } from './index';
import { covarianceGradientReference, covarianceReference } from './reference';
import { covarianceCenteredWebgpu } from './webgpu';

/**
 * cpu runs the registered float64 kernel (only the output is rounded); wasm has no kernel,
 * so the op composes tfjs ops in float32 (error about N * 2^-24 relative).
 */
const BACKENDS = [
  { name: 'cpu', tolerance: 2 ** -23, kernel: true },
  { name: 'wasm', tolerance: 1e-5, kernel: false },
] as const;

for (const backend of BACKENDS) {
  describe(`covarianceCentered on ${backend.name}`, () => {
    useBackend(backend.name);
    beforeAll(() => {
      ensureCovarianceOps();
    });

    it(`${backend.kernel ? 'runs the registered kernel' : 'falls back to tfjs ops'}`, () => {
      expect(tf.getKernel(COVARIANCE_CENTERED, backend.name)?.kernelFunc === covarianceCenteredCpu).toBe(backend.kernel);
      expect(tf.getKernel(COVARIANCE_CENTERED, 'webgpu')?.kernelFunc).toBe(covarianceCenteredWebgpu);
    });

    for (const [n, d, offset] of [[2, 1, 0], [16, 8, 3], [96, 64, 0], [40, 64, -2]] as const) {
      it(`matches the float64 reference for z [${n}, ${d}] with mean ${offset}, exactly symmetric`, () => {
        const z32 = Float32Array.from(gaussian(n * d, n + d, 1, offset));
        const c = covarianceCentered(tf.tensor2d(z32, [n, d]));
        expect(c.shape).toEqual([d, d]);
        const values = c.dataSync();
        expect(maxRelDiff(values, covarianceReference(z32, n, d))).toBeLessThanOrEqual(backend.tolerance);
        for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) expect(values[i * d + j]).toBe(values[j * d + i]);
        c.dispose();
      });
    }

    it('has the gradient (1/N)(z - mean)(G + G^T)', () => {
      const n = 24;
      const d = 10;
      const z32 = Float32Array.from(gaussian(n * d, 5, 2, 1));
      const g32 = Float32Array.from(gaussian(d * d, 6));
      const g = tf.tensor2d(g32, [d, d]);
      const dz = tf.grad((z: tf.Tensor) => tf.sum(tf.mul(covarianceCentered(z as tf.Tensor2D), g)))(tf.tensor2d(z32, [n, d]));
      expect(dz.shape).toEqual([n, d]);
      expect(maxRelDiff(dz.dataSync(), covarianceGradientReference(z32, g32, n, d))).toBeLessThan(1e-5);
      tf.dispose([g, dz]);
    });

    it('agrees with the tfjs-op composition', () => {
      const z = tf.tensor2d(Float32Array.from(gaussian(30 * 12, 8, 1, 0.5)), [30, 12]);
      const a = covarianceCentered(z);
      const b = covarianceCenteredComposed(z);
      expect(maxRelDiff(a.dataSync(), b.dataSync())).toBeLessThan(1e-5);
      tf.dispose([z, a, b]);
    });

    it('rejects inputs that are not [N >= 1, D]', () => {
      expect(() => covarianceCentered(tf.zeros([0, 3]) as tf.Tensor2D)).toThrow(/N >= 1/);
      expect(() => covarianceCentered(tf.zeros([4]) as unknown as tf.Tensor2D)).toThrow(/\[N, D\]/);
    });

    it('leaks no tensors, also under tf.grad', () => {
      const z = tf.tensor2d(Float32Array.from(gaussian(20, 9)), [5, 4]);
      const before = tf.memory().numTensors;
      covarianceCentered(z).dispose();
      tf.grad((x: tf.Tensor) => tf.sum(covarianceCentered(x as tf.Tensor2D)))(z).dispose();
      expect(tf.memory().numTensors).toBe(before);
      z.dispose();
    });
  });
}
