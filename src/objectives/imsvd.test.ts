import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ForwardOutput } from '../models/model';
import { defaultValues, type ValuesOf } from '../params';
import { IMSVD_PARAMS, imsvdLoss, imsvdTerm, type ImsvdOptions } from './imsvd';
import type { StepContext } from './term';

interface ImsvdCase {
  N: number;
  D: number;
  bin_size: number;
  variables: number;
  t: number;
  z1: number[][];
  z2: number[][];
  loss: number;
  dia: number;
  off: number;
  ti: number;
  grad_z1: number[][];
  grad_z2: number[][];
}

const fixture = JSON.parse(readFileSync(new URL('../../test/fixtures/imsvd.json', import.meta.url), 'utf8')) as { cases: ImsvdCase[] };

/** docs/methods.md §8: relative 1e-3 on losses. */
function expectLossClose(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-3 * Math.abs(expected));
}

/** docs/methods.md §8: relative 1e-2 on gradient entries, absolute floor 1e-5. */
function expectGradClose(actual: ArrayLike<number>, expected: ArrayLike<number>): void {
  expect(actual.length).toBe(expected.length);
  let worstAt = -1;
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i]!;
    const excess = Math.abs(actual[i]! - e) - Math.max(1e-2 * Math.abs(e), 1e-5);
    if (excess > worst) {
      worst = excess;
      worstAt = i;
    }
  }
  expect(worstAt, `entry ${worstAt}: got ${actual[worstAt]}, want ${expected[worstAt]}`).toBe(-1);
}

const value = (t: tf.Tensor): number => t.dataSync()[0]!;
const ones = (binSize: number, t = 1): ImsvdOptions => ({ binSize, t, cDia: 1, cOff: 1, cTi: 1 });

/** Rows whose K variables are near-one-hot codes: variable k of row n sits in bin code(n, k). */
function oneHotRows(codes: number[][], binSize: number, scale = 30): tf.Tensor2D {
  return tf.tensor2d(codes.map((row) => row.flatMap((c) => Array.from({ length: binSize }, (_, b) => (b === c ? scale : 0)))));
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('imsvdLoss (fixture)', () => {
  fixture.cases.forEach((c, i) => {
    it(`case ${i}: D=${c.D}, B=${c.bin_size}, t=${c.t}: parts and gradients`, () => {
      const z1 = tf.tensor2d(c.z1);
      const z2 = tf.tensor2d(c.z2);
      const opts = ones(c.bin_size, c.t);
      const parts = imsvdLoss(z1, z2, opts);
      expect(parts.variables).toBe(c.variables);
      expectLossClose(value(parts.loss), c.loss);
      expectLossClose(value(parts.dia), c.dia);
      expectLossClose(value(parts.off), c.off);
      expectLossClose(value(parts.ti), c.ti);
      const [g1, g2] = tf.grads((a: tf.Tensor, b: tf.Tensor) => imsvdLoss(a as tf.Tensor2D, b as tf.Tensor2D, opts).loss)([z1, z2]);
      expectGradClose(g1!.dataSync(), tf.tensor2d(c.grad_z1).dataSync());
      expectGradClose(g2!.dataSync(), tf.tensor2d(c.grad_z2).dataSync());
    });
  });

  it('weights the parts with their coefficients', () => {
    const c = fixture.cases[0]!;
    const parts = imsvdLoss(tf.tensor2d(c.z1), tf.tensor2d(c.z2), { binSize: c.bin_size, t: c.t, cDia: 2, cOff: 0.5, cTi: 3 });
    expectLossClose(value(parts.loss), 2 * c.dia + 0.5 * c.off + 3 * c.ti);
  });
});

describe('imsvdLoss sanity values', () => {
  it('full collapse onto one code gives about 0', () => {
    const b = 4;
    const rows = Array.from({ length: 32 }, () => [1, 3, 0]);
    const z = oneHotRows(rows, b);
    const parts = imsvdLoss(z, z, ones(b));
    expect(Math.abs(value(parts.loss))).toBeLessThan(1e-4);
  });

  it('stays finite, with finite gradients, when softmax underflows (the 1e-8 clamp)', () => {
    const b = 4;
    const z = oneHotRows(Array.from({ length: 16 }, (_, n) => [n % b, (n + 1) % b]), b, 200);
    const parts = imsvdLoss(z, z, ones(b));
    expect(Number.isFinite(value(parts.loss))).toBe(true);
    const g = tf.grad((a: tf.Tensor) => imsvdLoss(a as tf.Tensor2D, z, ones(b)).loss)(z);
    expect(Array.from(g.dataSync()).every(Number.isFinite)).toBe(true);
  });

  it('uniform collapse (all logits equal) gives -(1 + 2/B) log B', () => {
    const b = 8;
    const z = tf.zeros([16, 3 * b]) as tf.Tensor2D;
    const parts = imsvdLoss(z, z, ones(b));
    expect(value(parts.ti)).toBeCloseTo(Math.log(b), 5);
    expect(value(parts.dia)).toBeCloseTo(-(2 / b) * Math.log(b), 5);
    expect(value(parts.off)).toBeCloseTo(-2 * Math.log(b), 5);
    expectLossClose(value(parts.loss), -(1 + 2 / b) * Math.log(b));
  });

  it('independent, uniformly used, view-invariant codes give about -3 log B', () => {
    const b = 4;
    // N = B^2 rows enumerate every pair of codes for K = 2 variables: exactly independent and uniform.
    const rows = Array.from({ length: b * b }, (_, n) => [n % b, Math.floor(n / b)]);
    const z = oneHotRows(rows, b);
    const parts = imsvdLoss(z, z, ones(b));
    expect(Math.abs(value(parts.ti))).toBeLessThan(1e-4);
    expectLossClose(value(parts.dia), -Math.log(b));
    expectLossClose(value(parts.off), -2 * Math.log(b));
    expectLossClose(value(parts.loss), -3 * Math.log(b));
    // Bin usage of that case (view 1's codes averaged over the batch) is uniform: 1/B everywhere.
    const usage = tf.mean(parts.assignment, 0);
    expect(usage.shape).toEqual([2, b]);
    for (const u of usage.dataSync()) expect(u).toBeCloseTo(1 / b, 4);
  });

  it('uses only the first K*B dims when D is not a multiple of B, and is inert when D < B', () => {
    const z1 = tf.randomNormal([20, 10], 0, 1, 'float32', 1) as tf.Tensor2D;
    const z2 = tf.randomNormal([20, 10], 0, 1, 'float32', 2) as tf.Tensor2D;
    const full = imsvdLoss(z1, z2, ones(4));
    const cut = imsvdLoss(tf.slice(z1, [0, 0], [20, 8]), tf.slice(z2, [0, 0], [20, 8]), ones(4));
    expect(full.variables).toBe(2);
    expect(value(full.loss)).toBeCloseTo(value(cut.loss), 6);
    const g = tf.grad((a: tf.Tensor) => imsvdLoss(a as tf.Tensor2D, z2, ones(4)).loss)(z1);
    expect(Array.from(g.slice([0, 8], [20, 2]).dataSync()).every((x) => x === 0)).toBe(true);
    expect(tf.max(tf.abs(g.slice([0, 0], [20, 8]))).dataSync()[0]).toBeGreaterThan(0);
    const inert = imsvdLoss(tf.slice(z1, [0, 0], [20, 3]), tf.slice(z2, [0, 0], [20, 3]), ones(4));
    expect(inert.variables).toBe(0);
    expect(value(inert.loss)).toBe(0);
  });

  it('K = 1 has no off-diagonal blocks: L_off is 0 and the loss stays finite', () => {
    const z1 = tf.randomNormal([20, 6], 0, 1, 'float32', 3) as tf.Tensor2D;
    const z2 = tf.randomNormal([20, 6], 0, 1, 'float32', 4) as tf.Tensor2D;
    const parts = imsvdLoss(z1, z2, ones(6));
    expect(value(parts.off)).toBe(0);
    expect(Number.isFinite(value(parts.loss))).toBe(true);
    expectLossClose(value(parts.loss), value(parts.dia) + value(parts.ti));
  });
});

describe('imsvdTerm', () => {
  it('declares the spec defaults and metadata', () => {
    expect(imsvdTerm.spec.id).toBe('imsvd');
    expect(imsvdTerm.spec.role).toBe('method');
    expect(imsvdTerm.spec.tasks).toEqual(['ssl']);
    expect(defaultValues(imsvdTerm.spec.params)).toEqual({ binSize: 8, t: 1, cTi: 1, cDia: 1, cOff: 1 });
    expect(imsvdTerm.spec.chart.kind).toBe('lines');
    expect(imsvdTerm.spec.card).toBe('seeds/imsvd.md');
  });

  const view = (z: tf.Tensor2D): ForwardOutput => ({ features: z, z, blocks: [] });
  const contextOf = (z1: tf.Tensor2D, z2: tf.Tensor2D): StepContext => ({ view1: view(z1), view2: view(z2) }) as unknown as StepContext;

  /** The term's line scalars on one batch, by diagnostic id, with their labels. */
  function lines(z1: tf.Tensor2D, z2: tf.Tensor2D, params: ValuesOf<typeof IMSVD_PARAMS>): Record<string, { value: number; label: string }> {
    const out = imsvdTerm.compute(contextOf(z1, z2), params, { dispose() {} });
    const got: Record<string, { value: number; label: string }> = {};
    for (const [id, d] of Object.entries(out.diagnostics ?? {})) {
      expect(d.kind).toBe('scalar');
      if (d.kind === 'scalar') got[id] = { value: value(d.value), label: d.label };
    }
    return got;
  }

  it('computes on the two views and reports soft-code health and L_ti as lines', () => {
    const z1 = tf.randomNormal([64, 20], 0, 1, 'float32', 5) as tf.Tensor2D;
    const z2 = tf.randomNormal([64, 20], 0, 1, 'float32', 6) as tf.Tensor2D;
    const params = { ...defaultValues(imsvdTerm.spec.params), binSize: 4, cOff: 0.5 };
    const out = imsvdTerm.compute(contextOf(z1, z2), params, { dispose() {} });
    const direct = imsvdLoss(z1, z2, { binSize: 4, t: 1, cDia: 1, cOff: 0.5, cTi: 1 });
    expect(value(out.loss)).toBeCloseTo(value(direct.loss), 6);
    const got = lines(z1, z2, params);
    expect(Object.keys(got).sort()).toEqual(['entropy', 'maxEntropy', 'mi', 'ti']);
    expect(got.ti!.value).toBeCloseTo(value(direct.ti), 6);
    expect(got.maxEntropy!).toEqual({ value: expect.closeTo(Math.log(4), 6) as number, label: 'log B (most possible)' });
    expect(got.mi!.label).toBe('mutual information I(x; code)');
    // Each variable's marginal is a distribution over the bins (what the old heatmap showed).
    for (const s of tf.sum(tf.mean(direct.assignment, 0), 1).dataSync()) expect(s).toBeCloseTo(1, 4);
    // Health of random codes lies strictly between the extremes, and H(code) = MI + H(code | x) <= log B.
    expect(got.mi!.value).toBeGreaterThan(0);
    expect(got.entropy!.value).toBeGreaterThan(0);
    expect(got.mi!.value + got.entropy!.value).toBeLessThanOrEqual(Math.log(4) + 1e-5);
  });

  it('separates a healthy code from an undecided and a collapsed one (the old heatmap could not)', () => {
    const b = 4;
    const params = { ...defaultValues(imsvdTerm.spec.params), binSize: b };
    const healthy = oneHotRows(Array.from({ length: b * b }, (_, n) => [n % b, Math.floor(n / b)]), b);
    const undecided = tf.zeros([b * b, 2 * b]) as tf.Tensor2D;
    const collapsed = oneHotRows(Array.from({ length: b * b }, () => [1, 2]), b);
    const h = lines(healthy, healthy, params);
    expect(h.mi!.value).toBeCloseTo(Math.log(b), 4);
    expect(h.entropy!.value).toBeLessThan(1e-4);
    const u = lines(undecided, undecided, params);
    expect(u.mi!.value).toBeCloseTo(0, 5);
    expect(u.entropy!.value).toBeCloseTo(Math.log(b), 5);
    const c = lines(collapsed, collapsed, params);
    expect(c.mi!.value).toBeCloseTo(0, 4);
    expect(c.entropy!.value).toBeLessThan(1e-4);
  });

  it('reports nothing when D < B leaves no variable, and leaks no tensors', () => {
    const z = tf.ones([8, 3]) as tf.Tensor2D;
    const params = defaultValues(imsvdTerm.spec.params);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const out = imsvdTerm.compute(contextOf(z, z), params, { dispose() {} });
      expect(value(out.loss)).toBe(0);
      expect(out.diagnostics).toBeUndefined();
      imsvdTerm.compute(contextOf(z, z), { ...params, binSize: 3 }, { dispose() {} });
    });
    expect(tf.memory().numTensors).toBe(before);
    z.dispose();
  });
});
