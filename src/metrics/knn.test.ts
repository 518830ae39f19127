import { describe, expect, it } from 'vitest';
import { knnAccuracy, knnPredict, type KnnSet } from './knn';
import { Rng } from '../util/rng';

/** Points around the axis of their class (class c near e_c) with small noise, in d dims. */
function clusters(perClass: number, classes: number, d: number, seed: number): { x: Float64Array; y: Int32Array } {
  const rng = new Rng(seed);
  const x = new Float64Array(perClass * classes * d);
  const y = new Int32Array(perClass * classes);
  for (let c = 0; c < classes; c++) {
    for (let i = 0; i < perClass; i++) {
      const row = c * perClass + i;
      y[row] = c;
      for (let j = 0; j < d; j++) x[row * d + j] = (j === c ? 1 : 0) + 0.05 * rng.normal();
    }
  }
  return { x, y };
}

describe('knnAccuracy', () => {
  it('is 1 on well-separated clusters', () => {
    const bank = clusters(30, 3, 4, 1);
    const queries = clusters(10, 3, 4, 2);
    const set: KnnSet = { bank: bank.x, bankLabels: bank.y, queries: queries.x, queryLabels: queries.y, classes: 3 };
    expect(knnAccuracy(set, 4)).toBe(1);
  });

  it('lets the exp(sim / T) weights outvote a majority', () => {
    const h = Math.sqrt(0.75);
    // Query e1. Bank: e1 (class 0, sim 1); two class-1 rows at 60 degrees (sim 0.5); e1 reversed (class 0, sim -1).
    const set: KnnSet = {
      bank: new Float64Array([1, 0, 0.5, h, 0.5, -h, -1, 0]),
      bankLabels: [0, 1, 1, 0],
      queries: new Float64Array([1, 0]),
      queryLabels: [0],
      classes: 2,
    };
    // k = 3: votes e^(1/0.07) for class 0 against 2 e^(0.5/0.07) for class 1 -> class 0.
    expect(Array.from(knnPredict(set, 2, { k: 3 }))).toEqual([0]);
    // At T = 100 the weights are nearly equal, so the two class-1 neighbours win.
    expect(Array.from(knnPredict(set, 2, { k: 3, temperature: 100 }))).toEqual([1]);
    // k = 1: only the nearest counts.
    expect(Array.from(knnPredict(set, 2, { k: 1, temperature: 100 }))).toEqual([0]);
  });

  it('uses cosine similarity (scale-free) and clips k to the bank size', () => {
    // Query (1, 0.1) is closer in angle to the short row (1, 0) than to the long row (10, 10).
    const set: KnnSet = {
      bank: new Float64Array([0.01, 0, 10, 10]),
      bankLabels: [0, 1],
      queries: new Float64Array([1, 0.1]),
      queryLabels: [0],
      classes: 2,
    };
    expect(Array.from(knnPredict(set, 2, { k: 1 }))).toEqual([0]);
    // Default k = 20 > 2 rows: both vote, e^(0.995/0.07) vs e^(0.774/0.07) -> still class 0.
    expect(knnAccuracy(set, 2)).toBe(1);
  });

  it('finds the nearest neighbour among many bank rows (hand-checked angles)', () => {
    // Nine bank rows on the unit circle at 40-degree steps, row b of class b; each query
    // sits 5 degrees past a bank row, so with k = 1 it takes that row's class.
    const angle = (deg: number): number[] => [Math.cos((deg * Math.PI) / 180), Math.sin((deg * Math.PI) / 180)];
    const classes = 9;
    const bank = new Float64Array(classes * 2);
    const queries = new Float64Array(classes * 2);
    const order = [4, 0, 7, 2, 8, 1, 5, 3, 6];
    for (let b = 0; b < classes; b++) bank.set(angle(40 * b), 2 * b);
    order.forEach((b, q) => queries.set(angle(40 * b + 5), 2 * q));
    const set: KnnSet = { bank, bankLabels: Array.from({ length: classes }, (_, b) => b), queries, queryLabels: order, classes };
    expect(Array.from(knnPredict(set, 2, { k: 1 }))).toEqual(order);
  });

  it('breaks equal votes toward the lower class index and reports the correct fraction', () => {
    // Two bank rows equally similar to every query, one per class.
    const set: KnnSet = {
      bank: new Float64Array([1, 1, 1, 1]),
      bankLabels: [1, 0],
      queries: new Float64Array([1, 0, 0, 1, 2, 2, 1, 3]),
      queryLabels: [0, 1, 0, 1],
      classes: 2,
    };
    expect(Array.from(knnPredict(set, 2))).toEqual([0, 0, 0, 0]);
    expect(knnAccuracy(set, 2)).toBe(0.5);
  });

  it('rejects labels outside the classes', () => {
    const set: KnnSet = { bank: new Float64Array([1, 0]), bankLabels: [2], queries: new Float64Array([1, 0]), queryLabels: [0], classes: 2 };
    expect(() => knnAccuracy(set, 2)).toThrow(/outside/);
  });
});
