import { describe, expect, it } from 'vitest';
import { BLOBS, RINGS, SPIRALS, loadToySet, type ToySet } from './toy2d';

/** Byte-for-byte equality of two typed arrays (fast, unlike a deep equal). */
function same(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

const SETS: ToySet[] = [BLOBS, RINGS, SPIRALS];

function classCounts(y: Int32Array, k: number): number[] {
  return Array.from({ length: k }, (_, c) => y.filter((v) => v === c).length);
}

describe.each(SETS.map((s) => [s.spec.id, s] as const))('%s', (_id, set) => {
  const K = set.spec.classes.length;

  it('is deterministic for a seed and different across seeds', () => {
    const a = loadToySet(set, 11, 300, 60);
    const b = loadToySet(set, 11, 300, 60);
    const c = loadToySet(set, 12, 300, 60);
    expect(same(a.trainX, b.trainX)).toBe(true);
    expect(same(a.trainY, b.trainY)).toBe(true);
    expect(same(a.testX, b.testX)).toBe(true);
    expect(same(a.trainX, c.trainX)).toBe(false);
  });

  it('has balanced classes, labels in range, finite points of shape [2]', () => {
    const d = loadToySet(set, 1);
    expect(set.spec.shape).toEqual([2]);
    expect(d.trainX.length).toBe(2 * d.trainY.length);
    expect(d.testX.length).toBe(2 * d.testY.length);
    expect(classCounts(d.trainY, K)).toEqual(Array(K).fill(d.trainY.length / K));
    expect(classCounts(d.testY, K)).toEqual(Array(K).fill(d.testY.length / K));
    expect(d.trainX.every(Number.isFinite)).toBe(true);
  });

  it('is standardised with the training statistics: mean 0, pooled std 1', () => {
    const d = loadToySet(set, 2);
    const n = d.trainY.length;
    let mx = 0;
    let my = 0;
    for (let i = 0; i < n; i++) {
      mx += d.trainX[2 * i]! / n;
      my += d.trainX[2 * i + 1]! / n;
    }
    let sq = 0;
    for (let i = 0; i < n; i++) sq += (d.trainX[2 * i]! - mx) ** 2 + (d.trainX[2 * i + 1]! - my) ** 2;
    expect(Math.abs(mx)).toBeLessThan(1e-5);
    expect(Math.abs(my)).toBeLessThan(1e-5);
    expect(Math.sqrt(sq / (2 * n))).toBeCloseTo(1, 4);
    expect(d.mean[0]).toBeCloseTo(mx, 6);
    expect(d.mean[1]).toBeCloseTo(my, 6);
  });
});

describe('toy geometry', () => {
  it('rings: mean radius per class grows about 1 : 2 : 3', () => {
    const d = loadToySet(RINGS, 3);
    const sum = [0, 0, 0];
    const cnt = [0, 0, 0];
    for (let i = 0; i < d.trainY.length; i++) {
      const k = d.trainY[i]!;
      sum[k]! += Math.hypot(d.trainX[2 * i]!, d.trainX[2 * i + 1]!);
      cnt[k]!++;
    }
    const r = sum.map((s, k) => s / cnt[k]!);
    expect(r[1]! / r[0]!).toBeGreaterThan(1.8);
    expect(r[1]! / r[0]!).toBeLessThan(2.2);
    expect(r[2]! / r[0]!).toBeGreaterThan(2.7);
    expect(r[2]! / r[0]!).toBeLessThan(3.3);
  });

  it('blobs: train centroids classify the test set (labels match positions)', () => {
    const d = loadToySet(BLOBS, 4);
    const K = BLOBS.spec.classes.length;
    const c = Array.from({ length: K }, () => [0, 0, 0]);
    for (let i = 0; i < d.trainY.length; i++) {
      const e = c[d.trainY[i]!]!;
      e[0]! += d.trainX[2 * i]!;
      e[1]! += d.trainX[2 * i + 1]!;
      e[2]!++;
    }
    let correct = 0;
    for (let i = 0; i < d.testY.length; i++) {
      let best = -1;
      let bestD = Infinity;
      c.forEach(([sx, sy, n], k) => {
        const dist = Math.hypot(d.testX[2 * i]! - sx! / n!, d.testX[2 * i + 1]! - sy! / n!);
        if (dist < bestD) {
          bestD = dist;
          best = k;
        }
      });
      if (best === d.testY[i]) correct++;
    }
    expect(correct / d.testY.length).toBeGreaterThan(0.9);
  });
});
