import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultValues } from '../params';
import { supConLoss, supconTerm } from './supcon';
import type { StepContext } from './term';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const value = (t: tf.Tensor): number => t.dataSync()[0]!;
const loss = (f: number[][], labels: number[], tau: number): number => tf.tidy(() => value(supConLoss(tf.tensor2d(f), tf.tensor1d(labels, 'int32'), tau)));

/** Float64 reference: SupCon L_out on L2-normalised rows, mean over anchors with a positive. */
function referenceSupCon(f: number[][], labels: number[], tau: number): number {
  const u = f.map((row) => {
    const norm = Math.hypot(...row);
    return row.map((v) => v / norm);
  });
  const s = (i: number, j: number): number => u[i]!.reduce((acc, v, k) => acc + v * u[j]![k]!, 0) / tau;
  let sum = 0;
  let anchors = 0;
  u.forEach((_, i) => {
    const others = u.map((__, j) => j).filter((j) => j !== i);
    const positives = others.filter((j) => labels[j] === labels[i]);
    if (positives.length === 0) return;
    const logDenominator = Math.log(others.reduce((acc, a) => acc + Math.exp(s(i, a)), 0));
    sum += -positives.reduce((acc, p) => acc + s(i, p) - logDenominator, 0) / positives.length;
    anchors++;
  });
  return anchors === 0 ? 0 : sum / anchors;
}

describe('supConLoss', () => {
  it('matches hand-computed values (tau 1)', () => {
    // Two samples of one class: each one's only positive is its only other sample, so log(1) = 0.
    expect(loss([[1, 0], [0, 1]], [0, 0], 1)).toBeCloseTo(0, 6);
    // Add a class-1 sample at [2, 0] (it has no positive: not an anchor).
    // Anchor 0: s01 = 0, s02 = 1 -> log(1 + e). Anchor 1: s10 = 0, s12 = 0 -> log 2.
    expect(loss([[1, 0], [0, 1], [2, 0]], [0, 0, 1], 1)).toBeCloseTo((Math.log(1 + Math.E) + Math.LN2) / 2, 5);
  });

  it('divides the similarities by the temperature', () => {
    // Anchor 0 at tau 0.5: s01 = 0, s02 = 2 -> log(1 + e^2); anchor 1 still log 2.
    expect(loss([[1, 0], [0, 1], [2, 0]], [0, 0, 1], 0.5)).toBeCloseTo((Math.log(1 + Math.exp(2)) + Math.LN2) / 2, 5);
  });

  it('is 0 when no sample has a classmate', () => {
    expect(Math.abs(loss([[1, 0], [0, 1], [1, 1]], [0, 1, 2], 0.1))).toBe(0);
  });

  it('matches a float64 reference on random batches, with finite, non-zero gradients', () => {
    const n = 12;
    const f = Array.from({ length: n }, (_, i) => Array.from({ length: 5 }, (_, k) => Math.sin(1.7 * i + 0.9 * k + 0.3 * i * k)));
    const labels = Array.from({ length: n }, (_, i) => (i * 7) % 4);
    for (const tau of [0.1, 0.7]) expect(loss(f, labels, tau)).toBeCloseTo(referenceSupCon(f, labels, tau), 4);
    tf.tidy(() => {
      const g = tf.grad((x: tf.Tensor) => supConLoss(x as tf.Tensor2D, tf.tensor1d(labels, 'int32'), 0.1))(tf.tensor2d(f));
      const values = Array.from(g.dataSync());
      expect(values.every(Number.isFinite)).toBe(true);
      expect(values.some((v) => v !== 0)).toBe(true);
    });
  });
});

describe('supconTerm', () => {
  it('is a supervised objective reading the (perturbed) task features, and leaks nothing', () => {
    expect(supconTerm.spec.role).toBe('objective');
    expect(supconTerm.spec.tasks).toEqual(['supervised']);
    expect(supconTerm.spec.needs.labels).toBe(true);
    const params = defaultValues(supconTerm.spec.params);
    expect(params).toEqual({ tau: 0.1 });
    const task = tf.tensor2d([[1, 0], [0, 1], [2, 0]]);
    const other = tf.tensor2d([[1, 0], [1, 0], [-1, 0]]);
    const labels = tf.tensor1d([0, 0, 1], 'int32');
    const view = { features: other, z: other, blocks: [] };
    const ctx = { labels, taskFeatures1: task, view1: view, view2: view } as unknown as StepContext;
    const before = tf.memory().numTensors;
    const out = supconTerm.compute(ctx, { tau: 1 }, { dispose() {} });
    expect(value(out.loss)).toBeCloseTo((Math.log(1 + Math.E) + Math.LN2) / 2, 5);
    out.loss.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([task, other, labels]);
  });
});
