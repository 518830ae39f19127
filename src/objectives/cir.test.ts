import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Model } from '../models/model';
import { defaultValues } from '../params';
import { Rng } from '../util/rng';
import { cirDistances, cirPerturb, cirTerm, drawCirPerturbation, updateClassMeans } from './cir';
import type { StepContext } from './term';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function expectClose(actual: number[][], expected: number[][], tol = 1e-6): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - expected[i]![j]!)).toBeLessThan(tol)));
}

describe('cirPerturb (draws given)', () => {
  const means = [[1, 0], [0, 1], [5, 5]];

  it('moves masked rows towards the mean of the other seen classes', () => {
    tf.tidy(() => {
      const f = tf.tensor2d([[0, 0], [2, 2], [1, 1], [3, 3]]);
      const labels = tf.tensor1d([0, 1, 2, 0], 'int32');
      const out = cirPerturb(f, labels, tf.tensor2d(means), tf.tensor1d([1, 1, 0]), tf.tensor1d([1, 1, 1, 0]), tf.tensor1d([0.5, 0.25, 1, 0.9]));
      expectClose(out.arraySync(), [
        [0, 0.5], // label 0 -> class 1 mean [0, 1], half way
        [1.75, 1.5], // label 1 -> class 0 mean [1, 0], a quarter
        [0.5, 0.5], // own class unseen -> mean of classes 0 and 1, all the way (class 2 unseen, skipped)
        [3, 3], // mask 0: unchanged
      ]);
    });
  });

  it('does not move a row whose class is the only one seen', () => {
    tf.tidy(() => {
      const f = tf.tensor2d([[2, 3], [4, 4]]);
      const out = cirPerturb(f, tf.tensor1d([0, 1], 'int32'), tf.tensor2d(means), tf.tensor1d([1, 0, 0]), tf.tensor1d([1, 1]), tf.tensor1d([0.5, 0.5]));
      // Row 0: no negative seen class -> unchanged. Row 1: class 0 is a seen negative -> half way to [1, 0].
      expectClose(out.arraySync(), [[2, 3], [2.5, 2]]);
    });
  });

  it('stops the gradient through the negative mean: d f\'/d f = 1 - m a', () => {
    tf.tidy(() => {
      const f = tf.tensor2d([[0, 0], [2, 2], [3, 3]]);
      const labels = tf.tensor1d([0, 1, 0], 'int32');
      const g = tf.grad((x: tf.Tensor) => tf.sum(cirPerturb(x as tf.Tensor2D, labels, tf.tensor2d(means), tf.tensor1d([1, 1, 0]), tf.tensor1d([1, 1, 0]), tf.tensor1d([0.5, 0.25, 0.9]))))(f);
      expectClose(g.arraySync() as number[][], [[0.5, 0.5], [0.75, 0.75], [1, 1]]);
    });
  });
});

describe('drawCirPerturbation', () => {
  it('draws Bernoulli(p) masks and U(0, alpha_max) steps, reproducibly', () => {
    const n = 4000;
    const a = drawCirPerturbation(n, 0.3, 0.2, new Rng(4));
    const b = drawCirPerturbation(n, 0.3, 0.2, new Rng(4));
    expect(Array.from(a.mask)).toEqual(Array.from(b.mask));
    const maskMean = a.mask.reduce((s, v) => s + v, 0) / n;
    expect(Math.abs(maskMean - 0.3)).toBeLessThan(0.03);
    expect(a.mask.every((v) => v === 0 || v === 1)).toBe(true);
    expect(a.steps.every((v) => v >= 0 && v < 0.2)).toBe(true);
    expect(Math.abs(a.steps.reduce((s, v) => s + v, 0) / n - 0.1)).toBeLessThan(0.005);
    expect(drawCirPerturbation(50, 0, 0.3, new Rng(1)).mask.every((v) => v === 0)).toBe(true);
  });
});

describe('updateClassMeans', () => {
  it('sets a class mean on first sighting, then follows the EMA; absent classes stay', () => {
    tf.tidy(() => {
      const first = updateClassMeans(tf.tensor2d([[1, 1], [3, 1], [4, 4]]), tf.tensor1d([0, 0, 2], 'int32'), tf.zeros([3, 2]), tf.zeros([3]), 0.9);
      expectClose(first.means.arraySync(), [[2, 1], [0, 0], [4, 4]]);
      expect(first.seen.arraySync()).toEqual([1, 0, 1]);
      const second = updateClassMeans(tf.tensor2d([[12, 11], [7, 7]]), tf.tensor1d([0, 1], 'int32'), first.means, first.seen, 0.9);
      expectClose(second.means.arraySync(), [[3, 2], [7, 7], [4, 4]], 1e-5);
      expect(second.seen.arraySync()).toEqual([1, 1, 1]);
    });
  });
});

describe('cirDistances', () => {
  it('averages distances over rows with a seen own class / a seen negative', () => {
    tf.tidy(() => {
      const means = tf.tensor2d([[0, 0], [3, 4], [9, 9]]);
      const seen = tf.tensor1d([1, 1, 0]);
      const f = tf.tensor2d([[3, 4], [3, 0], [0, 0]]);
      const { ownDist, negDist } = cirDistances(f, tf.tensor1d([0, 1, 2], 'int32'), means, seen);
      // own: row0 |[3,4]-[0,0]| = 5, row1 |[3,0]-[3,4]| = 4, row2 unseen -> (5 + 4) / 2.
      expect(ownDist.dataSync()[0]).toBeCloseTo(4.5, 5);
      // neg: row0 -> [3,4]: 0; row1 -> [0,0]: 3; row2 -> mean([0,0],[3,4]) = [1.5,2]: 2.5 -> 5.5 / 3.
      expect(negDist.dataSync()[0]).toBeCloseTo(5.5 / 3, 5);
    });
  });
});

describe('cirTerm', () => {
  function context(features: tf.Tensor2D, labels: tf.Tensor1D): StepContext {
    const view = { features, z: features, blocks: [] };
    return {
      x1: features, x2: features, labels, classes: 3, view1: view, view2: view, taskFeatures1: features,
      model: {} as Model, rng: new Rng(1), step: 0, dataMean: [], basePredictionHead: null,
    };
  }

  it('learns class means over steps, perturbs towards them, adds no loss and leaks nothing', () => {
    const params = defaultValues(cirTerm.spec.params);
    const state = cirTerm.createState!({ model: {} as Model, blocks: [], embedDim: 2, featureDim: 2, classes: 3, seed: 1, cloneModel: () => ({}) as Model });
    const labels = tf.tensor1d([0, 1, 2, 0, 1, 2], 'int32');
    const features = tf.tensor2d([[1, 0], [0, 1], [-1, -1], [1, 0.2], [0.2, 1], [-1, -0.8]]);
    const counts: number[] = [];
    for (let step = 0; step < 4; step++) {
      tf.tidy(() => {
        const out = cirTerm.compute(context(features, labels), params, state);
        expect(out.loss.dataSync()[0]).toBe(0);
        expect(Object.keys(out.diagnostics ?? {}).sort()).toEqual(['negDist', 'ownDist']);
        cirTerm.afterStep!(state, context(features, labels), params);
      });
      counts.push(tf.memory().numTensors);
    }
    expect(new Set(counts).size).toBe(1);
    // Constant batches: every class mean equals its batch mean from the first sighting on.
    expectClose(state.means.arraySync(), [[1, 0.1], [0.1, 1], [-1, -0.9]], 1e-5);
    expect(state.seen.arraySync()).toEqual([1, 1, 1]);
    tf.tidy(() => {
      const rng = new Rng(7);
      const { mask, steps } = drawCirPerturbation(6, 0.5, 0.3, new Rng(7));
      const perturbed = cirTerm.perturbFeatures!(features, labels, params, state, rng).arraySync();
      const f = features.arraySync();
      const m = state.means.arraySync();
      const y = [0, 1, 2, 0, 1, 2];
      perturbed.forEach((row, i) => {
        const others = [0, 1, 2].filter((c) => c !== y[i]);
        row.forEach((v, j) => {
          const neg = others.reduce((s, c) => s + m[c]![j]!, 0) / others.length;
          const expected = f[i]![j]! + mask[i]! * steps[i]! * (neg - f[i]![j]!);
          expect(Math.abs(v - expected)).toBeLessThan(1e-5);
        });
      });
      // With p = 0.5 some rows move and some don't for this seed.
      expect(mask.some((v) => v === 1) && mask.some((v) => v === 0)).toBe(true);
      // Own class closer than the negative mean on these separated clusters.
      const out = cirTerm.compute(context(features, labels), params, state);
      expect(out.diagnostics!['ownDist']!.value.dataSync()[0]!).toBeLessThan(out.diagnostics!['negDist']!.value.dataSync()[0]!);
    });
    const before = tf.memory().numTensors;
    state.dispose();
    expect(tf.memory().numTensors).toBe(before - 2);
    tf.dispose([labels, features]);
  });
});
