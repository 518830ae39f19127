import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Model } from '../models/model';
import { defaultValues } from '../params';
import { Rng } from '../util/rng';
import { PREVIEW_IMAGES, drawKeepMask, maskFill, maskPatches, maskmixTerm, mixDistance, mixFeatures, mixHead, mixingDistance, sampleBeta } from './maskmix';
import type { StepContext } from './term';
import { simsiamTerm } from './simsiam';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function expectClose(actual: number[], expected: number[], tol = 1e-6): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((v, i) => expect(Math.abs(v - expected[i]!)).toBeLessThan(tol));
}

describe('maskPatches (mask given)', () => {
  it('replaces masked 2x2 patches by the per-channel mean', () => {
    tf.tidy(() => {
      // 1 x 4 x 4 x 2: channel 0 = pixel index, channel 1 = 10 + pixel index.
      const values: number[] = [];
      for (let p = 0; p < 16; p++) values.push(p, 10 + p);
      const x = tf.tensor4d(values, [1, 4, 4, 2]);
      const out = maskPatches(x, tf.tensor3d([[[1, 0], [0, 1]]]), [0.5, -1], 2);
      const ch0 = Array.from(tf.slice(out, [0, 0, 0, 0], [1, 4, 4, 1]).dataSync());
      const ch1 = Array.from(tf.slice(out, [0, 0, 0, 1], [1, 4, 4, 1]).dataSync());
      expectClose(ch0, [
        0, 1, 0.5, 0.5,
        4, 5, 0.5, 0.5,
        0.5, 0.5, 10, 11,
        0.5, 0.5, 14, 15,
      ]);
      expectClose(ch1, [
        10, 11, -1, -1,
        14, 15, -1, -1,
        -1, -1, 20, 21,
        -1, -1, 24, 25,
      ]);
    });
  });

  it('clips edge patches to the image', () => {
    tf.tidy(() => {
      const x = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]);
      const out = maskPatches(x, tf.tensor3d([[[1, 1], [1, 0]]]), [0], 2);
      expectClose(Array.from(out.dataSync()), [1, 2, 3, 4, 5, 6, 7, 8, 0]);
    });
  });

  it('fills masked pixels from a fill tensor (per-pixel noise) where given one', () => {
    tf.tidy(() => {
      const x = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8], [2, 2, 2, 1]);
      const noise = tf.tensor4d([-1, -2, -3, -4, -5, -6, -7, -8], [2, 2, 2, 1]);
      // Patch 1: image 0 keeps its one patch, image 1 masks it.
      const out = maskPatches(x, tf.tensor3d([[[1]], [[0]]]), noise, 2);
      expectClose(Array.from(out.dataSync()), [1, 2, 3, 4, -5, -6, -7, -8]);
    });
  });

  it('refuses a mean with the wrong number of channels', () => {
    tf.tidy(() => {
      expect(() => maskPatches(tf.zeros([1, 2, 2, 3]) as tf.Tensor4D, tf.ones([1, 1, 1]) as tf.Tensor3D, [0.5], 2)).toThrow(/channels/);
    });
  });
});

describe('maskFill', () => {
  it('is the dataset mean, zeros, or seeded uniform noise of the images\' shape', () => {
    tf.tidy(() => {
      const rng = new Rng(3);
      expect(maskFill('mean', [2, 4, 4, 3], [0.1, 0.2, 0.3], rng)).toEqual([0.1, 0.2, 0.3]);
      expect(maskFill('zero', [2, 4, 4, 3], [0.1, 0.2, 0.3], rng)).toEqual([0, 0, 0]);
      // Neither drew from the stream: the noise seed is the stream's first draw.
      const noise = maskFill('noise', [20, 8, 8, 3], [0.1, 0.2, 0.3], rng) as tf.Tensor;
      expect(noise.shape).toEqual([20, 8, 8, 3]);
      const values = Array.from(noise.dataSync());
      expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
      expect(Math.abs(values.reduce((a, b) => a + b, 0) / values.length - 0.5)).toBeLessThan(0.02);
      const replay = tf.randomUniform([20, 8, 8, 3], 0, 1, 'float32', new Rng(3).tfSeed());
      expect(Array.from(replay.dataSync())).toEqual(values);
      // Per pixel and channel: neighbouring values differ.
      expect(values[0]).not.toBe(values[1]);
    });
  });
});

describe('drawKeepMask', () => {
  it('masks each patch with probability r on a ceil(H/P) x ceil(W/P) grid, reproducibly', () => {
    const a = drawKeepMask(50, 28, 30, 4, 0.3, new Rng(2));
    expect(a.shape).toEqual([50, 7, 8]);
    expect(Array.from(drawKeepMask(50, 28, 30, 4, 0.3, new Rng(2)).values)).toEqual(Array.from(a.values));
    const maskedShare = 1 - a.values.reduce((s, v) => s + v, 0) / a.values.length;
    expect(Math.abs(maskedShare - 0.3)).toBeLessThan(0.03);
    expect(drawKeepMask(4, 8, 8, 4, 0, new Rng(1)).values.every((v) => v === 1)).toBe(true);
  });
});

describe('mixFeatures (draws given)', () => {
  const z1 = [[1, 0], [0, 2], [4, 4]];
  const z2 = [[0, 1], [3, 0], [2, 2]];
  const perm = [2, 0, 1];
  const lam = [1, 0.5, 0.25];

  it('mixes rows with their permuted partners', () => {
    tf.tidy(() => {
      const { zMix, tMix } = mixFeatures(tf.tensor2d(z1), tf.tensor2d(z2), tf.tensor1d(perm, 'int32'), tf.tensor1d(lam));
      // row 0: 1*z[0]; row 1: .5 z[1] + .5 z[0]; row 2: .25 z[2] + .75 z[1].
      expectClose(Array.from(zMix.dataSync()), [1, 0, 0.5, 1, 1, 2.5]);
      expectClose(Array.from(tMix.dataSync()), [0, 1, 1.5, 0.5, 2.75, 0.5]);
    });
  });

  it('has no gradient into z2 and the mixing weights as gradient into z1', () => {
    tf.tidy(() => {
      const [g1, g2] = tf.grads((a: tf.Tensor, b: tf.Tensor) => {
        const { zMix, tMix } = mixFeatures(a as tf.Tensor2D, b as tf.Tensor2D, tf.tensor1d(perm, 'int32'), tf.tensor1d(lam));
        return tf.add(tf.sum(zMix), tf.sum(tMix));
      })([tf.tensor2d(z1), tf.tensor2d(z2)]);
      // Row j gets lam_j from itself and (1 - lam_i) from every i with perm[i] = j.
      // j=0: 1 + (1 - .5) = 1.5; j=1: .5 + (1 - .25) = 1.25; j=2: .25 + (1 - 1) = .25.
      expectClose(Array.from(g1!.dataSync()), [1.5, 1.5, 1.25, 1.25, 0.25, 0.25]);
      expect(Array.from(g2!.dataSync()).every((v) => v === 0)).toBe(true);
    });
  });
});

describe('sampleBeta', () => {
  for (const a of [1, 4]) {
    it(`has the Beta(${a}, ${a}) mean and variance`, () => {
      const values = tf.tidy(() => Array.from(sampleBeta(20000, a, 11, 12).dataSync()));
      expect(values.every((v) => v >= 0 && v <= 1)).toBe(true);
      const mean = values.reduce((s, v) => s + v, 0) / values.length;
      const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
      expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
      expect(Math.abs(variance - 1 / (4 * (2 * a + 1)))).toBeLessThan(0.1 / (4 * (2 * a + 1)));
    });
  }

  it('is reproducible from its seeds', () => {
    tf.tidy(() => {
      expect(Array.from(sampleBeta(10, 1, 3, 4).dataSync())).toEqual(Array.from(sampleBeta(10, 1, 3, 4).dataSync()));
      expect(Array.from(sampleBeta(10, 1, 3, 4).dataSync())).not.toEqual(Array.from(sampleBeta(10, 1, 5, 4).dataSync()));
    });
  });
});

describe('mixingDistance (draws given)', () => {
  const perm = [2, 0, 1];
  const lam = [1, 0.5, 0.25];
  const twice: (z: tf.Tensor2D) => tf.Tensor2D = (z) => tf.mul(z, 2);

  it('one way is dist(head(z1_mix), t2_mix); symmetric averages it with the views swapped', () => {
    tf.tidy(() => {
      const z1 = tf.tensor2d([[1, 0], [0, 2], [4, 4]]);
      const z2 = tf.tensor2d([[0, 1], [3, 0], [2, 2]]);
      const p = tf.tensor1d(perm, 'int32');
      const l = tf.tensor1d(lam);
      // Mixed rows by hand (see mixFeatures): z1_mix = [1,0], [.5,1], [1,2.5]; z2_mix = [0,1], [1.5,.5], [2.75,.5].
      const z1Mix = [[1, 0], [0.5, 1], [1, 2.5]];
      const z2Mix = [[0, 1], [1.5, 0.5], [2.75, 0.5]];
      const mse = (a: number[][], b: number[][]): number => a.flat().reduce((s, v, i) => s + (2 * v - b.flat()[i]!) ** 2, 0) / 6;
      const oneWay = mse(z1Mix, z2Mix);
      const swapped = mse(z2Mix, z1Mix);
      expect(mixingDistance(z1, z2, p, l, twice, 'mse', 'oneway').dataSync()[0]).toBeCloseTo(oneWay, 5);
      expect(mixingDistance(z1, z2, p, l, twice, 'mse', 'symmetric').dataSync()[0]).toBeCloseTo((oneWay + swapped) / 2, 5);
      expect(oneWay).not.toBeCloseTo(swapped, 2);
      expect(mixingDistance(z1, z2, p, l, twice, 'cosine', 'symmetric').dataSync()[0]).toBeCloseTo(-(meanCosineOf(z1Mix, z2Mix) + meanCosineOf(z2Mix, z1Mix)) / 2, 5);
    });
  });

  it('symmetric sends finite gradients into both views, one way into view 1 only; no leaks', () => {
    const z1 = tf.tensor2d([[1, 0], [0, 2], [4, 4]]);
    const z2 = tf.tensor2d([[0, 1], [3, 0], [2, 2]]);
    const p = tf.tensor1d(perm, 'int32');
    const l = tf.tensor1d(lam);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      for (const mixing of ['oneway', 'symmetric'] as const) {
        const [g1, g2] = tf.grads((a: tf.Tensor, b: tf.Tensor) => mixingDistance(a as tf.Tensor2D, b as tf.Tensor2D, p, l, twice, 'cosine', mixing))([z1, z2]);
        const v1 = Array.from(g1!.dataSync());
        const v2 = Array.from(g2!.dataSync());
        expect([...v1, ...v2].every(Number.isFinite)).toBe(true);
        expect(v1.some((v) => v !== 0)).toBe(true);
        expect(v2.some((v) => v !== 0)).toBe(mixing === 'symmetric');
      }
    });
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([z1, z2, p, l]);
  });
});

describe('mixDistance', () => {
  it('is the negative mean cosine or the mean squared error', () => {
    tf.tidy(() => {
      const p = tf.tensor2d([[1, 0], [0, 2]]);
      const t = tf.tensor2d([[1, 1], [0, -1]]);
      expect(mixDistance(p, t, 'cosine').dataSync()[0]).toBeCloseTo(-(Math.SQRT1_2 - 1) / 2, 5);
      expect(mixDistance(p, t, 'mse').dataSync()[0]).toBeCloseTo((0 + 1 + 0 + 9) / 4, 5);
    });
  });
});

/** A fake model whose predictor doubles its input and adds one (so its use is visible). */
const fakeModel = { predict: (z: tf.Tensor2D) => tf.add(tf.mul(z, 2), 1) as tf.Tensor2D } as unknown as Model;

describe('mixHead', () => {
  it("mixes through the base objective's prediction head: SimSiam's predictor only while it is on", () => {
    tf.tidy(() => {
      const z = tf.tensor2d([[1, 2]]);
      const withPredictor = simsiamTerm.predictionHead!(fakeModel, { predictor: true, stopGrad: true });
      const withoutPredictor = simsiamTerm.predictionHead!(fakeModel, { predictor: false, stopGrad: true });
      expect(withoutPredictor).toBeNull();
      expect(Array.from(mixHead(withPredictor)(z).dataSync())).toEqual([3, 5]);
      expect(Array.from(mixHead(withoutPredictor)(z).dataSync())).toEqual([1, 2]);
      expect(Array.from(mixHead(null)(z).dataSync())).toEqual([1, 2]);
    });
  });
});

describe('maskmixTerm', () => {
  const params = defaultValues(maskmixTerm.spec.params);

  it('masks view 1 only, with the dataset mean', () => {
    tf.tidy(() => {
      const x1 = tf.randomUniform([3, 8, 8, 3], 0, 1, 'float32', 1);
      const x2 = tf.randomUniform([3, 8, 8, 3], 0, 1, 'float32', 2);
      const mean = [0.2, 0.4, 0.6];
      const [all, same] = maskmixTerm.transformInputs!(x1, x2, { ...params, ratio: 0.9999 }, { rng: new Rng(1), dataMean: mean });
      expect(same).toBe(x2);
      const pixels = all.reshape([-1, 3]).arraySync() as number[][];
      pixels.forEach((px) => expectClose(px, mean));
      const [none] = maskmixTerm.transformInputs!(x1, x2, { ...params, ratio: 0 }, { rng: new Rng(1), dataMean: mean });
      expectClose(Array.from(none.dataSync()), Array.from(x1.dataSync()));
      // The default ratio masks some patches and keeps others; equal to maskPatches with the same draws.
      const [some] = maskmixTerm.transformInputs!(x1, x2, params, { rng: new Rng(5), dataMean: mean });
      const draw = drawKeepMask(3, 8, 8, 4, 0.3, new Rng(5));
      const expected = maskPatches(x1 as tf.Tensor4D, tf.tensor3d(draw.values, draw.shape), mean, 4);
      expectClose(Array.from(some.dataSync()), Array.from(expected.dataSync()));
      expect(draw.values.some((v) => v === 0) && draw.values.some((v) => v === 1)).toBe(true);
    });
  });

  it('masks view 2 only, or both views with a mask each, drawn in view order', () => {
    tf.tidy(() => {
      const x1 = tf.randomUniform([3, 8, 8, 3], 0, 1, 'float32', 1) as tf.Tensor4D;
      const x2 = tf.randomUniform([3, 8, 8, 3], 0, 1, 'float32', 2) as tf.Tensor4D;
      const mean = [0.2, 0.4, 0.6];
      const masked = (x: tf.Tensor4D, rng: Rng): number[] => {
        const draw = drawKeepMask(3, 8, 8, 4, 0.3, rng);
        return Array.from(maskPatches(x, tf.tensor3d(draw.values, draw.shape), mean, 4).dataSync());
      };
      const [a1, a2] = maskmixTerm.transformInputs!(x1, x2, { ...params, maskedView: 'view2' }, { rng: new Rng(5), dataMean: mean });
      expect(a1).toBe(x1);
      expectClose(Array.from(a2.dataSync()), masked(x2, new Rng(5)));
      const [b1, b2] = maskmixTerm.transformInputs!(x1, x2, { ...params, maskedView: 'both' }, { rng: new Rng(5), dataMean: mean });
      const replay = new Rng(5);
      expectClose(Array.from(b1.dataSync()), masked(x1, replay));
      expectClose(Array.from(b2.dataSync()), masked(x2, replay));
      // Each view got its own mask: the two views' masked pixels are not in the same places.
      const maskedAt = (x: tf.Tensor, y: tf.Tensor): boolean[] => Array.from(tf.notEqual(x, y).dataSync()).map(Boolean);
      expect(maskedAt(b1, x1)).not.toEqual(maskedAt(b2, x2));
    });
  });

  it('fills masked patches with zero or with seeded uniform noise instead of the mean', () => {
    tf.tidy(() => {
      const x1 = tf.fill([2, 8, 8, 3], 0.5) as tf.Tensor4D;
      const x2 = tf.fill([2, 8, 8, 3], 0.25);
      const mean = [0.2, 0.4, 0.6];
      const draw = drawKeepMask(2, 8, 8, 4, 0.5, new Rng(9));
      const keep = tf.tensor3d(draw.values, draw.shape);
      expect(draw.values.some((v) => v === 0) && draw.values.some((v) => v === 1)).toBe(true);
      const [zero] = maskmixTerm.transformInputs!(x1, x2, { ...params, ratio: 0.5, fill: 'zero' }, { rng: new Rng(9), dataMean: mean });
      expectClose(Array.from(zero.dataSync()), Array.from(maskPatches(x1, keep, [0, 0, 0], 4).dataSync()));
      const [noisy, same] = maskmixTerm.transformInputs!(x1, x2, { ...params, ratio: 0.5, fill: 'noise' }, { rng: new Rng(9), dataMean: mean });
      expect(same).toBe(x2);
      // Replay: the keep mask, then the noise seed.
      const replay = new Rng(9);
      drawKeepMask(2, 8, 8, 4, 0.5, replay);
      const noise = tf.randomUniform([2, 8, 8, 3], 0, 1, 'float32', replay.tfSeed());
      expectClose(Array.from(noisy.dataSync()), Array.from(maskPatches(x1, keep, noise, 4).dataSync()));
      // Masked pixels are noise in [0, 1), not one colour; kept pixels stay 0.5.
      const values = Array.from(noisy.dataSync());
      const changed = values.filter((v) => v !== 0.5);
      expect(changed.length).toBeGreaterThan(10);
      expect(new Set(changed).size).toBe(changed.length);
      expect(changed.every((v) => v >= 0 && v < 1)).toBe(true);
    });
  });

  function context(z1: tf.Tensor2D, z2: tf.Tensor2D, x1: tf.Tensor, rng: Rng, base: 'simsiam' | 'vicreg', x2: tf.Tensor = x1): StepContext {
    return {
      x1, x2, labels: tf.zeros([z1.shape[0]], 'int32') as tf.Tensor1D, classes: 1,
      view1: { features: z1, z: z1, blocks: [] }, view2: { features: z2, z: z2, blocks: [] }, taskFeatures1: z1, taskLogits1: z1,
      model: fakeModel, rng, step: 0, dataMean: [0.5, 0.5, 0.5],
      basePredictionHead: base === 'simsiam' ? simsiamTerm.predictionHead!(fakeModel, { predictor: true, stopGrad: true }) : null,
    };
  }

  it('computes w * dist(head(z_mix), t_mix) from the step rng, with images and no gradient into z2', () => {
    const n = 10;
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const z1 = tf.randomNormal([n, 4], 0, 1, 'float32', 3) as tf.Tensor2D;
      const z2 = tf.randomNormal([n, 4], 0, 1, 'float32', 4) as tf.Tensor2D;
      const x1 = tf.randomUniform([n, 6, 6, 3], 0, 1, 'float32', 5);
      const weighted = { ...params, weight: 2 };
      let images: tf.Tensor | undefined;
      let mix: tf.Tensor | undefined;
      const [g1, g2] = tf.grads((a: tf.Tensor, b: tf.Tensor) => {
        const out = maskmixTerm.compute(context(a as tf.Tensor2D, b as tf.Tensor2D, x1, new Rng(42), 'simsiam'), weighted, { dispose() {} });
        images = tf.keep(out.diagnostics!['images']!.value);
        mix = tf.keep(out.diagnostics!['mix']!.value);
        return out.loss;
      })([z1, z2]);
      expect(Array.from(g2!.dataSync()).every((v) => v === 0)).toBe(true);
      expect(Array.from(g1!.dataSync()).some((v) => v !== 0)).toBe(true);
      expect(images!.shape).toEqual([PREVIEW_IMAGES, 6, 6, 3]);
      expectClose(Array.from(images!.dataSync()), Array.from(tf.slice(x1, 0, PREVIEW_IMAGES).dataSync()));
      // Replay the same draws by hand: permutation, then two Gamma seeds.
      const replay = new Rng(42);
      const perm = replay.permutation(n);
      const lam = sampleBeta(n, 1, replay.tfSeed(), replay.tfSeed());
      const { zMix, tMix } = mixFeatures(z1, z2, tf.tensor1d(perm, 'int32'), lam);
      const expected = -(meanCosineOf(fakeModel.predict(zMix).arraySync(), tMix.arraySync()));
      expect(mix!.dataSync()[0]).toBeCloseTo(expected, 5);
      const loss = maskmixTerm.compute(context(z1, z2, x1, new Rng(42), 'simsiam'), weighted, { dispose() {} }).loss;
      expect(loss.dataSync()[0]).toBeCloseTo(2 * expected, 5);
      // Another base objective: identity head, so a different value.
      const plain = maskmixTerm.compute(context(z1, z2, x1, new Rng(42), 'vicreg'), weighted, { dispose() {} }).loss;
      expect(plain.dataSync()[0]).toBeCloseTo(-2 * meanCosineOf(zMix.arraySync(), tMix.arraySync()), 5);
      tf.dispose([images!, mix!]);
    });
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('maskmixTerm with the non-default knobs', () => {
  const params = defaultValues(maskmixTerm.spec.params);

  it('symmetric mixing averages both directions from the same draws; the preview shows the masked view 2', () => {
    const n = 10;
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const z1 = tf.randomNormal([n, 4], 0, 1, 'float32', 3) as tf.Tensor2D;
      const z2 = tf.randomNormal([n, 4], 0, 1, 'float32', 4) as tf.Tensor2D;
      const x1 = tf.randomUniform([n, 6, 6, 3], 0, 1, 'float32', 5);
      const x2 = tf.randomUniform([n, 6, 6, 3], 0, 1, 'float32', 6);
      const knobs = { ...params, mixing: 'symmetric' as const, maskedView: 'view2' as const };
      const ctx = (a: tf.Tensor2D, b: tf.Tensor2D): StepContext => ({
        x1, x2, labels: tf.zeros([n], 'int32') as tf.Tensor1D, classes: 1,
        view1: { features: a, z: a, blocks: [] }, view2: { features: b, z: b, blocks: [] }, taskFeatures1: a, taskLogits1: a,
        model: fakeModel, rng: new Rng(42), step: 0, dataMean: [0.5, 0.5, 0.5], basePredictionHead: null,
      });
      const [g1, g2] = tf.grads((a: tf.Tensor, b: tf.Tensor) => maskmixTerm.compute(ctx(a as tf.Tensor2D, b as tf.Tensor2D), knobs, { dispose() {} }).loss)([z1, z2]);
      expect(Array.from(g1!.dataSync()).some((v) => v !== 0)).toBe(true);
      expect(Array.from(g2!.dataSync()).some((v) => v !== 0)).toBe(true);
      const out = maskmixTerm.compute(ctx(z1, z2), knobs, { dispose() {} });
      const replay = new Rng(42);
      const perm = tf.tensor1d(replay.permutation(n), 'int32');
      const lam = sampleBeta(n, 1, replay.tfSeed(), replay.tfSeed());
      const a = mixFeatures(z1, z2, perm, lam);
      const b = mixFeatures(z2, z1, perm, lam);
      const expected = -(meanCosineOf(a.zMix.arraySync(), a.tMix.arraySync()) + meanCosineOf(b.zMix.arraySync(), b.tMix.arraySync())) / 2;
      expect(out.loss.dataSync()[0]).toBeCloseTo(expected, 5);
      expectClose(Array.from(out.diagnostics!['images']!.value.dataSync()), Array.from(tf.slice(x2, 0, PREVIEW_IMAGES).dataSync()));
    });
    expect(tf.memory().numTensors).toBe(before);
  });
});

/** Mean over rows of the cosine of matching rows, in plain JS. */
function meanCosineOf(a: number[][], b: number[][]): number {
  let s = 0;
  a.forEach((row, i) => {
    const other = b[i]!;
    const dot = row.reduce((acc, v, j) => acc + v * other[j]!, 0);
    s += dot / (Math.hypot(...row) * Math.hypot(...other));
  });
  return s / a.length;
}
