import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../util/rng';
import { applyImageView, augmentOptionsFor, drawImageViewParams, makeTwoViews, type AugmentOptions, type ImageViewParams } from './augment';
import { FASHION_SPEC } from './fashion';
import { MNIST_SPEC } from './mnist';
import { SHAPES_SPEC } from './shapes';
import { maxAbsDiff } from '../../test/support/differences';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A deterministic batch of images with values in [0.1, 0.9]. */
function images(n: number, h: number, w: number, c: number): tf.Tensor4D {
  const v = new Float32Array(n * h * w * c);
  const rng = new Rng(42);
  for (let i = 0; i < v.length; i++) v[i] = rng.uniform(0.1, 0.9);
  return tf.tensor4d(v, [n, h, w, c]);
}

/** Only one augmentation switched on at a time, for hand checks. */
const NONE: Partial<AugmentOptions> = {
  strength: 1,
  cropScale: [1, 1],
  cropAspect: [1, 1],
  flipProb: 0,
  jitterProb: 0,
  grayscaleProb: 0,
  noiseStd: 0,
  pointNoiseStd: 0,
  pointScale: 0,
};

describe('makeTwoViews on images', () => {
  it.each([3, 1])('keeps the shape and the [0, 1] range (%i channels)', (c) => {
    const x = images(6, 12, 10, c);
    const [v1, v2] = makeTwoViews(x, 'image', new Rng(1));
    expect(v1.shape).toEqual([6, 12, 10, c]);
    expect(v2.shape).toEqual([6, 12, 10, c]);
    for (const v of [v1, v2]) {
      expect(tf.min(v).dataSync()[0]).toBeGreaterThanOrEqual(0);
      expect(tf.max(v).dataSync()[0]).toBeLessThanOrEqual(1);
    }
    expect(maxAbsDiff(v1.dataSync(), v2.dataSync())).toBeGreaterThan(0.05);
    tf.dispose([x, v1, v2]);
  });

  it('gives the same views for the same seed and different ones for another seed', () => {
    const x = images(4, 8, 8, 3);
    const [a1, a2] = makeTwoViews(x, 'image', new Rng(7));
    const [b1, b2] = makeTwoViews(x, 'image', new Rng(7));
    const [c1] = makeTwoViews(x, 'image', new Rng(8));
    expect(Array.from(a1.dataSync())).toEqual(Array.from(b1.dataSync()));
    expect(Array.from(a2.dataSync())).toEqual(Array.from(b2.dataSync()));
    expect(maxAbsDiff(a1.dataSync(), c1.dataSync())).toBeGreaterThan(0.05);
    tf.dispose([x, a1, a2, b1, b2, c1]);
  });

  it('is the identity at strength 0', () => {
    const x = images(3, 9, 7, 3);
    const [v1, v2] = makeTwoViews(x, 'image', new Rng(3), { strength: 0 });
    expect(maxAbsDiff(v1.dataSync(), x.dataSync())).toBeLessThan(1e-6);
    expect(maxAbsDiff(v2.dataSync(), x.dataSync())).toBeLessThan(1e-6);
    tf.dispose([x, v1, v2]);
  });

  it('flips horizontally like tf.reverse when the flip is certain', () => {
    const x = images(3, 6, 5, 3);
    const [v1] = makeTwoViews(x, 'image', new Rng(3), { ...NONE, flipProb: 1 });
    const mirrored = tf.reverse(x, 2);
    expect(maxAbsDiff(v1.dataSync(), mirrored.dataSync())).toBeLessThan(1e-6);
    tf.dispose([x, v1, mirrored]);
  });

  it('crops with bilinear resampling of the box (hand check)', () => {
    // One 5x5 image whose value is the column index / 4: a box over the left half
    // [0, 0, 1, 0.5] resampled back to 5 columns reads columns 0, 0.5, 1, 1.5, 2.
    const col = Array.from({ length: 25 }, (_, i) => (i % 5) / 4);
    const x = tf.tensor4d(col, [1, 5, 5, 1]);
    const p: ImageViewParams = {
      boxes: Float32Array.from([0, 0, 1, 0.5]),
      brightness: Float32Array.of(1),
      contrast: Float32Array.of(1),
      saturation: Float32Array.of(1),
      jitter: false,
      noise: null,
    };
    const v = applyImageView(x, p);
    const row = Array.from(v.dataSync().subarray(0, 5));
    [0, 0.5, 1, 1.5, 2].forEach((c, j) => expect(row[j]).toBeCloseTo(c / 4, 6));
    tf.dispose([x, v]);
  });

  it('applies the drawn brightness factor per sample (clipped to 1)', () => {
    const x = images(5, 4, 4, 3);
    const opts = { ...NONE, jitterProb: 1, brightness: 0.4, contrast: 0, saturation: 0 };
    const p = drawImageViewParams([5, 4, 4, 3], new Rng(11), opts);
    const [v] = makeTwoViews(x, 'image', new Rng(11), opts);
    const xs = x.dataSync();
    const vs = v.dataSync();
    const per = 4 * 4 * 3;
    for (let i = 0; i < vs.length; i++) expect(vs[i]).toBeCloseTo(Math.min(1, xs[i]! * p.brightness[Math.floor(i / per)]!), 5);
    expect(new Set(p.brightness).size).toBe(5);
    tf.dispose([x, v]);
  });

  it('turns samples grey with BT.601 luma when grayscale is certain', () => {
    const x = images(2, 3, 3, 3);
    const [v] = makeTwoViews(x, 'image', new Rng(5), { ...NONE, grayscaleProb: 1 });
    const xs = x.dataSync();
    const vs = v.dataSync();
    for (let p = 0; p < xs.length; p += 3) {
      const y = 0.299 * xs[p]! + 0.587 * xs[p + 1]! + 0.114 * xs[p + 2]!;
      for (let k = 0; k < 3; k++) expect(vs[p + k]).toBeCloseTo(y, 5);
    }
    tf.dispose([x, v]);
  });

  it('adds zero-mean noise with the requested standard deviation, bounded at 3 sigma', () => {
    const x = tf.fill([4, 16, 16, 3], 0.5) as tf.Tensor4D;
    const [v] = makeTwoViews(x, 'image', new Rng(6), { ...NONE, noiseStd: 0.05 });
    const d = Array.from(v.dataSync(), (y) => y - 0.5);
    const mean = d.reduce((a, b) => a + b, 0) / d.length;
    const std = Math.sqrt(d.reduce((a, b) => a + b * b, 0) / d.length);
    expect(Math.abs(mean)).toBeLessThan(0.005);
    expect(std).toBeGreaterThan(0.045);
    expect(std).toBeLessThan(0.055);
    expect(Math.max(...d.map(Math.abs))).toBeLessThanOrEqual(0.15 + 1e-6);
    tf.dispose([x, v]);
  });

  it('stretches contrast around the mean luma of each image (hand check)', () => {
    const x = images(3, 4, 4, 3);
    const opts = { ...NONE, jitterProb: 1, brightness: 0, contrast: 0.4, saturation: 0 };
    const p = drawImageViewParams([3, 4, 4, 3], new Rng(12), opts);
    const [v] = makeTwoViews(x, 'image', new Rng(12), opts);
    const xs = x.dataSync();
    const vs = v.dataSync();
    const per = 48;
    for (let i = 0; i < 3; i++) {
      let m = 0;
      for (let q = 0; q < 16; q++) m += (0.299 * xs[i * per + 3 * q]! + 0.587 * xs[i * per + 3 * q + 1]! + 0.114 * xs[i * per + 3 * q + 2]!) / 16;
      const c = p.contrast[i]!;
      for (let k = 0; k < per; k++) expect(vs[i * per + k]).toBeCloseTo(Math.min(1, Math.max(0, c * xs[i * per + k]! + (1 - c) * m)), 5);
    }
    tf.dispose([x, v]);
  });

  it('matches brightness, then contrast, then saturation applied one after the other', () => {
    // Mild factors on mid-range pixels: nothing clips, so the fused colour map must
    // equal the three steps done by hand.
    const v0 = new Float32Array(2 * 3 * 3 * 3);
    const r = new Rng(13);
    for (let i = 0; i < v0.length; i++) v0[i] = r.uniform(0.35, 0.6);
    const x = tf.tensor4d(v0, [2, 3, 3, 3]);
    const opts = { ...NONE, jitterProb: 1, brightness: 0.1, contrast: 0.1, saturation: 0.5 };
    const p = drawImageViewParams([2, 3, 3, 3], new Rng(14), opts);
    const [v] = makeTwoViews(x, 'image', new Rng(14), opts);
    const vs = v.dataSync();
    const lum = (a: number[]) => 0.299 * a[0]! + 0.587 * a[1]! + 0.114 * a[2]!;
    for (let i = 0; i < 2; i++) {
      const px = Array.from({ length: 9 }, (_, q) => Array.from(v0.subarray(27 * i + 3 * q, 27 * i + 3 * q + 3), (a) => a * p.brightness[i]!));
      const m = px.reduce((acc, a) => acc + lum(a), 0) / 9;
      const contrasted = px.map((a) => a.map((y) => (y - m) * p.contrast[i]! + m));
      contrasted.forEach((a, q) => {
        const g = lum(a);
        a.forEach((y, k) => expect(vs[27 * i + 3 * q + k]).toBeCloseTo(g + (y - g) * p.saturation[i]!, 5));
      });
    }
    tf.dispose([x, v]);
  });

  it('leaves colour alone on one-channel images', () => {
    const p = drawImageViewParams([50, 8, 8, 1], new Rng(1));
    expect(p.jitter).toBe(false);
    expect(Array.from(p.saturation).every((s) => s === 1)).toBe(true);
  });
});

describe('drawImageViewParams', () => {
  it('draws boxes inside the image with the scale range and about half flipped', () => {
    const n = 4000;
    const p = drawImageViewParams([n, 2, 2, 3], new Rng(2));
    let flipped = 0;
    let lo = Infinity;
    let hi = -Infinity;
    let minArea = Infinity;
    let maxArea = -Infinity;
    let minAspect = Infinity;
    let maxAspect = -Infinity;
    for (let i = 0; i < n; i++) {
      const [y1, x1, y2, x2] = Array.from(p.boxes.subarray(4 * i, 4 * i + 4)) as [number, number, number, number];
      lo = Math.min(lo, y1, x1, y2, x2);
      hi = Math.max(hi, y1, x1, y2, x2);
      if (x1 > x2) flipped++;
      const area = (y2 - y1) * Math.abs(x2 - x1);
      minArea = Math.min(minArea, area);
      maxArea = Math.max(maxArea, area);
      const aspect = Math.abs(x2 - x1) / (y2 - y1);
      minAspect = Math.min(minAspect, aspect);
      maxAspect = Math.max(maxAspect, aspect);
    }
    expect(lo).toBeGreaterThanOrEqual(-1e-6);
    expect(hi).toBeLessThanOrEqual(1 + 1e-6);
    expect(minArea).toBeGreaterThanOrEqual(0.35 - 1e-6);
    expect(minArea).toBeLessThan(0.37); // the low end of the range is reached
    expect(maxArea).toBeLessThanOrEqual(1 + 1e-6);
    // Aspect in 3/4..4/3, except where a side was clamped to the image (never beyond 1/2..2).
    expect(minAspect).toBeGreaterThanOrEqual(0.5);
    expect(maxAspect).toBeLessThanOrEqual(2);
    expect(flipped / n).toBeGreaterThan(0.46);
    expect(flipped / n).toBeLessThan(0.54);
  });
});

describe('makeTwoViews on points', () => {
  it('keeps the shape, is seeded, and is the identity at strength 0', () => {
    const x = tf.tensor2d([1, 2, -1, 0.5, 0, -2, 3, 1], [4, 2]);
    const [a1, a2] = makeTwoViews(x, 'points', new Rng(1));
    const [b1] = makeTwoViews(x, 'points', new Rng(1));
    const [c1] = makeTwoViews(x, 'points', new Rng(2));
    const [i1, i2] = makeTwoViews(x, 'points', new Rng(1), { strength: 0 });
    expect(a1.shape).toEqual([4, 2]);
    expect(Array.from(a1.dataSync())).toEqual(Array.from(b1.dataSync()));
    expect(maxAbsDiff(a1.dataSync(), c1.dataSync())).toBeGreaterThan(0.01);
    expect(maxAbsDiff(a1.dataSync(), a2.dataSync())).toBeGreaterThan(0.01);
    expect(maxAbsDiff(i1.dataSync(), x.dataSync())).toBe(0);
    expect(maxAbsDiff(i2.dataSync(), x.dataSync())).toBe(0);
    tf.dispose([x, a1, a2, b1, c1, i1, i2]);
  });

  it('scales each point by one factor in 1 +- pointScale when there is no noise', () => {
    const x = tf.tensor2d([1, 2, -1, 0.5, 2, -2], [3, 2]);
    const [v] = makeTwoViews(x, 'points', new Rng(3), { ...NONE, pointScale: 0.2 });
    const xs = x.dataSync();
    const vs = v.dataSync();
    for (let i = 0; i < 3; i++) {
      const s = vs[2 * i]! / xs[2 * i]!;
      expect(vs[2 * i + 1]! / xs[2 * i + 1]!).toBeCloseTo(s, 5);
      expect(s).toBeGreaterThanOrEqual(0.8);
      expect(s).toBeLessThanOrEqual(1.2);
    }
    tf.dispose([x, v]);
  });
});

describe('memory', () => {
  it('leaks no tensor inside or outside tf.tidy', () => {
    const x = images(4, 8, 8, 3);
    const p = tf.tensor2d([1, 2, 3, 4], [2, 2]);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      makeTwoViews(x, 'image', new Rng(1));
      makeTwoViews(p, 'points', new Rng(1));
    });
    expect(tf.memory().numTensors).toBe(before);
    const views = [...makeTwoViews(x, 'image', new Rng(2)), ...makeTwoViews(p, 'points', new Rng(2))];
    expect(tf.memory().numTensors).toBe(before + 4);
    tf.dispose(views);
    expect(tf.memory().numTensors).toBe(before);
    expect(x.isDisposed).toBe(false);
    tf.dispose([x, p]);
  });

  it('rejects inputs of the wrong rank', () => {
    const x = tf.zeros([2, 3]);
    expect(() => makeTwoViews(x, 'image', new Rng(1))).toThrow(/NHWC/);
    expect(() => makeTwoViews(tf.zeros([1, 2, 2, 1]), 'points', new Rng(1))).toThrow(/\[N, F\]/);
    tf.dispose(x);
  });
});

describe('augmentOptionsFor', () => {
  /** How many of the drawn crop boxes are mirrored (x1 > x2). */
  function flips(options: Partial<AugmentOptions>): number {
    const p = drawImageViewParams([400, 28, 28, 1], new Rng(3), options);
    let count = 0;
    for (let i = 0; i < 400; i++) if (p.boxes[4 * i + 1]! > p.boxes[4 * i + 3]!) count++;
    return count;
  }

  it('never mirrors digits, where a mirrored 7 is not a 7', () => {
    expect(MNIST_SPEC.mirrorKeepsClass).toBe(false);
    expect(flips(augmentOptionsFor(MNIST_SPEC))).toBe(0);
  });

  it('mirrors about half of the images whose class a mirror keeps (shapes, Fashion-MNIST)', () => {
    for (const spec of [SHAPES_SPEC, FASHION_SPEC]) {
      const n = flips(augmentOptionsFor(spec));
      expect(n, spec.id).toBeGreaterThan(150);
      expect(n, spec.id).toBeLessThan(250);
    }
  });
});
