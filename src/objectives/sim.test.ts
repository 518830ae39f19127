import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BlockShape, BlockTrace, ForwardOutput } from '../models/model';
import { defaultValues } from '../params';
import { Rng } from '../util/rng';
import { simBlockLoss } from './sim/blockLoss';
import { createSimHeads, SIM_HIDDEN, SIM_LATENT, type SimHeads, type SimLinear } from './sim/heads';
import { meanOfFinite } from './sim/meanOfFinite';
import { normalizedEuclideanDistance } from './sim/normalizedDistance';
import { drawTokenIds, sampledTokenCount, selectTokens, selectTokensByProduct, tokenCount, toTokens } from './sim/tokens';
import { simTerm, type SimState } from './sim';
import type { StateContext, StepContext } from './term';

type Nested = number | Nested[];

interface SimFixture {
  normalized_euclidean_distance: { a: number[][][]; b: number[][][]; value: number; grad_a: number[][][] };
  blocks: {
    B: number;
    C_in: number;
    C_out: number;
    H: number;
    W: number;
    token_sampling_ratio: number;
    loss_beta: number;
    x: number[][][][];
    token_ids: number[];
    weights: Record<string, Nested>;
    y: number[][][][];
    loss_sim: number;
    grad_x: number[][][][];
    grad_predictor_weight: number[][];
  }[];
}

const fixture = JSON.parse(readFileSync(new URL('../../test/fixtures/sim.json', import.meta.url), 'utf8')) as SimFixture;

/** docs/methods.md §8: relative 1e-3 on losses. */
function expectLossClose(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-3 * Math.abs(expected));
}

/** docs/methods.md §8: relative 1e-2 on gradient entries, absolute floor 1e-5. */
function expectGradClose(actual: ArrayLike<number>, expected: ArrayLike<number>): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  let worstAt = -1;
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

function weight(w: Record<string, Nested>, key: string): Nested {
  const v = w[key];
  if (v === undefined) throw new Error(`fixture has no ${key}`);
  return v;
}

/** A PyTorch Linear ([out, in] weight) as our [in, out] layer. */
function torchLinear(w: Record<string, Nested>, prefix: string, bias = true): SimLinear {
  return {
    w: tf.transpose(tf.tensor2d(weight(w, `${prefix}.weight`) as number[][])),
    b: bias ? tf.tensor1d(weight(w, `${prefix}.bias`) as number[]) : null,
  };
}

function nchwToNhwc(a: number[][][][]): tf.Tensor4D {
  return tf.transpose(tf.tensor4d(a), [0, 2, 3, 1]);
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('normalizedEuclideanDistance (fixture)', () => {
  it('matches the value and the gradient w.r.t. a', () => {
    const c = fixture.normalized_euclidean_distance;
    const a = tf.tensor3d(c.a);
    const b = tf.tensor3d(c.b);
    const value = normalizedEuclideanDistance(a, b).dataSync()[0]!;
    expectLossClose(value, c.value);
    const grad = tf.grad((x: tf.Tensor) => normalizedEuclideanDistance(x as tf.Tensor3D, b))(a);
    expectGradClose(grad.dataSync(), tf.tensor3d(c.grad_a).dataSync());
  });

  it('is zero between a tensor and an affine per-channel rescaling of it', () => {
    const a = tf.randomNormal([2, 7, 5], 0, 1, 'float32', 3) as tf.Tensor3D;
    const b = tf.add(tf.mul(a, tf.tensor1d([2, 0.5, 3, 1, 4])), tf.tensor1d([1, -2, 0, 5, 0.1])) as tf.Tensor3D;
    expect(normalizedEuclideanDistance(a, b).dataSync()[0]!).toBeLessThan(1e-4);
    expect(normalizedEuclideanDistance(a, tf.neg(a) as tf.Tensor3D).dataSync()[0]!).toBeGreaterThan(1);
  });

  it('has a finite gradient when a channel is constant over tokens and the distance is zero', () => {
    const a = tf.ones([1, 4, 3]) as tf.Tensor3D;
    const grad = tf.grad((x: tf.Tensor) => normalizedEuclideanDistance(x as tf.Tensor3D, a))(a);
    expect(Array.from(grad.dataSync()).every(Number.isFinite)).toBe(true);
  });
});

describe('simBlockLoss (fixture blocks)', () => {
  fixture.blocks.forEach((c, caseIndex) => {
    it(`case ${caseIndex}: loss, grad w.r.t. the block input and the predictor weight`, () => {
      const w = c.weights;
      const f = { w: tf.transpose(tf.reshape(tf.tensor(weight(w, 'f.weight') as number[][][][]), [c.C_out, c.C_in])) as tf.Tensor2D, b: tf.tensor1d(weight(w, 'f.bias') as number[]) };
      // y = tanh(conv1x1(x)), NHWC.
      const block = (x: tf.Tensor4D): tf.Tensor4D => tf.tanh(tf.add(tf.conv2d(x, tf.reshape(f.w, [1, 1, c.C_in, c.C_out]) as tf.Tensor4D, 1, 'valid'), f.b)) as tf.Tensor4D;
      const x = nchwToNhwc(c.x);
      expectGradClose(block(x).dataSync(), nchwToNhwc(c.y).dataSync());

      const predW = tf.transpose(tf.tensor2d(weight(w, 'predictor.0.weight') as number[][]));
      const headsWith = (pw: tf.Tensor2D): SimHeads => ({
        pre: c.C_out !== c.C_in ? torchLinear(w, 'pre_proj.0', false) : null,
        proj: [torchLinear(w, 'proj_x.0'), torchLinear(w, 'proj_x.2'), torchLinear(w, 'proj_x.4')],
        pred: { w: pw, b: tf.tensor1d(weight(w, 'predictor.0.bias') as number[]) },
      });
      const lossOf = (xi: tf.Tensor, pw: tf.Tensor): tf.Scalar => simBlockLoss(xi, block(xi as tf.Tensor4D), headsWith(pw as tf.Tensor2D), c.token_ids, c.loss_beta).loss;

      expectLossClose(lossOf(x, predW).dataSync()[0]!, c.loss_sim);
      const [gx, gw] = tf.grads(lossOf)([x, predW]);
      expectGradClose(gx!.dataSync(), nchwToNhwc(c.grad_x).dataSync());
      expectGradClose(tf.transpose(gw!).dataSync(), tf.tensor2d(c.grad_predictor_weight).dataSync());
    });
  });

  it('sends no gradient through the target branch (block input used directly as output)', () => {
    const rng = new Rng(5);
    const { heads } = createSimHeads(3, 3, rng);
    const x = tf.randomNormal([2, 4, 4, 3], 0, 1, 'float32', 9);
    const y = tf.randomNormal([2, 4, 4, 3], 0, 1, 'float32', 10);
    const ids = [0, 3, 7, 12, 15];
    // With y independent of x, d loss / dx must be exactly 0 (x only feeds the sg target).
    const gx = tf.grad((xi: tf.Tensor) => simBlockLoss(xi, y, heads, ids, 1).loss)(x);
    expect(tf.max(tf.abs(gx)).dataSync()[0]).toBe(0);
    const gy = tf.grad((yi: tf.Tensor) => simBlockLoss(x, yi, heads, ids, 1).loss)(y);
    expect(tf.max(tf.abs(gy)).dataSync()[0]).toBeGreaterThan(0);
  });

  it('as a probe (the control), trains its heads but sends nothing into the block, at the same distance', () => {
    const rng = new Rng(5);
    const { heads, variables } = createSimHeads(3, 3, rng);
    const x = tf.randomNormal([2, 4, 4, 3], 0, 1, 'float32', 9);
    const y = tf.randomNormal([2, 4, 4, 3], 0, 1, 'float32', 10);
    const ids = [0, 3, 7, 12, 15];
    const gy = tf.grad((yi: tf.Tensor) => simBlockLoss(x, yi, heads, ids, 1, true).loss)(y);
    expect(tf.max(tf.abs(gy)).dataSync()[0]).toBe(0);
    const { grads } = tf.variableGrads(() => simBlockLoss(x, y, heads, ids, 1, true).loss, variables);
    expect(Object.values(grads).some((g) => tf.max(tf.abs(g)).dataSync()[0]! > 0)).toBe(true);
    expect(simBlockLoss(x, y, heads, ids, 1, true).distance.dataSync()[0]).toBeCloseTo(simBlockLoss(x, y, heads, ids, 1).distance.dataSync()[0]!, 6);
  });
});

describe('ρSIM tokens', () => {
  it('orders NHWC tokens as h*W+w and uses the batch as the token axis for [B, C]', () => {
    const nhwc = tf.tensor4d(Array.from({ length: 2 * 2 * 3 * 2 }, (_, i) => i), [2, 2, 3, 2]);
    const tokens = toTokens(nhwc);
    expect(tokens.shape).toEqual([2, 6, 2]);
    // token h*W+w of sample b is nhwc[b, h, w, :]
    const h = 1;
    const wi = 2;
    expect(Array.from(tokens.slice([1, h * 3 + wi, 0], [1, 1, 2]).dataSync())).toEqual(Array.from(nhwc.slice([1, h, wi, 0], [1, 1, 1, 2]).dataSync()));
    expect(tokenCount(nhwc)).toBe(6);
    const mlp = tf.zeros([5, 4]);
    expect(toTokens(mlp).shape).toEqual([1, 5, 4]);
    expect(tokenCount(mlp)).toBe(5);
  });

  for (const [name, select] of [['selectTokens', selectTokens], ['selectTokensByProduct', selectTokensByProduct]] as const) {
    it(`${name} selects tokens like tf.gather on axis 1, with a gradient that scatters back`, () => {
      const tokens = tf.randomNormal([3, 7, 4], 0, 1, 'float32', 12) as tf.Tensor3D;
      const ids = [6, 0, 3];
      const picked = select(tokens, ids);
      expect(picked.shape).toEqual([3, 3, 4]);
      expect(Array.from(picked.dataSync())).toEqual(Array.from(tf.gather(tokens, ids, 1).dataSync()));
      const weights = tf.randomNormal([3, 3, 4], 0, 1, 'float32', 5);
      const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(select(t as tf.Tensor3D, ids), weights)))(tokens);
      // The upstream gradient lands on the picked tokens, zeros elsewhere.
      const expected = tf.buffer([3, 7, 4]);
      const w = weights.arraySync() as number[][][];
      ids.forEach((id, i) => w.forEach((row, b) => row[i]!.forEach((v, c) => expected.set(v, b, id, c))));
      expect(Array.from(g.dataSync())).toEqual(Array.from(expected.values));
      expect(() => select(tokens, [7])).toThrow(/outside/);
    });
  }

  it('draws n distinct ids below T', () => {
    expect(sampledTokenCount(0.2, 64)).toBe(12);
    expect(sampledTokenCount(1, 64)).toBe(64);
    const ids = drawTokenIds(new Rng(1), 50, 10);
    expect(ids.length).toBe(10);
    expect(new Set(ids).size).toBe(10);
    expect(Math.max(...ids)).toBeLessThan(50);
    expect(Math.min(...ids)).toBeGreaterThanOrEqual(0);
  });
});

describe('meanOfFinite', () => {
  it('averages only the finite values', () => {
    const m = meanOfFinite([tf.scalar(1), tf.scalar(NaN), tf.scalar(3), tf.scalar(Infinity)]);
    expect(m.dataSync()[0]).toBeCloseTo(2, 6);
    expect(meanOfFinite([tf.scalar(NaN)]).dataSync()[0]).toBe(0);
    expect(meanOfFinite([]).dataSync()[0]).toBe(0);
  });
});

describe('ρSIM heads', () => {
  it('have the spec shapes, a PyTorch-style bound, and are reproducible from the seed', () => {
    const a = createSimHeads(4, 6, new Rng(3));
    const b = createSimHeads(4, 6, new Rng(3));
    const same = createSimHeads(4, 4, new Rng(3));
    expect(a.heads.pre?.w.shape).toEqual([6, 4]);
    expect(a.heads.pre?.b).toBeNull();
    expect(same.heads.pre).toBeNull();
    expect(a.heads.proj.map((l) => l.w.shape)).toEqual([[4, SIM_HIDDEN], [SIM_HIDDEN, SIM_LATENT], [SIM_LATENT, SIM_LATENT]]);
    expect(a.heads.pred.w.shape).toEqual([SIM_LATENT, SIM_LATENT]);
    expect(a.variables.length).toBe(1 + 6 + 2);
    expect(same.variables.length).toBe(6 + 2);
    const w1 = a.heads.proj[1].w.dataSync();
    const bound = 1 / Math.sqrt(SIM_HIDDEN);
    expect(Math.max(...Array.from(w1, Math.abs))).toBeLessThanOrEqual(bound);
    expect(Math.max(...Array.from(w1, Math.abs))).toBeGreaterThan(0.9 * bound);
    expect(Array.from(a.heads.pred.w.dataSync())).toEqual(Array.from(b.heads.pred.w.dataSync()));
    for (const v of [...a.variables, ...b.variables, ...same.variables]) v.dispose();
  });
});

/** A step context with only what ρSIM reads. */
function fakeContext(blocks: BlockTrace[], seed: number): StepContext {
  const view1 = { features: tf.zeros([1, 1]), z: tf.zeros([1, 1]), blocks } as ForwardOutput;
  return { view1, rng: new Rng(seed) } as unknown as StepContext;
}

function stateContext(blocks: BlockShape[], seed: number): StateContext {
  return { blocks, seed } as unknown as StateContext;
}

describe('simTerm', () => {
  const params = defaultValues(simTerm.spec.params);

  it('declares the spec defaults and metadata', () => {
    expect(simTerm.spec.id).toBe('sim');
    expect(simTerm.spec.role).toBe('method');
    expect(simTerm.spec.tasks).toEqual(['ssl', 'supervised']);
    expect(params).toEqual({ ratio: 0.2, beta: 5e-3, shapeNetwork: true });
    expect(simTerm.spec.card).toBe('seeds/sim.md');
    expect(simTerm.spec.chart.kind).toBe('lines');
    expect(simTerm.spec.stateful).toBe(true);
  });

  it('averages the block losses over CNN blocks, with one diagnostic per block, and frees its state', () => {
    const before = tf.memory().numTensors;
    const shapes: BlockShape[] = [
      { height: 4, width: 4, channelsIn: 3, channelsOut: 3 },
      { height: 4, width: 4, channelsIn: 3, channelsOut: 5 },
    ];
    const state = simTerm.createState!(stateContext(shapes, 11));
    expect(state.variables.length).toBe(8 + 9);
    const traces: BlockTrace[] = [
      { input: tf.randomNormal([3, 4, 4, 3], 0, 1, 'float32', 1), output: tf.randomNormal([3, 4, 4, 3], 0, 1, 'float32', 2) },
      { input: tf.randomNormal([3, 4, 4, 3], 0, 1, 'float32', 3), output: tf.randomNormal([3, 4, 4, 5], 0, 1, 'float32', 4) },
    ];
    const out = tf.tidy(() => {
      const r = simTerm.compute(fakeContext(traces, 42), params, state);
      // Same draws, by hand: n = floor(0.2 * 16) = 3 ids per block, in order.
      const rng = new Rng(42);
      const expected = traces.map((t, i) => simBlockLoss(t.input, t.output, state.heads[i]!, drawTokenIds(rng, 16, 3), 5e-3));
      return {
        loss: r.loss.dataSync()[0]!,
        names: Object.keys(r.diagnostics ?? {}),
        d1: r.diagnostics?.block1?.value.dataSync()[0],
        want: (expected[0]!.loss.dataSync()[0]! + expected[1]!.loss.dataSync()[0]!) / 2,
        wantD1: expected[0]!.distance.dataSync()[0],
      };
    });
    expect(out.names).toEqual(['block1', 'block2']);
    expect(out.loss).toBeGreaterThan(0);
    expect(out.loss).toBeCloseTo(out.want, 7);
    expect(out.d1).toBeCloseTo(out.wantD1!, 6);
    for (const t of traces) tf.dispose([t.input, t.output]);
    state.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('treats MLP batch rows as tokens, skips blocks with fewer than 2 tokens and non-finite blocks', () => {
    const shapes: BlockShape[] = [
      { height: 1, width: 1, channelsIn: 4, channelsOut: 4 },
      { height: 1, width: 1, channelsIn: 4, channelsOut: 4 },
    ];
    const state = simTerm.createState!(stateContext(shapes, 2));
    const good: BlockTrace = { input: tf.randomNormal([20, 4], 0, 1, 'float32', 5), output: tf.randomNormal([20, 4], 0, 1, 'float32', 6) };
    const bad: BlockTrace = { input: good.input, output: tf.fill([20, 4], NaN) };
    tf.tidy(() => {
      const r = simTerm.compute(fakeContext([good, bad], 7), params, state);
      const want = simBlockLoss(good.input, good.output, state.heads[0]!, drawTokenIds(new Rng(7), 20, 4), 5e-3).loss.dataSync()[0]!;
      expect(r.loss.dataSync()[0]).toBeCloseTo(want, 7);
      expect(Number.isNaN(r.diagnostics?.block2?.value.dataSync()[0])).toBe(true);

      // batch 8 x ratio 0.2 = 1 token: skipped, loss 0, no diagnostics.
      const tiny: BlockTrace = { input: tf.randomNormal([8, 4]), output: tf.randomNormal([8, 4]) };
      const skipped = simTerm.compute(fakeContext([tiny], 1), params, state);
      expect(skipped.loss.dataSync()[0]).toBe(0);
      expect(Object.keys(skipped.diagnostics ?? {})).toEqual([]);
    });
    state.dispose();
  });

  it('trains its heads: gradients reach the predictor, a few steps lower the distance', () => {
    const shapes: BlockShape[] = [{ height: 4, width: 4, channelsIn: 3, channelsOut: 3 }];
    const state: SimState = simTerm.createState!(stateContext(shapes, 4));
    const input = tf.randomNormal([2, 4, 4, 3], 0, 1, 'float32', 8);
    const output = tf.tanh(tf.mul(input, 2));
    const trace: BlockTrace = { input, output };
    const p = { ratio: 1, beta: 1, shapeNetwork: true };
    const distance = (): number => tf.tidy(() => simTerm.compute(fakeContext([trace], 3), p, state).loss.dataSync()[0]!);
    const start = distance();
    const opt = tf.train.adam(3e-3);
    for (let i = 0; i < 10; i++) {
      const cost = opt.minimize(() => simTerm.compute(fakeContext([trace], 3), p, state).loss, true, state.variables);
      cost?.dispose();
    }
    expect(distance()).toBeLessThan(0.8 * start);
    opt.dispose();
    state.dispose();
    tf.dispose([input, output]);
  });
});
