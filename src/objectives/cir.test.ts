import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Model } from '../models/model';
import { defaultValues } from '../params';
import { Rng } from '../util/rng';
import { CIR_PARAMS, cirDistances, cirPerturb, cirTerm, drawCirPerturbation, drawNegativePicks, negativeWeights, updateClassMeans, type CirNegative } from './cir';
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

describe('negativeWeights', () => {
  // Four classes in 2-D; class 2 not seen yet.
  const means = [[0, 0], [4, 0], [9, 9], [0, 3]];
  const seen = [1, 1, 0, 1];

  it('mean: uniform over the seen other classes', () => {
    tf.tidy(() => {
      const { weights, has } = negativeWeights(tf.zeros([3, 2]), tf.tensor1d([0, 2, 1], 'int32'), tf.tensor2d(means), tf.tensor1d(seen), { kind: 'mean' });
      expectClose(weights.arraySync(), [[0, 0.5, 0, 0.5], [1 / 3, 1 / 3, 0, 1 / 3], [0.5, 0, 0, 0.5]]);
      expect(has.arraySync()).toEqual([1, 1, 1]);
    });
  });

  it('random: the floor(u * count)-th seen other class, the last one for u = 1', () => {
    tf.tidy(() => {
      // Label 0: others {1, 3}; label 2 (unseen itself): others {0, 1, 3}.
      const labels = tf.tensor1d([0, 0, 0, 2, 2], 'int32');
      const draws = tf.tensor1d([0.2, 0.7, 1, 0.5, 0.1]);
      const { weights, has } = negativeWeights(tf.zeros([5, 2]), labels, tf.tensor2d(means), tf.tensor1d(seen), { kind: 'random', draws });
      expectClose(weights.arraySync(), [[0, 1, 0, 0], [0, 0, 0, 1], [0, 0, 0, 1], [0, 1, 0, 0], [1, 0, 0, 0]]);
      expect(has.arraySync()).toEqual([1, 1, 1, 1, 1]);
    });
  });

  it('nearest: the seen other class mean closest to the feature', () => {
    tf.tidy(() => {
      // Row 0 (label 0) at [3, 0]: own class 0 is not a candidate, 1 at distance 1 wins over 3 at sqrt(18).
      // Row 1 (label 1) at [8, 8]: unseen class 2 would be nearest but is skipped; 1 is own: 3 at sqrt(89) beats 0 at sqrt(128).
      // Row 2 (label 3) at [0, 2.9]: nearest other is 0 at 2.9 (4 at sqrt(24.41)).
      const f = tf.tensor2d([[3, 0], [8, 8], [0, 2.9]]);
      const { weights } = negativeWeights(f, tf.tensor1d([0, 1, 3], 'int32'), tf.tensor2d(means), tf.tensor1d(seen), { kind: 'nearest' });
      expectClose(weights.arraySync(), [[0, 1, 0, 0], [0, 0, 0, 1], [1, 0, 0, 0]]);
    });
  });

  it('gives a zero row and has = 0 when no other class is seen, under every rule', () => {
    tf.tidy(() => {
      const rules = [{ kind: 'mean' }, { kind: 'nearest' }, { kind: 'random', draws: tf.tensor1d([0.5]) }] as const;
      for (const rule of rules) {
        const { weights, has } = negativeWeights(tf.tensor2d([[1, 1]]), tf.tensor1d([0], 'int32'), tf.tensor2d(means), tf.tensor1d([1, 0, 0, 0]), rule);
        expectClose(weights.arraySync(), [[0, 0, 0, 0]]);
        expect(has.arraySync()).toEqual([0]);
      }
    });
  });
});

describe('cirPerturb with the random and nearest rules', () => {
  it('moves towards the chosen class mean, with d f\'/d f = 1 - m a (no gradient through the choice)', () => {
    tf.tidy(() => {
      const means = tf.tensor2d([[0, 0], [4, 0], [0, 4]]);
      const seen = tf.tensor1d([1, 1, 1]);
      const labels = tf.tensor1d([0, 0], 'int32');
      const f = tf.tensor2d([[3, 1], [1, 3]]);
      const mask = tf.tensor1d([1, 1]);
      const steps = tf.tensor1d([0.5, 0.25]);
      // Nearest: row 0 -> class 1 [4, 0], half way; row 1 -> class 2 [0, 4], a quarter.
      const nearest = cirPerturb(f, labels, means, seen, mask, steps, { kind: 'nearest' });
      expectClose(nearest.arraySync(), [[3.5, 0.5], [0.75, 3.25]]);
      // Random: draws 0.9 and 0.1 pick the second (class 2) and the first (class 1) other class.
      const draws = tf.tensor1d([0.9, 0.1]);
      const random = cirPerturb(f, labels, means, seen, mask, steps, { kind: 'random', draws });
      expectClose(random.arraySync(), [[1.5, 2.5], [1.75, 2.25]]);
      for (const rule of [{ kind: 'nearest' }, { kind: 'random', draws }] as const) {
        const g = tf.grad((x: tf.Tensor) => tf.sum(cirPerturb(x as tf.Tensor2D, labels, means, seen, mask, steps, rule)))(f);
        expectClose(g.arraySync() as number[][], [[0.5, 0.5], [0.75, 0.75]]);
      }
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

describe('cirDistances under each negative rule', () => {
  it('reports the distance to the mean of the others, the expected one to a random other, or to the nearest; and the margin', () => {
    tf.tidy(() => {
      const means = tf.tensor2d([[0, 0], [3, 4], [6, 8]]);
      const seen = tf.tensor1d([1, 1, 1]);
      // One row of class 0 at the origin: own distance 0; others at 5 and 10, their mean [4.5, 6] at 7.5.
      const f = tf.tensor2d([[0, 0]]);
      const labels = tf.tensor1d([0], 'int32');
      const want: Record<CirNegative, number> = { mean: 7.5, random: 7.5, nearest: 5 };
      for (const negative of ['mean', 'random', 'nearest'] as const) {
        const { ownDist, negDist, margin } = cirDistances(f, labels, means, seen, negative);
        expect(ownDist.dataSync()[0]).toBeCloseTo(0, 5);
        expect(negDist.dataSync()[0]).toBeCloseTo(want[negative], 5);
        expect(margin.dataSync()[0]).toBeCloseTo(want[negative], 5);
      }
      // Off the line, averaging distances (random) differs from the distance to the average (mean).
      const g = tf.tensor2d([[3, 0]]);
      const random = cirDistances(g, labels, means, seen, 'random');
      const mean = cirDistances(g, labels, means, seen, 'mean');
      expect(random.negDist.dataSync()[0]).toBeCloseTo((4 + Math.hypot(3, 8)) / 2, 5);
      expect(mean.negDist.dataSync()[0]).toBeCloseTo(Math.hypot(1.5, 6), 5);
      expect(random.margin.dataSync()[0]).toBeCloseTo((4 + Math.hypot(3, 8)) / 2 - 3, 5);
    });
  });
});

describe('cirTerm', () => {
  /** A fake linear classifier: logits of [a, b] are [a, b, a + b]. */
  const classify = (f: tf.Tensor2D): tf.Tensor2D => tf.matMul(f, tf.tensor2d([[1, 0, 1], [0, 1, 1]]));
  const model = { classify } as unknown as Model;

  function context(features: tf.Tensor2D, labels: tf.Tensor1D): StepContext {
    const view = { features, z: features, blocks: [] };
    return {
      x1: features, x2: features, labels, classes: 3, view1: view, view2: view, taskFeatures1: features, taskLogits1: classify(features),
      model, rng: new Rng(1), step: 0, dataMean: [], basePredictionHead: null,
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
        expect(Object.keys(out.diagnostics ?? {}).sort()).toEqual(['margin', 'negDist', 'ownDist']);
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
    expect(tf.memory().numTensors).toBe(before - 3);
    tf.dispose([labels, features]);
  });

  it('declares the negative rule knob with today\'s rule as default', () => {
    expect(defaultValues(cirTerm.spec.params)).toEqual({ p: 0.5, alpha_max: 0.3, momentum: 0.9, attach: 'features', negative: 'mean', perturb: true });
    expect(CIR_PARAMS.attach.options.map((o) => o.value)).toEqual(['features', 'logits']);
    expect(CIR_PARAMS.negative.options.map((o) => o.value)).toEqual(['mean', 'random', 'nearest']);
  });

  it('with perturb off (the control) moves nothing but still tracks the class means for its chart', () => {
    const state = cirTerm.createState!({ model: {} as Model, blocks: [], embedDim: 2, featureDim: 2, classes: 3, seed: 1, cloneModel: () => ({}) as Model });
    const labels = tf.tensor1d([0, 1, 2, 0, 1, 2], 'int32');
    const features = tf.tensor2d([[1, 0], [0, 1], [-1, -1], [1, 0.2], [0.2, 1], [-1, -0.8]]);
    const params = { ...defaultValues(cirTerm.spec.params), p: 1, alpha_max: 1, perturb: false };
    const model = { classify: (f: tf.Tensor2D) => tf.concat([f, tf.zeros([f.shape[0], 1])], 1) } as unknown as Model;
    const ctx = { view1: { features, z: features, blocks: [] }, labels, model } as unknown as StepContext;
    cirTerm.afterStep!(state, ctx, params);
    expect(cirTerm.perturbFeatures!(features, labels, params, state, new Rng(1))).toBe(features);
    const logits = tf.tensor2d([[1, 2, 3], [3, 2, 1], [0, 0, 0], [1, 1, 1], [2, 2, 2], [3, 3, 3]]);
    expect(cirTerm.perturbLogits!(logits, labels, { ...params, attach: 'logits' }, state, new Rng(1))).toBe(logits);
    expect(Array.from(state.seen.dataSync())).toEqual([1, 1, 1]);
    tf.dispose([labels, features, logits]);
    state.dispose();
  });

  it('perturbs with the chosen rule from the step rng (random draws after the mask and steps) and reports it', () => {
    const state = cirTerm.createState!({ model: {} as Model, blocks: [], embedDim: 2, featureDim: 2, classes: 3, seed: 1, cloneModel: () => ({}) as Model });
    const labels = tf.tensor1d([0, 1, 2, 0, 1, 2], 'int32');
    const features = tf.tensor2d([[1, 0], [0, 1], [-1, -1], [1, 0.2], [0.2, 1], [-1, -0.8]]);
    const base = defaultValues(cirTerm.spec.params);
    tf.tidy(() => cirTerm.afterStep!(state, context(features, labels), base));
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      for (const negative of ['random', 'nearest'] as const) {
        const params = { ...base, p: 1, negative };
        const got = cirTerm.perturbFeatures!(features, labels, params, state, new Rng(3));
        const replay = new Rng(3);
        const { mask, steps } = drawCirPerturbation(6, 1, params.alpha_max, replay);
        const rule = negative === 'random' ? { kind: 'random' as const, draws: tf.tensor1d(drawNegativePicks(6, replay)) } : { kind: 'nearest' as const };
        const want = cirPerturb(features, labels, state.means, state.seen, tf.tensor1d(mask), tf.tensor1d(steps), rule);
        expectClose(got.arraySync(), want.arraySync());
        // Not the default rule's result.
        const meanRule = cirPerturb(features, labels, state.means, state.seen, tf.tensor1d(mask), tf.tensor1d(steps));
        expect(tf.max(tf.abs(tf.sub(got, meanRule))).dataSync()[0]).toBeGreaterThan(1e-3);
        const out = cirTerm.compute(context(features, labels), params, state);
        const direct = cirDistances(features, labels, state.means, state.seen, negative);
        expect(out.diagnostics!['negDist']!.value.dataSync()[0]).toBeCloseTo(direct.negDist.dataSync()[0]!, 6);
        expect(out.diagnostics!['margin']!.value.dataSync()[0]).toBeCloseTo(direct.margin.dataSync()[0]!, 6);
      }
    });
    expect(tf.memory().numTensors).toBe(before);
    state.dispose();
    tf.dispose([labels, features]);
  });

  it('attached to the logits: moves the logits towards the negative classes\' mean logits and leaves the features alone', () => {
    const state = cirTerm.createState!({ model: {} as Model, blocks: [], embedDim: 2, featureDim: 2, classes: 3, seed: 1, cloneModel: () => ({}) as Model });
    const labels = tf.tensor1d([0, 1, 2, 0, 1, 2], 'int32');
    const features = tf.tensor2d([[1, 0], [0, 1], [-1, -1], [1, 0.2], [0.2, 1], [-1, -0.8]]);
    const params = { ...defaultValues(cirTerm.spec.params), p: 1, attach: 'logits' as const };
    // Both memories follow the batch whichever attach point is chosen.
    tf.tidy(() => cirTerm.afterStep!(state, context(features, labels), defaultValues(cirTerm.spec.params)));
    expectClose(state.means.arraySync(), [[1, 0.1], [0.1, 1], [-1, -0.9]], 1e-6);
    expectClose(state.logitMeans.arraySync(), [[1, 0.1, 1.1], [0.1, 1, 1.1], [-1, -0.9, -1.9]], 1e-6);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const rng = new Rng(3);
      expect(cirTerm.perturbFeatures!(features, labels, params, state, rng)).toBe(features);
      const logits = classify(features);
      const got = cirTerm.perturbLogits!(logits, labels, params, state, rng);
      // The features hook drew nothing: the logits hook's draws are the stream's first.
      const { mask, steps } = drawCirPerturbation(6, 1, params.alpha_max, new Rng(3));
      const y = [0, 1, 2, 0, 1, 2];
      const m = state.logitMeans.arraySync();
      const l = logits.arraySync();
      got.arraySync().forEach((row, i) => {
        const others = [0, 1, 2].filter((c) => c !== y[i]);
        row.forEach((v, j) => {
          const neg = others.reduce((s, c) => s + m[c]![j]!, 0) / others.length;
          expect(Math.abs(v - (l[i]![j]! + mask[i]! * steps[i]! * (neg - l[i]![j]!)))).toBeLessThan(1e-5);
        });
      });
      // Attached to the features, the logits hook is the identity and draws nothing.
      const featureParams = { ...params, attach: 'features' as const };
      const untouched = new Rng(3);
      expect(cirTerm.perturbLogits!(logits, labels, featureParams, state, untouched)).toBe(logits);
      expect(untouched.next()).toBe(new Rng(3).next());
      // The chart measures in the attach space: distances of the logits to the logit means.
      const out = cirTerm.compute(context(features, labels), params, state);
      const direct = cirDistances(logits, labels, state.logitMeans, state.seen, 'mean');
      expect(out.diagnostics!['ownDist']!.value.dataSync()[0]).toBeCloseTo(direct.ownDist.dataSync()[0]!, 6);
      expect(out.diagnostics!['negDist']!.value.dataSync()[0]).toBeCloseTo(direct.negDist.dataSync()[0]!, 6);
      const inFeatures = cirDistances(features, labels, state.means, state.seen, 'mean');
      expect(Math.abs(direct.negDist.dataSync()[0]! - inFeatures.negDist.dataSync()[0]!)).toBeGreaterThan(1e-3);
    });
    expect(tf.memory().numTensors).toBe(before);
    state.dispose();
    tf.dispose([labels, features]);
  });
});
