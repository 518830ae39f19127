import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng';
import { SHAPE_CLASSES, SHAPE_SIZE, SMALL_SHAPES_SPEC, generateShapes, loadShapes, renderShape, shapeDistance } from './shapes';

/** Byte-for-byte equality of two typed arrays (fast, unlike a deep equal). */
function same(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

const PER = SHAPE_SIZE * SHAPE_SIZE * 3;

describe('shapeDistance', () => {
  it('is zero on hand-computed outline points and negative at the centre', () => {
    const r = 10;
    expect(shapeDistance(0, 8.5, 0, r)).toBeCloseTo(0, 9); // circle radius 0.85 r
    expect(shapeDistance(0, 0, 0, r)).toBeCloseTo(-8.5, 9);
    expect(shapeDistance(1, 7.2, 3, r)).toBeCloseTo(0, 9); // square half side 0.72 r
    expect(shapeDistance(2, 0, -r, r)).toBeCloseTo(0, 9); // triangle vertex at circumradius
    expect(shapeDistance(2, 0, 0.5 * r, r)).toBeCloseTo(0, 9); // edge midpoint at inradius
    expect(shapeDistance(3, 9, 0, r)).toBeCloseTo(0, 9); // cross arm tip at 0.9 r
    expect(shapeDistance(3, 5, 5, r)).toBeGreaterThan(0); // between the arms
    expect(shapeDistance(4, 0, 0, r)).toBeGreaterThan(0); // ring is hollow
    expect(shapeDistance(4, 7.8, 0, r)).toBeCloseTo(-2, 9); // on the ring's centre line
    expect(shapeDistance(5, 9.5, 0, r)).toBeCloseTo(0, 9); // bar tip
    expect(shapeDistance(5, 0, 3, r)).toBeCloseTo(0, 9); // bar side, half thickness 0.3 r
    expect(() => shapeDistance(6, 0, 0, r)).toThrow();
  });
});

describe('shapes dataset', () => {
  it('is deterministic for a seed and different across seeds', () => {
    const a = loadShapes(3, 60, 12);
    const b = loadShapes(3, 60, 12);
    const c = loadShapes(4, 60, 12);
    expect(same(a.trainX, b.trainX)).toBe(true);
    expect(same(a.trainY, b.trainY)).toBe(true);
    expect(same(a.testX, b.testX)).toBe(true);
    expect(same(a.trainX, c.trainX)).toBe(false);
    expect(same(a.testX, a.trainX.subarray(0, a.testX.length))).toBe(false);
  });

  it('has exactly balanced classes, labels in range and the right sizes', () => {
    const d = loadShapes(1, 120, 60);
    expect(d.trainX.length).toBe(120 * PER);
    expect(d.testX.length).toBe(60 * PER);
    const counts = (y: Int32Array) => SHAPE_CLASSES.map((_, k) => y.filter((v) => v === k).length);
    expect(counts(d.trainY)).toEqual([20, 20, 20, 20, 20, 20]);
    expect(counts(d.testY)).toEqual([10, 10, 10, 10, 10, 10]);
  });

  it('keeps pixels in [0, 1] and reports the per-channel training mean', () => {
    const d = loadShapes(2, 60, 6);
    let lo = Infinity;
    let hi = -Infinity;
    const sums = [0, 0, 0];
    d.trainX.forEach((v, i) => {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
      sums[i % 3]! += v;
    });
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThanOrEqual(1);
    const pixels = d.trainX.length / 3;
    d.mean.forEach((m, k) => expect(m).toBeCloseTo(sums[k]! / pixels, 6));
  });

  it('draws every class visibly: a bright shape pixel and a dark background pixel in each image', () => {
    const rng = new Rng(9);
    const img = new Float32Array(PER);
    for (let i = 0; i < 60; i++) {
      renderShape(i % SHAPE_CLASSES.length, rng, img, 0);
      let brightest = 0;
      let darkest = 1;
      for (let p = 0; p < SHAPE_SIZE * SHAPE_SIZE; p++) {
        const v = Math.max(img[3 * p]!, img[3 * p + 1]!, img[3 * p + 2]!);
        brightest = Math.max(brightest, v);
        darkest = Math.min(darkest, v);
      }
      // Foreground value >= 0.7; background value <= 0.35 plus a gradient of at most 0.05.
      expect(brightest).toBeGreaterThanOrEqual(0.69);
      expect(darkest).toBeLessThanOrEqual(0.41);
    }
  });

  it('generates from the generator state only', () => {
    const a = generateShapes(12, new Rng(5));
    const b = generateShapes(12, new Rng(5));
    expect(same(a.x, b.x)).toBe(true);
    expect(same(a.y, b.y)).toBe(true);
  });
});

describe('the 16 px shapes', () => {
  it('draws the same scenes smaller: each 16 px image is close to the 2x2 average of its 32 px twin', () => {
    const small = loadShapes(5, 12, 6, SMALL_SHAPES_SPEC);
    const large = loadShapes(5, 12, 6);
    expect(small.spec.shape).toEqual([16, 16, 3]);
    expect(Array.from(small.trainY)).toEqual(Array.from(large.trainY));
    let err = 0;
    for (let i = 0; i < 12; i++) for (let y = 0; y < 16; y++) for (let x = 0; x < 16; x++) for (let c = 0; c < 3; c++) {
      let avg = 0;
      for (const [dy, dx] of [[0, 0], [0, 1], [1, 0], [1, 1]] as const) avg += large.trainX[(((i * 32 + 2 * y + dy) * 32) + 2 * x + dx) * 3 + c]! / 4;
      err += Math.abs(small.trainX[((i * 16 + y) * 16 + x) * 3 + c]! - avg);
    }
    // Anti-aliased edges differ a little; the scenes (position, size, colours) are the same.
    expect(err / (12 * 16 * 16 * 3)).toBeLessThan(0.03);
  });
});
