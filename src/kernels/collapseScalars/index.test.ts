import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { alignment, uniformity } from '../../metrics/alignmentUniformity';
import { l2NormalizeRows } from '../../metrics/normalizeRows';
import { stdOfNormalized } from '../../metrics/stdNormalized';
import { gaussian } from '../../../test/support/random';
import { useBackend } from '../../../test/support/useBackend';
import { COLLAPSE_SCALARS, collapseScalars } from './index';
import { collapseScalarsWebgpu } from './webgpu';

describe('collapseScalars (cpu backend: the tfjs-op composition)', () => {
  useBackend('cpu');

  it('gives [std, alignment, uniformity, finite] as the CPU reference functions', () => {
    const n = 40;
    const d = 7;
    const a = Float32Array.from(gaussian(n * d, 1));
    const b = Float32Array.from(a, (v, k) => v + 0.1 * Math.sin(k));
    const out = collapseScalars(tf.tensor2d(a, [n, d]), tf.tensor2d(b, [n, d]));
    expect(out.shape).toEqual([4]);
    const [s, al, un, finite] = Array.from(out.dataSync());
    const u = l2NormalizeRows(a, n, d);
    expect(Math.abs(s! - stdOfNormalized(u, n, d))).toBeLessThan(1e-6);
    expect(Math.abs(al! - alignment(u, l2NormalizeRows(b, n, d), n, d))).toBeLessThan(1e-6);
    expect(Math.abs(un! - uniformity(u, n, d))).toBeLessThan(1e-5);
    expect(finite).toBe(1);
    out.dispose();
  });

  it('flags a non-finite entry in either view', () => {
    const a = tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2]);
    const b = tf.tensor2d([1, 2, 3, Number.NaN, 5, 6], [3, 2]);
    expect(collapseScalars(a, b).dataSync()[3]).toBe(0);
    expect(collapseScalars(b, a).dataSync()[3]).toBe(0);
    expect(collapseScalars(a, a).dataSync()[3]).toBe(1);
  });

  it('rejects views of different shapes', () => {
    expect(() => collapseScalars(tf.zeros([3, 2]) as tf.Tensor2D, tf.zeros([3, 3]) as tf.Tensor2D)).toThrow(/one shape/);
  });

  it('registers the WGSL kernel for webgpu and none for cpu (which composes tfjs ops)', () => {
    collapseScalars(tf.ones([2, 2]) as tf.Tensor2D, tf.ones([2, 2]) as tf.Tensor2D);
    expect(tf.getKernel(COLLAPSE_SCALARS, 'webgpu')?.kernelFunc).toBe(collapseScalarsWebgpu);
    expect(tf.getKernel(COLLAPSE_SCALARS, 'cpu')).toBeUndefined();
  });
});
