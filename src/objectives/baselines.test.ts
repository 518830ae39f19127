/**
 * The baseline objectives on inputs whose values can be checked by hand, and the
 * stop-gradient / predictor switches that decide whether SimSiam collapses.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { barlowLoss } from './barlow';
import { crossEntropyLoss } from './crossEntropy';
import { naiveAlignmentLoss } from './naive';
import { ntXentLoss } from './simclr';
import { simsiamLoss } from './simsiam';
import { vicregParts } from './vicreg';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const t2 = (rows: number[][]) => tf.tensor2d(rows);
const val = (t: tf.Tensor) => t.dataSync()[0]!;

describe('naive alignment', () => {
  it('is 0 for identical directions and 1 for orthogonal unit rows', () => {
    expect(val(naiveAlignmentLoss(t2([[3, 0]]), t2([[1, 0]])))).toBeCloseTo(0, 7);
    // mean over the 2 entries of (1-0)^2 and (0-1)^2
    expect(val(naiveAlignmentLoss(t2([[2, 0]]), t2([[0, 5]])))).toBeCloseTo(1, 6);
  });
});

describe('SimSiam', () => {
  it('is -1 for aligned views, 0 for orthogonal ones (no predictor)', () => {
    expect(val(simsiamLoss(t2([[1, 2]]), t2([[2, 4]]), null, true))).toBeCloseTo(-1, 6);
    expect(val(simsiamLoss(t2([[1, 0]]), t2([[0, 1]]), null, true))).toBeCloseTo(0, 6);
  });
  it('passes no gradient into the target branch when the stop-gradient is on', () => {
    const z1 = t2([[1, 0.5]]);
    const z2 = t2([[0.2, 1]]);
    const gradWith = tf.grads((a: tf.Tensor, b: tf.Tensor) => simsiamLoss(a as tf.Tensor2D, b as tf.Tensor2D, (z) => tf.mul(z, 2) as tf.Tensor2D, true))([z1, z2]);
    const gradWithout = tf.grads((a: tf.Tensor, b: tf.Tensor) => simsiamLoss(a as tf.Tensor2D, b as tf.Tensor2D, (z) => tf.mul(z, 2) as tf.Tensor2D, false))([z1, z2]);
    // With sg, z2's gradient comes only through p2 = h(z2); without, also through the target: they differ.
    const a = gradWith[1]!.arraySync() as number[][];
    const b = gradWithout[1]!.arraySync() as number[][];
    expect(Math.abs(a[0]![0]! - b[0]![0]!) + Math.abs(a[0]![1]! - b[0]![1]!)).toBeGreaterThan(1e-3);
    // Without a predictor and with sg, a direct check: d/dz1 of -cos(z1, z2)/2 only.
    const g = tf.grad((a1: tf.Tensor) => simsiamLoss(a1 as tf.Tensor2D, z2, null, true))(z1).arraySync() as number[][];
    const n1 = Math.hypot(1, 0.5);
    const n2 = Math.hypot(0.2, 1);
    const cos = (1 * 0.2 + 0.5 * 1) / (n1 * n2);
    const expected = [0.2 / (n1 * n2) - (cos * 1) / (n1 * n1), 1 / (n1 * n2) - (cos * 0.5) / (n1 * n1)].map((x) => -x / 2);
    expect(g[0]![0]!).toBeCloseTo(expected[0]!, 5);
    expect(g[0]![1]!).toBeCloseTo(expected[1]!, 5);
  });
});

describe('VICReg', () => {
  it('matches the hand-computed parts on a two-sample batch', () => {
    // Column 0 has unbiased variance 2, column 1 has 0; views identical.
    const z = t2([[1, 0], [-1, 0]]);
    const p = vicregParts(z, z);
    expect(val(p.invariance)).toBeCloseTo(0, 7);
    const hinge = (Math.max(0, 1 - Math.sqrt(2 + 1e-4)) + Math.max(0, 1 - Math.sqrt(1e-4))) / 2;
    expect(val(p.variance)).toBeCloseTo(hinge, 5);
    expect(val(p.covariance)).toBeCloseTo(0, 7);
    // Perfectly correlated columns: cov = [[2,2],[2,2]], off-diagonal squares 2*4 = 8, /D = 4, per view.
    const c = t2([[1, 1], [-1, -1]]);
    expect(val(vicregParts(c, c).covariance)).toBeCloseTo(8, 4);
  });
});

describe('Barlow Twins', () => {
  it('is 0 for identical decorrelated views and counts off-diagonal correlation', () => {
    const z = t2([[1, 1], [1, -1], [-1, 1], [-1, -1]]);
    expect(val(barlowLoss(z, z, 0.0051))).toBeCloseTo(0, 3);
    // Perfectly correlated columns: c = [[1,1],[1,1]], so only the two off-diagonal ones count.
    const y = t2([[1, 1], [-1, -1], [2, 2], [-2, -2]]);
    expect(val(barlowLoss(y, y, 1))).toBeCloseTo(2, 3);
    expect(val(barlowLoss(y, y, 0.5))).toBeCloseTo(1, 3);
  });
});

describe('SimCLR NT-Xent', () => {
  it('equals a direct computation on a small batch', () => {
    const a = [[1, 0], [0, 1]];
    const b = [[0.9, 0.1], [0.2, 0.8]];
    const tau = 0.5;
    const all = [...a, ...b].map((r) => {
      const n = Math.hypot(r[0]!, r[1]!);
      return [r[0]! / n, r[1]! / n];
    });
    let total = 0;
    for (let i = 0; i < 4; i++) {
      const pos = (i + 2) % 4;
      let denom = 0;
      for (let k = 0; k < 4; k++) if (k !== i) denom += Math.exp((all[i]![0]! * all[k]![0]! + all[i]![1]! * all[k]![1]!) / tau);
      const s = (all[i]![0]! * all[pos]![0]! + all[i]![1]! * all[pos]![1]!) / tau;
      total += -(s - Math.log(denom));
    }
    expect(val(ntXentLoss(t2(a), t2(b), tau))).toBeCloseTo(total / 4, 4);
  });
});

describe('cross-entropy', () => {
  it('is log C for uniform logits', () => {
    expect(val(crossEntropyLoss(tf.zeros([3, 4]) as tf.Tensor2D, tf.tensor1d([0, 1, 3], 'int32'), 4))).toBeCloseTo(Math.log(4), 6);
  });
});
