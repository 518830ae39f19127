/**
 * Batch and layer normalisation against PyTorch (test/fixtures/batchnorm.json, written by
 * scripts/fixtures/batchnorm.py): training-mode outputs of two consecutive batches, the
 * running statistics they leave, the gradients, and an eval-mode pass.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import fixture from '../../test/fixtures/batchnorm.json';
import { applyNorm, normInit, RunningStats } from './normalization';

interface BatchNormCase {
  name: string;
  shape: number[];
  gamma: number[];
  beta: number[];
  x1: number[];
  y1: number[];
  x2: number[];
  y2: number[];
  w: number[];
  dx2: number[];
  dgamma: number[];
  dbeta: number[];
  running_mean: number[];
  running_var: number[];
  xe: number[];
  ye: number[];
}

/** float32 against float64: relative 1e-4 with an absolute floor. */
function expectCloseAll(actual: ArrayLike<number>, expected: readonly number[], what: string, abs = 1e-4): void {
  expect(actual.length, what).toBe(expected.length);
  expected.forEach((e, i) => expect(Math.abs(actual[i]! - e), `${what}[${i}]`).toBeLessThanOrEqual(abs + 1e-4 * Math.abs(e)));
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('batch normalisation against PyTorch', () => {
  for (const c of (fixture as { batchnorm: BatchNormCase[] }).batchnorm) {
    it(`${c.name} [${c.shape.join(', ')}]: train outputs, chained running statistics, gradients, eval output`, () => {
      const channels = c.shape[c.shape.length - 1]!;
      const vars = new Map<string, tf.Variable>();
      const stats = new RunningStats();
      const layer = normInit(vars, stats, 'bn', channels, 'batch')!;
      layer.gamma!.assign(tf.tensor1d(c.gamma));
      layer.beta!.assign(tf.tensor1d(c.beta));
      const before = tf.memory().numTensors;

      const y1 = tf.tidy(() => applyNorm(tf.tensor(c.x1, c.shape), layer, stats, true).dataSync());
      expectCloseAll(y1, c.y1, 'y1');
      // Nothing moves before the commit.
      expect(Array.from(layer.runningMean!.dataSync())).toEqual(new Array(channels).fill(0));

      const x2 = tf.tensor(c.x2, c.shape);
      const w = tf.tensor(c.w, c.shape);
      const y2 = tf.tidy(() => applyNorm(x2, layer, stats, true).dataSync());
      expectCloseAll(y2, c.y2, 'y2');
      stats.commit();
      expectCloseAll(layer.runningMean!.dataSync(), c.running_mean, 'running_mean');
      expectCloseAll(layer.runningVar!.dataSync(), c.running_var, 'running_var');

      // Gradients of sum(w * y2), through a throwaway statistics record (it is never committed).
      const scratch = new RunningStats();
      const weighted = (x: tf.Tensor): tf.Scalar => tf.sum(tf.mul(applyNorm(x, layer, scratch, true), w)) as tf.Scalar;
      const dx = tf.grad(weighted)(x2);
      const { value, grads } = tf.variableGrads(() => weighted(x2), [layer.gamma!, layer.beta!]);
      scratch.discard();
      expectCloseAll(dx.dataSync(), c.dx2, 'dx2');
      expectCloseAll(grads[layer.gamma!.name]!.dataSync(), c.dgamma, 'dgamma', 1e-3);
      expectCloseAll(grads[layer.beta!.name]!.dataSync(), c.dbeta, 'dbeta', 1e-3);
      tf.dispose([dx, value, ...Object.values(grads)]);

      const ye = tf.tidy(() => applyNorm(tf.tensor(c.xe, c.shape), layer, stats, false).dataSync());
      expectCloseAll(ye, c.ye, 'eval output');
      tf.dispose([x2, w]);
      expect(tf.memory().numTensors).toBe(before);
      for (const v of [...vars.values(), ...stats.buffers.values()]) v.dispose();
    });
  }

  it('drops a non-finite update and forgets a discarded step', () => {
    const vars = new Map<string, tf.Variable>();
    const stats = new RunningStats();
    const layer = normInit(vars, stats, 'bn', 2, 'batch')!;
    tf.tidy(() => applyNorm(tf.tensor2d([[1, Number.NaN], [3, 4]]), layer, stats, true));
    stats.commit();
    expect(Array.from(layer.runningMean!.dataSync())).toEqual([0, 0]);
    tf.tidy(() => applyNorm(tf.tensor2d([[1, 2], [3, 4]]), layer, stats, true));
    stats.discard();
    stats.commit();
    expect(Array.from(layer.runningMean!.dataSync())).toEqual([0, 0]);
    tf.tidy(() => applyNorm(tf.tensor2d([[1, 2], [3, 4]]), layer, stats, true));
    stats.commit();
    expectCloseAll(layer.runningMean!.dataSync(), [0.2, 0.3], 'after a good step');
  });
});

describe('layer normalisation against PyTorch', () => {
  it('normalises each sample over its features', () => {
    const { x, y, shape } = (fixture as { layernorm: { x: number[]; y: number[]; shape: number[] } }).layernorm;
    const layer = normInit(new Map(), new RunningStats(), 'ln', shape[1]!, 'layer')!;
    expect(layer.runningMean).toBeNull();
    const out = tf.tidy(() => applyNorm(tf.tensor(x, shape), layer, new RunningStats(), true).dataSync());
    expectCloseAll(out, y, 'layer norm');
  });

  it("'none' is the identity", () => {
    expect(normInit(new Map(), new RunningStats(), 'x', 3, 'none')).toBeNull();
    const x = tf.tensor2d([[1, 2]]);
    expect(applyNorm(x, null, new RunningStats(), true)).toBe(x);
    x.dispose();
  });
});
