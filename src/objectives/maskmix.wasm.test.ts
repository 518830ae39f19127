/**
 * Masking + mixing must train on every backend, not only the plain-JS CPU one: its
 * gradients once needed a kernel WASM lacks (UnsortedSegmentSum, from tf.gather). Run
 * the mixing loss and its gradients on WASM and compare with CPU, then whole training
 * steps with the method on.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { expectSameOutputs } from '../../test/support/expectSameOutputs';
import { DEFAULT_CONFIG, type RunConfig } from '../config';
import { DATASETS } from '../data/registry';
import { Trainer } from '../trainer';
import { resolveValues } from '../params';
import { maskmixTerm, mixDistance, mixFeatures } from './maskmix';

async function lossAndGrads(backend: string): Promise<Float32Array[]> {
  expect(await tf.setBackend(backend)).toBe(true);
  await tf.ready();
  const z1 = tf.tensor2d(new Float32Array(12 * 6).map((_, i) => Math.sin(i * 0.71)), [12, 6]);
  const z2 = tf.tensor2d(new Float32Array(12 * 6).map((_, i) => Math.cos(i * 0.53)), [12, 6]);
  const perm = tf.tensor1d([3, 0, 1, 2, 5, 4, 7, 6, 11, 8, 9, 10], 'int32');
  const lam = tf.tensor1d(new Float32Array(12).map((_, i) => (i + 1) / 13));
  const f = (a: tf.Tensor, b: tf.Tensor): tf.Scalar => {
    const { zMix, tMix } = mixFeatures(a as tf.Tensor2D, b as tf.Tensor2D, perm, lam);
    return mixDistance(tf.tanh(zMix), tMix, 'cosine');
  };
  const loss = f(z1, z2);
  const [g1] = tf.grads(f)([z1, z2]);
  const out = await Promise.all([loss, g1!].map((t) => t.data() as Promise<Float32Array>));
  tf.dispose([z1, z2, perm, lam, loss, g1!]);
  return out;
}

describe('masking + mixing across backends', () => {
  it('gives the same mixing loss and gradients on cpu and wasm', async () => {
    const cpu = await lossAndGrads('cpu');
    const wasm = await lossAndGrads('wasm');
    expectSameOutputs(cpu, wasm, 1e-4);
  });

  /** Three steps of a small SSL run with masking + mixing on WASM, with the given knobs. */
  async function trainsOnWasm(params: RunConfig['params']): Promise<void> {
    expect(await tf.setBackend('wasm')).toBe(true);
    // The knobs must be real ones with valid values, or the trainer would quietly use the defaults.
    expect(resolveValues(maskmixTerm.spec.params, params.maskmix, 'maskmix').errors).toEqual([]);
    const config: RunConfig = { ...DEFAULT_CONFIG, dataset: 'shapes', model: 'mlp', width: 16, depth: 1, embedDim: 8, batchSize: 16, task: 'ssl', objective: 'simsiam', methods: ['maskmix'], params, backend: 'wasm' };
    const dataset = await DATASETS.shapes!.load(config.seed, async () => new Uint8Array());
    const trainer = new Trainer(config, dataset);
    trainer.trainStep(false);
    const before = tf.memory().numTensors;
    trainer.trainStep(false);
    expect(tf.memory().numTensors).toBe(before);
    const rec = trainer.trainStep(true)!;
    const maskmix = (await rec.losses.maskmix!.data())[0]!;
    const total = (await rec.losses.total!.data())[0]!;
    expect(Number.isFinite(maskmix)).toBe(true);
    expect(Number.isFinite(total)).toBe(true);
    tf.dispose([...Object.values(rec.losses), rec.z1, rec.z2, rec.skippedSteps, ...Object.values(rec.diagnostics).flatMap((d) => Object.values(d))]);
    trainer.dispose();
  }

  it('trains with the method on, on wasm, with finite losses and no leaked tensors', async () => {
    await trainsOnWasm({});
  });

  it('trains on wasm with both views masked by noise and symmetric mixing', async () => {
    await trainsOnWasm({ maskmix: { maskedView: 'both', fill: 'noise', mixing: 'symmetric' } });
  });
});
