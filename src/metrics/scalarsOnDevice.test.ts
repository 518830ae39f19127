import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { alignment, uniformity } from './alignmentUniformity';
import { l2NormalizeRows } from './normalizeRows';
import { alignmentOp, l2NormalizeRowsOp, stdOfNormalizedOp, uniformityOp } from './scalarsOnDevice';
import { stdOfNormalized } from './stdNormalized';
import { expectClose, loadMetricsFixture } from '../../test/support/metricsFixture';

describe('scalar collapse metrics as tfjs ops (cpu backend)', () => {
  beforeAll(async () => {
    expect(await tf.setBackend('cpu')).toBe(true);
  });

  it('match the CPU reference functions and the fixture', () => {
    for (const c of loadMetricsFixture()) {
      const z = tf.tensor2d(Float32Array.from(c.z), [c.n, c.d]);
      const y = tf.tensor2d(Float32Array.from(c.y), [c.n, c.d]);
      const u = l2NormalizeRowsOp(z);
      const v = l2NormalizeRowsOp(y);
      const ref = l2NormalizeRows(c.z, c.n, c.d);
      u.dataSync().forEach((x, i) => expectClose(x, ref[i]!, 1e-6, 1e-7, `normalised ${i}`));
      expectClose(stdOfNormalizedOp(u).dataSync()[0]!, stdOfNormalized(ref, c.n, c.d), 1e-5, 0, 'std');
      expectClose(stdOfNormalizedOp(u).dataSync()[0]!, c.stdOfL2Normalized, 1e-5, 0, 'std (fixture)');
      expectClose(alignmentOp(u, v).dataSync()[0]!, alignment(ref, l2NormalizeRows(c.y, c.n, c.d), c.n, c.d), 1e-4, 1e-7, 'alignment');
      expectClose(uniformityOp(u).dataSync()[0]!, uniformity(ref, c.n, c.d), 1e-5, 0, 'uniformity');
      expectClose(uniformityOp(u).dataSync()[0]!, c.uniformity, 1e-5, 0, 'uniformity (fixture)');
      tf.dispose([z, y, u, v]);
    }
  });

  it('keep zero rows at zero and count distinct pairs only (hand-checked)', () => {
    const u = l2NormalizeRowsOp(tf.tensor2d([3, 4, 0, 0], [2, 2]));
    expect(Array.from(u.dataSync())).toEqual(Array.from(Float32Array.from([0.6, 0.8, 0, 0])));
    // e1, e2, -e1: squared distances 2, 4, 2 over the three pairs.
    const x = tf.tensor2d([1, 0, 0, 1, -1, 0], [3, 2]);
    expect(uniformityOp(x).dataSync()[0]).toBeCloseTo(Math.log((2 * Math.exp(-4) + Math.exp(-8)) / 3), 6);
    // Rows (1,0),(0,1) against (-1,0),(1,0): squared distances 4 and 2, mean 3.
    expect(alignmentOp(tf.tensor2d([1, 0, 0, 1], [2, 2]), tf.tensor2d([-1, 0, 1, 0], [2, 2])).dataSync()[0]).toBeCloseTo(3, 6);
  });

  it('leak no tensors', () => {
    const z = tf.tensor2d([1, 2, 3, 4, 5, 7], [3, 2]);
    const before = tf.memory().numTensors;
    const u = l2NormalizeRowsOp(z);
    tf.dispose([u, stdOfNormalizedOp(u), alignmentOp(u, u), uniformityOp(u)]);
    expect(tf.memory().numTensors).toBe(before);
    z.dispose();
  });
});
