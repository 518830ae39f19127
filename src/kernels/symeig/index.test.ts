import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { maxAbsDiff } from '../../../test/support/differences';
import { gaussian, symmetricGaussian } from '../../../test/support/random';
import { withCondition } from '../../../test/support/spdMatrices';
import { useBackend } from '../../../test/support/useBackend';
import { SYM_EIGVALS, ensureSymEigvalsOp, registerSymEigvalsKernels, symEigvals, symEigvalsReadBack } from './index';
import { symEigvalsWebgpu } from './webgpu';
import { symmetricEigenvalues } from './reference';

/** Backends that load in Node; both get the read-back kernel. */
const BACKENDS = ['cpu', 'wasm'] as const;

for (const backend of BACKENDS) {
  describe(`symEigvals on ${backend}`, () => {
    useBackend(backend);

    for (const d of [1, 5, 32, 64]) {
      it(`matches the float64 reference on a symmetric indefinite ${d}x${d} matrix, descending`, () => {
        const a32 = Float32Array.from(symmetricGaussian(d, 10 + d));
        const a = tf.tensor2d(a32, [d, d]);
        const ev = symEigvals(a);
        expect(ev.shape).toEqual([d]);
        expect(ev.dtype).toBe('float32');
        const values = ev.dataSync();
        const ref = symmetricEigenvalues(a32, d);
        // Only the float32 rounding of the output differs.
        const scale = Math.max(...Array.from(ref, Math.abs));
        expect(maxAbsDiff(values, ref)).toBeLessThanOrEqual(2 ** -23 * scale);
        for (let i = 1; i < d; i++) expect(values[i] as number).toBeLessThanOrEqual(values[i - 1] as number);
        tf.dispose([a, ev]);
      });
    }

    it('recovers the known spectrum of a matrix with condition number 1e4', () => {
      const d = 48;
      const c = withCondition(d, 1e4, 7);
      const a = tf.tensor2d(Float32Array.from(c.a), [d, d]);
      const ev = symEigvals(a);
      // Against the exact eigenvalues of the float64 matrix: float32 input rounding dominates.
      expect(maxAbsDiff(ev.dataSync(), c.lambda)).toBeLessThan(d * 2 ** -24);
      tf.dispose([a, ev]);
    });

    it('uses only the symmetric part of the input', () => {
      const d = 6;
      const raw = Float32Array.from(gaussian(d * d, 3));
      const sym = new Float32Array(d * d);
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) sym[i * d + j] = 0.5 * ((raw[i * d + j] as number) + (raw[j * d + i] as number));
      const fromRaw = symEigvals(tf.tensor2d(raw, [d, d])).dataSync();
      const fromSym = symEigvals(tf.tensor2d(sym, [d, d])).dataSync();
      expect(maxAbsDiff(fromRaw, fromSym)).toBeLessThan(1e-6);
    });

    it('rejects a non-square input', () => {
      expect(() => symEigvals(tf.zeros([3, 4]) as tf.Tensor2D)).toThrow(/square/);
    });

    it('leaks no tensors', () => {
      const a = tf.tensor2d(Float32Array.from(symmetricGaussian(8, 1)), [8, 8]);
      const before = tf.memory().numTensors;
      symEigvals(a).dispose();
      expect(tf.memory().numTensors).toBe(before);
      a.dispose();
    });
  });
}

describe('registerSymEigvalsKernels', () => {
  it('registers the read-back kernel for cpu, webgl and wasm and never overwrites an existing one', () => {
    registerSymEigvalsKernels();
    for (const b of ['cpu', 'webgl', 'wasm']) expect(tf.getKernel(SYM_EIGVALS, b)?.kernelFunc).toBe(symEigvalsReadBack);
    const mine: tf.KernelFunc = () => {
      throw new Error('stand-in');
    };
    tf.unregisterKernel(SYM_EIGVALS, 'webgl');
    tf.registerKernel({ kernelName: SYM_EIGVALS, backendName: 'webgl', kernelFunc: mine });
    registerSymEigvalsKernels();
    expect(tf.getKernel(SYM_EIGVALS, 'webgl')?.kernelFunc).toBe(mine);
    tf.unregisterKernel(SYM_EIGVALS, 'webgl');
    registerSymEigvalsKernels();
    expect(tf.getKernel(SYM_EIGVALS, 'webgl')?.kernelFunc).toBe(symEigvalsReadBack);
  });

  it('the op registers the WGSL kernel for webgpu (never the read-back one)', () => {
    ensureSymEigvalsOp();
    expect(tf.getKernel(SYM_EIGVALS, 'webgpu')?.kernelFunc).toBe(symEigvalsWebgpu);
  });
});
