import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../util/rng';
import { covarianceCenteredCpu } from './cpu';
import { COVARIANCE_CENTERED, covarianceCentered, covarianceCenteredComposed, ensureCovarianceOps } from './index';
import { covarianceGradientReference, covarianceReference } from './reference';
import { covarianceCenteredWebgpu } from './webgpu';

function gaussian(count: number, seed: number, offset = 0, scale = 1): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: count }, () => offset + scale * rng.normal());
}

function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    worst = Math.max(worst, Math.abs((a[i] as number) - (b[i] as number)));
    scale = Math.max(scale, Math.abs(b[i] as number));
  }
  return worst / scale;
}

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
    let previous = '';
    beforeAll(async () => {
      previous = tf.getBackend();
      expect(await tf.setBackend(backend.name)).toBe(true);
      await tf.ready();
      ensureCovarianceOps();
    });
    afterAll(async () => {
      await tf.setBackend(previous || 'cpu');
    });

    it(`${backend.kernel ? 'runs the registered kernel' : 'falls back to tfjs ops'}`, () => {
      expect(tf.getKernel(COVARIANCE_CENTERED, backend.name)?.kernelFunc === covarianceCenteredCpu).toBe(backend.kernel);
      expect(tf.getKernel(COVARIANCE_CENTERED, 'webgpu')?.kernelFunc).toBe(covarianceCenteredWebgpu);
    });

    for (const [n, d, offset] of [[2, 1, 0], [16, 8, 3], [96, 64, 0], [40, 64, -2]] as const) {
      it(`matches the float64 reference for z [${n}, ${d}] with mean ${offset}, exactly symmetric`, () => {
        const z32 = gaussian(n * d, n + d, offset);
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
      const z32 = gaussian(n * d, 5, 1, 2);
      const g32 = gaussian(d * d, 6);
      const g = tf.tensor2d(g32, [d, d]);
      const dz = tf.grad((z: tf.Tensor) => tf.sum(tf.mul(covarianceCentered(z as tf.Tensor2D), g)))(tf.tensor2d(z32, [n, d]));
      expect(dz.shape).toEqual([n, d]);
      expect(maxRelDiff(dz.dataSync(), covarianceGradientReference(z32, g32, n, d))).toBeLessThan(1e-5);
      tf.dispose([g, dz]);
    });

    it('agrees with the tfjs-op composition', () => {
      const z = tf.tensor2d(gaussian(30 * 12, 8, 0.5), [30, 12]);
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
      const z = tf.tensor2d(gaussian(20, 9), [5, 4]);
      const before = tf.memory().numTensors;
      covarianceCentered(z).dispose();
      tf.grad((x: tf.Tensor) => tf.sum(covarianceCentered(x as tf.Tensor2D)))(z).dispose();
      expect(tf.memory().numTensors).toBe(before);
      z.dispose();
    });
  });
}
