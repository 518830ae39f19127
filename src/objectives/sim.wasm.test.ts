/**
 * ρSIM must train on every backend, not only the plain-JS CPU one: run the block loss
 * and its gradients on WASM (the only other backend in Node) and compare with CPU.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { expectSameOutputs } from '../../test/support/expectSameOutputs';
import { Rng } from '../util/rng';
import { simBlockLoss } from './sim/blockLoss';
import { createSimHeads } from './sim/heads';

async function lossAndGrads(backend: string): Promise<Float32Array[]> {
  expect(await tf.setBackend(backend)).toBe(true);
  await tf.ready();
  const { heads, variables } = createSimHeads(3, 5, new Rng(21));
  const x = tf.tensor4d(new Float32Array(2 * 4 * 4 * 3).map((_, i) => Math.sin(i * 0.37)), [2, 4, 4, 3]);
  const mix = tf.tensor2d(new Float32Array(3 * 5).map((_, i) => Math.cos(i)), [3, 5]);
  const block = (xi: tf.Tensor): tf.Tensor => tf.tanh(tf.reshape(tf.matMul(tf.reshape(xi, [32, 3]), mix), [2, 4, 4, 5]));
  const ids = [1, 4, 9, 15, 7];
  const f = (xi: tf.Tensor, pw: tf.Tensor): tf.Scalar => simBlockLoss(xi, block(xi), { ...heads, pred: { w: pw as tf.Tensor2D, b: heads.pred.b } }, ids, 1).loss;
  const loss = f(x, heads.pred.w);
  const [gx, gw] = tf.grads(f)([x, heads.pred.w]);
  const out = await Promise.all([loss, gx!, gw!].map((t) => t.data() as Promise<Float32Array>));
  tf.dispose([x, mix, loss, gx!, gw!, ...variables]);
  return out;
}

describe('simBlockLoss across backends', () => {
  it('gives the same loss and gradients on cpu and wasm', async () => {
    const cpu = await lossAndGrads('cpu');
    const wasm = await lossAndGrads('wasm');
    expect(cpu[0]![0]!).toBeGreaterThan(0);
    expectSameOutputs(cpu, wasm, 1e-3);
  });
});
