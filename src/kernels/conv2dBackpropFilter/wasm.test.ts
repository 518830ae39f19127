/**
 * The WASM filter gradient against tfjs's CPU backend: the same convolutions (strides 1
 * and 2, 'same' and 'valid', 1 to 16 channels, batches of 1 to 8) give the same output and
 * the same gradients with respect to input and filter on 'cpu' and on 'wasm', where the
 * filter gradient is our kernel; its values also match the float64 reference.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { maxRelDiff } from '../../../test/support/differences';
import { expectSameOutputs } from '../../../test/support/expectSameOutputs';
import { gaussian } from '../../../test/support/random';
import { useBackend } from '../../../test/support/useBackend';
import { convGeometry } from '../conv2d/geometry';
import { conv2dBackpropFilterReference } from '../conv2d/reference';
import { registerWasmKernels } from '../registerWasm';
import { CONV2D_BACKPROP_FILTER, conv2dBackpropFilterWasm } from './index';

/** One convolution: x [n, h, w, ci] * filter [kh, kw, ci, co]. */
interface ConvCase {
  n: number;
  h: number;
  w: number;
  ci: number;
  co: number;
  kh: number;
  kw: number;
  stride: 1 | 2;
  pad: 'same' | 'valid';
}

const CASES: ConvCase[] = [
  { n: 1, h: 5, w: 5, ci: 1, co: 4, kh: 3, kw: 3, stride: 1, pad: 'same' },
  { n: 2, h: 8, w: 8, ci: 3, co: 8, kh: 3, kw: 3, stride: 2, pad: 'same' },
  { n: 3, h: 7, w: 9, ci: 8, co: 8, kh: 3, kw: 3, stride: 2, pad: 'valid' },
  { n: 4, h: 8, w: 8, ci: 16, co: 16, kh: 3, kw: 3, stride: 1, pad: 'same' },
  { n: 8, h: 6, w: 6, ci: 16, co: 3, kh: 3, kw: 3, stride: 1, pad: 'valid' },
  { n: 5, h: 9, w: 7, ci: 3, co: 16, kh: 3, kw: 3, stride: 2, pad: 'same' },
  // The last input row and column reach no output: the kernel crops them.
  { n: 2, h: 8, w: 8, ci: 8, co: 1, kh: 3, kw: 3, stride: 2, pad: 'valid' },
  { n: 6, h: 16, w: 16, ci: 3, co: 16, kh: 3, kw: 3, stride: 2, pad: 'same' },
  { n: 3, h: 6, w: 7, ci: 8, co: 4, kh: 1, kw: 3, stride: 1, pad: 'same' },
];

const name = (c: ConvCase): string => `x [${c.n}, ${c.h}, ${c.w}, ${c.ci}], filter ${c.kh}x${c.kw} to ${c.co}, stride ${c.stride}, ${c.pad}`;

/** The case's seeded inputs: x, the filter, and r, the output gradient (the loss is sum(conv2d(x, filter) * r)). */
function inputsOf(c: ConvCase, seed: number): { x: tf.Tensor4D; filter: tf.Tensor4D; r: tf.Tensor4D } {
  const y = tf.conv2d(tf.zeros<tf.Rank.R4>([c.n, c.h, c.w, c.ci]), tf.zeros<tf.Rank.R4>([c.kh, c.kw, c.ci, c.co]), c.stride, c.pad);
  const yShape = y.shape;
  y.dispose();
  return {
    x: tf.tensor4d(Float32Array.from(gaussian(c.n * c.h * c.w * c.ci, seed)), [c.n, c.h, c.w, c.ci]),
    filter: tf.tensor4d(Float32Array.from(gaussian(c.kh * c.kw * c.ci * c.co, seed + 1, 0.3)), [c.kh, c.kw, c.ci, c.co]),
    r: tf.tensor4d(Float32Array.from(gaussian(yShape.reduce((a, b) => a * b, 1), seed + 2)), yShape),
  };
}

/** conv2d's output and its gradients with respect to input and filter, on `backend`. */
async function outputAndGradients(backend: string, c: ConvCase, seed: number): Promise<Float32Array[]> {
  expect(await tf.setBackend(backend)).toBe(true);
  const { x, filter, r } = inputsOf(c, seed);
  const loss = (xi: tf.Tensor, fi: tf.Tensor): tf.Scalar => tf.sum(tf.mul(tf.conv2d(xi as tf.Tensor4D, fi as tf.Tensor4D, c.stride, c.pad), r));
  const y = tf.conv2d(x, filter, c.stride, c.pad);
  const [dx, dw] = tf.grads(loss)([x, filter]);
  const out = await Promise.all([y, dx!, dw!].map((t) => t.data() as Promise<Float32Array>));
  tf.dispose([x, filter, r, y, dx!, dw!]);
  return out;
}

describe('Conv2DBackpropFilter on wasm', () => {
  beforeAll(async () => {
    registerWasmKernels();
    await tf.ready();
  });

  it('is our kernel once registered', () => {
    expect(tf.getKernel(CONV2D_BACKPROP_FILTER, 'wasm')?.kernelFunc).toBe(conv2dBackpropFilterWasm);
  });

  CASES.forEach((c, i) => {
    it(`gives cpu's output and gradients for ${name(c)}`, async () => {
      const cpu = await outputAndGradients('cpu', c, 10 * i);
      const wasm = await outputAndGradients('wasm', c, 10 * i);
      expectSameOutputs(cpu, wasm, 2e-5);
    });
  });
});

describe('the wasm filter gradient kernel itself', () => {
  useBackend('wasm');
  beforeAll(() => {
    registerWasmKernels();
  });

  CASES.forEach((c, i) => {
    it(`matches the float64 reference and frees its temporaries: ${name(c)}`, async () => {
      const { x, filter, r } = inputsOf(c, 10 * i);
      const attrs = { strides: c.stride, pad: c.pad, dataFormat: 'NHWC', dimRoundingMode: undefined, filterShape: filter.shape };
      const before = { tensors: tf.memory().numTensors, data: tf.engine().backend.numDataIds() };
      const dw = tf.engine().runKernel<tf.Tensor4D>(CONV2D_BACKPROP_FILTER, { x, dy: r }, attrs as unknown as tf.NamedAttrMap);
      expect(dw.shape).toEqual(filter.shape);
      expect({ tensors: tf.memory().numTensors, data: tf.engine().backend.numDataIds() }).toEqual({ tensors: before.tensors + 1, data: before.data + 1 });
      const g = convGeometry(x.shape, filter.shape, { strides: c.stride, pad: c.pad })!;
      const reference = conv2dBackpropFilterReference(await x.data(), await r.data(), g);
      expect(maxRelDiff(await dw.data(), reference)).toBeLessThan(1e-5);
      tf.dispose([x, filter, r, dw]);
    });
  });

  it('refuses what it does not cover (NCHW) with a message that says so', () => {
    const x = tf.zeros([1, 2, 5, 5]);
    const dy = tf.zeros([1, 4, 5, 5]);
    const attrs = { strides: 1, pad: 'same', dataFormat: 'NCHW', filterShape: [3, 3, 2, 4] };
    expect(() => tf.engine().runKernel(CONV2D_BACKPROP_FILTER, { x, dy }, attrs as unknown as tf.NamedAttrMap)).toThrow(/NHWC/);
    tf.dispose([x, dy]);
  });
});
