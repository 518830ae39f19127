import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config.ts';
import { baseStepFlops, flopsRatio, methodFlops, stepFlops, type FlopsConfig } from './flops.ts';

/** A tiny MLP on 2-D points: input 2 -> 4, one block of 4 -> 4 twice, embedding 8, 2 classes, 10 rows. */
const TINY_MLP: FlopsConfig = { ...DEFAULT_CONFIG, model: 'mlp', width: 4, depth: 1, embedDim: 8, batchSize: 10, task: 'supervised', objective: 'ce', methods: [], params: {} };
const POINTS = { shape: [2], classes: 2 };
/** 4 x 4 grey images: the stem's stride 2 leaves 2 x 2 positions per block. */
const GREY4 = { shape: [4, 4, 1], classes: 2 };

describe('step FLOPs', () => {
  it('counts a supervised MLP step by hand: both views forward, view 1 and the classifier backward', () => {
    // Forward per view: input 2*10*2*4 = 160, block 2 x 320, projector (hidden 64) 5120 + 10240 = 16160; classifier 160.
    // Backward: input layer once (no input gradient) 160, block 2 x 640, classifier 320.
    expect(baseStepFlops(TINY_MLP, POINTS)).toBe(2 * 16160 + 160 + 160 + 1280 + 320);
  });

  it('counts an SSL step with both views, the predictor and the probe backward', () => {
    const ssl = { ...TINY_MLP, task: 'ssl' as const, objective: 'simsiam' };
    // Predictor on 8 -> 8 (hidden max(8, 2) = 8): 2*10*8*8 = 1280 twice per view.
    const view = 16160;
    const viewBackward = 160 + 2 * (640 + 5120 + 10240);
    const predictor = 2560;
    const probe = 160 + 160;
    expect(baseStepFlops(ssl, POINTS)).toBe(2 * view + 160 + 2 * (predictor + viewBackward + 2 * predictor) + probe);
    expect(baseStepFlops({ ...ssl, objective: 'naive' }, POINTS)).toBe(2 * view + 160 + 2 * viewBackward + probe);
  });

  it('counts the CNN convolutions at the stem output size', () => {
    const cnn = { ...TINY_MLP, model: 'cnn' as const, width: 2, batchSize: 3 };
    // Stem 2*3*(2*2)*9*1*2 = 432, each block conv 2*3*4*9*2*2 = 864; projector 2*3*2*64 + 2*3*64*8 = 3840; classifier 2*3*2*2 = 24.
    const view = 432 + 2 * 864 + 3840;
    expect(baseStepFlops(cnn, GREY4)).toBe(2 * view + 24 + (432 + 4 * 864) + 48);
  });

  it("counts ρSIM's heads per block: the target forward, the prediction forward and backward", () => {
    const cnn: FlopsConfig = { ...TINY_MLP, model: 'cnn', width: 2, batchSize: 3, methods: ['sim'], params: { sim: { ratio: 0.5 } } };
    // 2 of 4 positions per image: 6 rows. Projector 2*6*(2*256 + 256*128 + 128*128) = 595968, predictor 2*6*128*128 = 196608.
    expect(methodFlops('sim', cnn, GREY4)).toBe(595968 + 3 * (595968 + 196608));
    // The default ratio 0.2 samples no pair out of 4 positions: the block is skipped.
    expect(methodFlops('sim', { ...cnn, params: {} }, GREY4)).toBe(0);
    // MLP: the batch rows are the tokens, floor(0.2 * 10) = 2 rows, on each of 2 blocks.
    const projector = 2 * 2 * (4 * 256 + 256 * 128 + 128 * 128);
    expect(methodFlops('sim', { ...TINY_MLP, depth: 2 }, POINTS)).toBe(2 * (projector + 3 * (projector + 2 * 2 * 128 * 128)));
  });

  it('counts the other methods by hand', () => {
    // IMSVD: K*B = 8 used dims, J forward and both gradients: 3 * 2*10*8*8.
    expect(methodFlops('imsvd', TINY_MLP, POINTS)).toBe(3840);
    expect(methodFlops('imsvd', { ...TINY_MLP, embedDim: 12 }, POINTS)).toBe(3840);
    // CorInfoMax: per view zᵀz forward and backward, 3 * 2*10*8*8, and 4/3 * 8³ for the log det and its gradient.
    expect(methodFlops('corinfomax', TINY_MLP, POINTS)).toBeCloseTo(2 * (3840 + (4 / 3) * 512), 6);
    // CIR on features: 2 products [10, 2] x [2, 4].
    expect(methodFlops('cir', TINY_MLP, POINTS)).toBe(2 * 160);
    // Masking + mixing on SimSiam: the predictor forward and backward on the mixed rows, one way.
    expect(methodFlops('maskmix', { ...TINY_MLP, task: 'ssl', objective: 'simsiam' }, POINTS)).toBe(3 * 2560);
    expect(methodFlops('maskmix', { ...TINY_MLP, task: 'ssl', objective: 'naive' }, POINTS)).toBe(0);
    expect(methodFlops('unknown', TINY_MLP, POINTS)).toBe(0);
  });

  it('adds the methods of a config to its base in the ratio', () => {
    const flops = stepFlops({ ...TINY_MLP, methods: ['cir'] }, POINTS);
    expect(flops.methods).toEqual({ cir: 320 });
    expect(flopsRatio(flops)).toBeCloseTo((flops.base + 320) / flops.base, 12);
    expect(flopsRatio(stepFlops(TINY_MLP, POINTS))).toBe(1);
  });
});
