import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { maxAbsDiff } from '../../../test/support/differences';
import { gaussian } from '../../../test/support/random';
import { useBackend } from '../../../test/support/useBackend';
import { packPrincipalPlane } from '../../metrics/embeddingProjection';
import { principalPlane as hostPlane } from '../../metrics/principalPlane';
import { PRINCIPAL_PLANE, principalPlane, principalPlaneReadBack } from './index';
import { principalPlaneWebgpu } from './webgpu';

/** Backends that load in Node; both get the read-back kernel. */
const BACKENDS = ['cpu', 'wasm'] as const;

for (const backend of BACKENDS) {
  describe(`principalPlane on ${backend}`, () => {
    useBackend(backend);

    it('packs the float64 host projection as float32', () => {
      const [n, d] = [40, 6];
      const z32 = Float32Array.from(gaussian(n * d, 21), (v, k) => v * (1 + (k % d)) + 3);
      const z = tf.tensor2d(z32, [n, d]);
      const out = principalPlane(z);
      expect(out.shape).toEqual([2 * n + 4]);
      expect(out.dtype).toBe('float32');
      const ref = packPrincipalPlane(hostPlane(z32, n, d));
      expect(maxAbsDiff(out.dataSync(), Float32Array.from(ref))).toBe(0);
      tf.dispose([z, out]);
    });

    it('rejects an input that is not [N, D]', () => {
      expect(() => principalPlane(tf.zeros([4]) as unknown as tf.Tensor2D)).toThrow(/\[N, D\]/);
    });

    it('leaks no tensors', () => {
      const z = tf.tensor2d(Float32Array.from(gaussian(24, 2)), [8, 3]);
      const before = tf.memory().numTensors;
      principalPlane(z).dispose();
      expect(tf.memory().numTensors).toBe(before);
      z.dispose();
    });
  });
}

describe('principalPlane registration', () => {
  useBackend('cpu');

  it('registers the WGSL kernel for webgpu and the read-back one elsewhere', () => {
    principalPlane(tf.ones([2, 2]) as tf.Tensor2D).dispose();
    expect(tf.getKernel(PRINCIPAL_PLANE, 'webgpu')?.kernelFunc).toBe(principalPlaneWebgpu);
    for (const backend of BACKENDS) expect(tf.getKernel(PRINCIPAL_PLANE, backend)?.kernelFunc).toBe(principalPlaneReadBack);
  });
});
