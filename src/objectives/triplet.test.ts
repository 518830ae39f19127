import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultValues } from '../params';
import { batchHardTripletLoss, tripletTerm } from './triplet';
import type { StepContext } from './term';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const value = (t: tf.Tensor): number => t.dataSync()[0]!;
const loss = (f: number[][], labels: number[], margin: number): number =>
  tf.tidy(() => value(batchHardTripletLoss(tf.tensor2d(f), tf.tensor1d(labels, 'int32'), margin)));

/** Float64 reference: batch-hard triplet on L2-normalised rows, mean over anchors with a positive and a negative. */
function referenceTriplet(f: number[][], labels: number[], margin: number): number {
  const u = f.map((row) => {
    const norm = Math.hypot(...row);
    return row.map((v) => v / norm);
  });
  const dist = (a: number[], b: number[]): number => Math.hypot(...a.map((v, k) => v - b[k]!));
  let sum = 0;
  let anchors = 0;
  u.forEach((a, i) => {
    const pos = u.filter((_, j) => j !== i && labels[j] === labels[i]).map((b) => dist(a, b));
    const neg = u.filter((_, j) => labels[j] !== labels[i]).map((b) => dist(a, b));
    if (pos.length === 0 || neg.length === 0) return;
    sum += Math.max(0, Math.max(...pos) - Math.min(...neg) + margin);
    anchors++;
  });
  return anchors === 0 ? 0 : sum / anchors;
}

describe('batchHardTripletLoss', () => {
  it('is the margin when hardest positives and negatives are equally far (hand-checked)', () => {
    // Four directions 90° apart; classes {0, 1} and {2, 3}. Each anchor: farthest classmate √2, nearest other √2.
    // The scale of a row does not matter (features are normalised).
    expect(loss([[3, 0], [0, 1], [-1, 0], [0, -2]], [0, 0, 1, 1], 0.3)).toBeCloseTo(0.3, 5);
  });

  it('uses the farthest positive and the nearest negative, skipping anchors without both', () => {
    const deg = (a: number): number[] => [Math.cos((a * Math.PI) / 180), Math.sin((a * Math.PI) / 180)];
    // A 0° and B 90° (class 0), C 60° and D 30° (classes 1 and 2, one sample each: no positive, skipped).
    // A: positive B at √2; negatives C at 1, D at 2 sin 15°: nearest D. B: positive A at √2; negatives C at 2 sin 15°, D at 1.
    const want = Math.SQRT2 - 2 * Math.sin(Math.PI / 12) + 0.1;
    expect(loss([deg(0), deg(90), deg(60), deg(30)], [0, 0, 1, 2], 0.1)).toBeCloseTo(want, 5);
    expect(referenceTriplet([deg(0), deg(90), deg(60), deg(30)], [0, 0, 1, 2], 0.1)).toBeCloseTo(want, 12);
    // A third classmate E at 180°: A's hardest positive becomes E at 2, B's stays √2, and E's own row
    // (positive A at 2, nearest negative C at √3) joins the mean.
    const s15 = 2 * Math.sin(Math.PI / 12);
    const withE = (2 - s15 + 0.1 + (Math.SQRT2 - s15 + 0.1) + (2 - Math.sqrt(3) + 0.1)) / 3;
    expect(loss([deg(0), deg(90), deg(60), deg(30), deg(180)], [0, 0, 1, 2, 0], 0.1)).toBeCloseTo(withE, 5);
  });

  it('is 0 for classes separated by more than the margin, and 0 when no anchor has a positive and a negative', () => {
    expect(loss([[1, 0], [1, 0.1], [-1, 0], [-1, -0.1]], [0, 0, 1, 1], 0.5)).toBe(0);
    expect(loss([[1, 0], [0, 1], [2, 2]], [0, 0, 0], 0.5)).toBe(0);
    expect(loss([[1, 0], [0, 1], [2, 2]], [0, 1, 2], 0.5)).toBe(0);
  });

  it('matches a float64 reference on random batches, with finite, non-zero gradients', () => {
    const n = 12;
    const f = Array.from({ length: n }, (_, i) => Array.from({ length: 5 }, (_, k) => Math.sin(1.7 * i + 0.9 * k + 0.3 * i * k)));
    const labels = Array.from({ length: n }, (_, i) => i % 3);
    expect(loss(f, labels, 0.2)).toBeCloseTo(referenceTriplet(f, labels, 0.2), 5);
    expect(referenceTriplet(f, labels, 0.2)).toBeGreaterThan(0);
    tf.tidy(() => {
      const g = tf.grad((x: tf.Tensor) => batchHardTripletLoss(x as tf.Tensor2D, tf.tensor1d(labels, 'int32'), 0.2))(tf.tensor2d(f));
      const values = Array.from(g.dataSync());
      expect(values.every(Number.isFinite)).toBe(true);
      expect(values.some((v) => v !== 0)).toBe(true);
    });
  });

  it('has finite gradients when samples coincide (distance 0)', () => {
    tf.tidy(() => {
      const f = tf.tensor2d([[1, 0], [1, 0], [1, 0], [0, 1]]);
      const g = tf.grad((x: tf.Tensor) => batchHardTripletLoss(x as tf.Tensor2D, tf.tensor1d([0, 0, 1, 1], 'int32'), 0.2))(f);
      expect(Array.from(g.dataSync()).every(Number.isFinite)).toBe(true);
    });
  });
});

describe('tripletTerm', () => {
  it('is a supervised objective reading the (perturbed) task features, and leaks nothing', () => {
    expect(tripletTerm.spec.role).toBe('objective');
    expect(tripletTerm.spec.tasks).toEqual(['supervised']);
    expect(tripletTerm.spec.needs.labels).toBe(true);
    const params = defaultValues(tripletTerm.spec.params);
    expect(params).toEqual({ margin: 0.2 });
    const task = tf.tensor2d([[1, 0], [0, 1], [-1, 0], [0, -1]]);
    const other = tf.tensor2d([[1, 0], [1, 0.1], [-1, 0], [-1, -0.1]]);
    const labels = tf.tensor1d([0, 0, 1, 1], 'int32');
    const view = { features: other, z: other, blocks: [] };
    const ctx = { labels, taskFeatures1: task, view1: view, view2: view } as unknown as StepContext;
    const before = tf.memory().numTensors;
    const out = tripletTerm.compute(ctx, params, { dispose() {} });
    expect(value(out.loss)).toBeCloseTo(0.2, 5); // from taskFeatures1; the views would give 0
    out.loss.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([task, other, labels]);
  });
});
