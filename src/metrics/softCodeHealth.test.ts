import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { softCodeHealth } from './softCodeHealth';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Float64 reference: per variable, [mean_n H(p_n,k), H(mean_n p_n,k) - mean_n H(p_n,k)]. */
function referenceHealth(p: number[][][]): { entropy: number[]; mi: number[] } {
  const h = (q: number[]): number => -q.reduce((s, v) => s + (v > 0 ? v * Math.log(v) : 0), 0);
  const n = p.length;
  const k = p[0]!.length;
  const entropy: number[] = [];
  const mi: number[] = [];
  for (let v = 0; v < k; v++) {
    const rows = p.map((sample) => sample[v]!);
    const meanEntropy = rows.reduce((s, q) => s + h(q), 0) / n;
    const marginal = rows[0]!.map((_, b) => rows.reduce((s, q) => s + q[b]!, 0) / n);
    entropy.push(meanEntropy);
    mi.push(h(marginal) - meanEntropy);
  }
  return { entropy, mi };
}

/** Softmax over the last axis, in float64. */
function softmaxRows(logits: number[][][]): number[][][] {
  return logits.map((sample) =>
    sample.map((row) => {
      const m = Math.max(...row);
      const e = row.map((v) => Math.exp(v - m));
      const s = e.reduce((a, b) => a + b, 0);
      return e.map((v) => v / s);
    }),
  );
}

/** One-hot codes [N, K, B]: variable k of sample n sits in bin codes[n][k]. */
function oneHot(codes: number[][], bins: number): number[][][] {
  return codes.map((row) => row.map((c) => Array.from({ length: bins }, (_, b) => (b === c ? 1 : 0))));
}

function health(p: number[][][]): { entropy: number[]; mi: number[] } {
  return tf.tidy(() => {
    const out = softCodeHealth(tf.tensor3d(p));
    return { entropy: Array.from(out.entropy.dataSync()), mi: Array.from(out.mutualInformation.dataSync()) };
  });
}

function expectAllClose(actual: number[], expected: number[], tol: number): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((v, i) => expect(Math.abs(v - expected[i]!), `entry ${i}: got ${v}, want ${expected[i]}`).toBeLessThan(tol));
}

describe('softCodeHealth', () => {
  const bins = 8;

  it('all-zero logits (undecided codes): MI 0, entropy log B', () => {
    const p = softmaxRows(Array.from({ length: 16 }, () => Array.from({ length: 3 }, () => new Array<number>(bins).fill(0))));
    const got = health(p);
    expectAllClose(got.entropy, [Math.log(bins), Math.log(bins), Math.log(bins)], 1e-5);
    expectAllClose(got.mi, [0, 0, 0], 1e-5);
  });

  it('one-hot codes spread evenly over the bins (decided, diverse): MI log B, entropy 0', () => {
    // 2 B samples, 2 variables: variable 0 visits the bins in order, variable 1 backwards; each bin twice.
    const codes = Array.from({ length: 2 * bins }, (_, n) => [n % bins, bins - 1 - (n % bins)]);
    const got = health(oneHot(codes, bins));
    expectAllClose(got.entropy, [0, 0], 1e-6);
    expectAllClose(got.mi, [Math.log(bins), Math.log(bins)], 1e-5);
  });

  it('one-hot codes all in one bin (collapsed): MI 0, entropy 0', () => {
    const got = health(oneHot(Array.from({ length: 10 }, () => [3, 0]), bins));
    expectAllClose(got.entropy, [0, 0], 1e-6);
    expectAllClose(got.mi, [0, 0], 1e-6);
  });

  it('matches the float64 reference on random soft codes, variable by variable', () => {
    // Deterministic pseudo-random logits with different sharpness per variable.
    const logits = Array.from({ length: 24 }, (_, n) => Array.from({ length: 4 }, (_, k) => Array.from({ length: 5 }, (_, b) => (k + 0.5) * Math.sin(1.3 * n + 2.1 * b + 0.7 * k))));
    const p = softmaxRows(logits);
    const want = referenceHealth(p);
    const got = health(p);
    expectAllClose(got.entropy, want.entropy, 1e-5);
    expectAllClose(got.mi, want.mi, 1e-5);
    // Not a degenerate case: the variables differ, and MI lies in (0, log B).
    expect(new Set(want.mi.map((v) => v.toFixed(3))).size).toBe(4);
    want.mi.forEach((v) => expect(v > 0 && v < Math.log(5)).toBe(true));
  });

  it('frees its intermediates', () => {
    const p = tf.tensor3d(oneHot([[0], [1]], 2));
    const before = tf.memory().numTensors;
    const out = softCodeHealth(p);
    expect(tf.memory().numTensors).toBe(before + 2);
    tf.dispose([p, out.entropy, out.mutualInformation]);
  });
});
