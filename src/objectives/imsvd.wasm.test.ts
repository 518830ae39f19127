/**
 * IMSVD must train on every backend, not only the plain-JS CPU one: run the loss and
 * its gradients on WASM (the only other backend in Node) and compare with CPU.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { expectSameOutputs } from '../../test/support/expectSameOutputs';
import { softCodeHealth } from '../metrics/softCodeHealth';
import { imsvdLoss } from './imsvd/imsvdLoss';

async function lossAndGrads(backend: string): Promise<Float32Array[]> {
  expect(await tf.setBackend(backend)).toBe(true);
  await tf.ready();
  const z1 = tf.tensor2d(new Float32Array(24 * 10).map((_, i) => 2 * Math.sin(i * 0.71)), [24, 10]);
  const z2 = tf.tensor2d(new Float32Array(24 * 10).map((_, i) => 2 * Math.cos(i * 0.53)), [24, 10]);
  const opts = { binSize: 3, t: 0.7, cDia: 1, cOff: 1, cTi: 1 };
  const f = (a: tf.Tensor, b: tf.Tensor): tf.Scalar => imsvdLoss(a as tf.Tensor2D, b as tf.Tensor2D, opts).loss;
  const loss = f(z1, z2);
  const [g1, g2] = tf.grads(f)([z1, z2]);
  // The chart's soft-code health of view 1's codes.
  const health = tf.tidy(() => softCodeHealth(imsvdLoss(z1, z2, opts).assignment));
  const outputs = [loss, g1!, g2!, health.entropy, health.mutualInformation];
  const out = await Promise.all(outputs.map((t) => t.data() as Promise<Float32Array>));
  tf.dispose([z1, z2, ...outputs]);
  return out;
}

describe('imsvdLoss across backends', () => {
  it('gives the same loss, gradients and soft-code health on cpu and wasm', async () => {
    const cpu = await lossAndGrads('cpu');
    const wasm = await lossAndGrads('wasm');
    expectSameOutputs(cpu, wasm, 1e-3);
  });
});
