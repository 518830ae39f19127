import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { maxAbs, maxAbsDiff } from '../../../test/support/differences';
import { gaussian } from '../../../test/support/random';
import { convGeometry, type ConvAttrs } from './geometry';
import { conv2dBackpropFilterReference, conv2dBackpropInputReference, conv2dReference } from './reference';

interface Case {
  x: [number, number, number, number];
  w: [number, number, number, number];
  strides: number | [number, number];
  pad: ConvAttrs['pad'];
}

const CASES: Case[] = [
  { x: [2, 7, 7, 3], w: [3, 3, 3, 4], strides: 1, pad: 'same' },
  { x: [2, 8, 8, 3], w: [3, 3, 3, 5], strides: 2, pad: 'same' },
  { x: [1, 9, 8, 2], w: [3, 3, 2, 4], strides: 2, pad: 'same' },
  { x: [3, 6, 6, 1], w: [3, 3, 1, 8], strides: 1, pad: 'valid' },
  { x: [2, 9, 9, 4], w: [3, 3, 4, 2], strides: 2, pad: 'valid' },
  { x: [2, 6, 7, 2], w: [2, 4, 2, 3], strides: [1, 2], pad: 'same' },
  { x: [1, 5, 5, 2], w: [3, 3, 2, 2], strides: 1, pad: 1 },
  { x: [2, 5, 6, 3], w: [1, 1, 3, 4], strides: 1, pad: 'valid' },
];

describe('conv2d references (the WGSL index arithmetic) vs tfjs cpu', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  for (const c of CASES) {
    it(`x [${c.x.join(',')}] w [${c.w.join(',')}] strides ${String(c.strides)} pad ${String(c.pad)}`, () => {
      const g = convGeometry(c.x, c.w, { strides: c.strides, pad: c.pad });
      if (!g) throw new Error('geometry refused');
      const xv = Float32Array.from(gaussian(c.x.reduce((a, b) => a * b), 1));
      const wv = Float32Array.from(gaussian(c.w.reduce((a, b) => a * b), 2));
      const dyv = Float32Array.from(gaussian(g.n * g.oh * g.ow * g.co, 3));
      const x = tf.tensor4d(xv, c.x);
      const w = tf.tensor4d(wv, c.w);
      const dy = tf.tensor4d(dyv, [g.n, g.oh, g.ow, g.co]);
      const pad = c.pad as 'same' | 'valid' | number;
      const y = tf.conv2d(x, w, c.strides, pad);
      expect(y.shape).toEqual([g.n, g.oh, g.ow, g.co]);
      const grads = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.strides, pad), dy)));
      const [dx, dw] = grads([x, w]);
      if (!dx || !dw) throw new Error('no gradients');
      const ours = [conv2dReference(xv, wv, g), conv2dBackpropInputReference(dyv, wv, g), conv2dBackpropFilterReference(xv, dyv, g)];
      const theirs = [y.dataSync(), dx.dataSync(), dw.dataSync()];
      ours.forEach((o, i) => {
        const t = theirs[i] as Float32Array;
        // tfjs cpu sums in float32: u * (terms) relative to the size of the terms.
        expect(maxAbsDiff(o, t)).toBeLessThanOrEqual(1e-5 * Math.max(1, maxAbs(o)));
      });
      tf.dispose([x, w, dy, y, dx, dw]);
    });
  }

  it('detects a wrong index (the test can fail): a mirrored filter differs', () => {
    const g = convGeometry([1, 5, 5, 1], [3, 3, 1, 1], { strides: 1, pad: 'same' });
    if (!g) throw new Error('geometry refused');
    const xv = Float32Array.from(gaussian(25, 4));
    const wv = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const mirrored = Float32Array.from(wv).reverse();
    expect(maxAbsDiff(conv2dReference(xv, wv, g), conv2dReference(xv, mirrored, g))).toBeGreaterThan(1e-3);
  });

  it('refuses NCHW and dilation 2 (kernels then delegate to tfjs)', () => {
    expect(convGeometry([1, 3, 8, 8], [3, 3, 3, 4], { strides: 1, pad: 'same', dataFormat: 'NCHW' })).toBeNull();
    expect(convGeometry([1, 8, 8, 3], [3, 3, 3, 4], { strides: 1, pad: 'same', dilations: 2 })).toBeNull();
  });
});
