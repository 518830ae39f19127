/**
 * The arithmetic of one training step, as a pure function of the run's config: the
 * floating-point operations of its matrix products and convolutions (a multiply-add is
 * 2 FLOPs), split into the base step and each seed method's extra. The bench prints a
 * method's ratio (base + extra) / base next to the measured one, so that time a backend
 * spends beyond the arithmetic (dispatch, copies, small ops) is visible.
 *
 * What is counted, per step of N rows:
 * - forward: both views through the backbone and the projector (the engine runs both), the
 *   classifier on view 1, the SSL probe's classifier again, the predictor on both views
 *   when the objective uses it, BYOL's target network on both views;
 * - backward: twice the forward of every layer on the gradient path (the gradients w.r.t.
 *   its input and its weights), once for a layer whose input needs none (the first layer,
 *   the probe on stop-gradient features). Supervised runs: view 1's backbone and the
 *   classifier; SSL runs: both views' backbone, projector and predictor;
 * - each method's own products (ρSIM's heads, IMSVD's joint, CorInfoMax's correlations and
 *   log-determinants, CIR's class means, masking + mixing's head on the mixed features).
 * Element-wise ops (norms, activations, softmax, the optimiser) are left out: they are
 * what a backend's dispatch cost shows up in, not arithmetic.
 */
import type { RunConfig } from '../../src/config.ts';
import { termParams } from '../../src/config.ts';
import { predictorHidden, projectorHidden } from '../../src/models/heads.ts';
import { cirTerm } from '../../src/objectives/cir.ts';
import { imsvdTerm } from '../../src/objectives/imsvd.ts';
import { maskmixTerm } from '../../src/objectives/maskmix.ts';
import { SIM_HIDDEN, SIM_LATENT } from '../../src/objectives/sim/heads.ts';
import { sampledTokenCount } from '../../src/objectives/sim/tokens.ts';
import { simTerm } from '../../src/objectives/sim.ts';
import { simsiamTerm } from '../../src/objectives/simsiam.ts';

/** The parts of a run's config the count reads. */
export type FlopsConfig = Pick<RunConfig, 'model' | 'width' | 'depth' | 'embedDim' | 'batchSize' | 'task' | 'objective' | 'methods' | 'params'>;

/** The dataset's input shape ([H, W, C] for images, [F] for points) and class count. */
export interface FlopsData {
  shape: readonly number[];
  classes: number;
}

/** A step's arithmetic: the base step and each method's extra, in FLOPs. */
export interface StepFlops {
  base: number;
  methods: Record<string, number>;
}

/** FLOPs of a dense layer on `rows` rows. */
export const denseFlops = (rows: number, fanIn: number, fanOut: number): number => 2 * rows * fanIn * fanOut;

/** FLOPs of a k x k convolution producing `outH` x `outW` positions for each of `n` images. */
export const convFlops = (n: number, outH: number, outW: number, k: number, cIn: number, cOut: number): number => 2 * n * outH * outW * k * k * cIn * cOut;

/** One layer's forward FLOPs and whether its backward also needs the gradient w.r.t. its input. */
interface Layer {
  flops: number;
  inputGrad: boolean;
}

/** Backward FLOPs of layers on the gradient path: 2x forward, or 1x without an input gradient. */
const backward = (layers: readonly Layer[]): number => layers.reduce((s, l) => s + l.flops * (l.inputGrad ? 2 : 1), 0);

const forward = (layers: readonly Layer[]): number => layers.reduce((s, l) => s + l.flops, 0);

/** The spatial size a block sees: the CNN's stride-2 stem halves each side; the MLP's is 1 x 1. */
function blockGrid(config: FlopsConfig, data: FlopsData): { h: number; w: number } {
  if (config.model !== 'cnn') return { h: 1, w: 1 };
  return { h: Math.ceil(data.shape[0]! / 2), w: Math.ceil(data.shape[1]! / 2) };
}

/** The backbone's layers for one view of N rows (the first one needs no input gradient). */
function backboneLayers(config: FlopsConfig, data: FlopsData): Layer[] {
  const n = config.batchSize;
  const width = config.width;
  if (config.model === 'cnn') {
    const { h, w } = blockGrid(config, data);
    const stem = { flops: convFlops(n, h, w, 3, data.shape[2]!, width), inputGrad: false };
    const conv = convFlops(n, h, w, 3, width, width);
    return [stem, ...Array.from({ length: 2 * config.depth }, () => ({ flops: conv, inputGrad: true }))];
  }
  const inputDim = data.shape.reduce((a, b) => a * b, 1);
  const input = { flops: denseFlops(n, inputDim, width), inputGrad: false };
  return [input, ...Array.from({ length: 2 * config.depth }, () => ({ flops: denseFlops(n, width, width), inputGrad: true }))];
}

const usesPredictor = (config: FlopsConfig): boolean => config.objective === 'byol' || (config.objective === 'simsiam' && termParams(config as RunConfig, simsiamTerm.spec).predictor);

/** The predictor's layers on one view. */
function predictorLayers(config: FlopsConfig): Layer[] {
  const d = config.embedDim;
  const h = predictorHidden(d);
  return [
    { flops: denseFlops(config.batchSize, d, h), inputGrad: true },
    { flops: denseFlops(config.batchSize, h, d), inputGrad: true },
  ];
}

/** FLOPs of the step without its seed methods. */
export function baseStepFlops(config: FlopsConfig, data: FlopsData): number {
  const n = config.batchSize;
  const d = config.embedDim;
  const backbone = backboneLayers(config, data);
  const projector: Layer[] = [
    { flops: denseFlops(n, config.width, projectorHidden(d)), inputGrad: true },
    { flops: denseFlops(n, projectorHidden(d), d), inputGrad: true },
  ];
  const classifier: Layer = { flops: denseFlops(n, config.width, data.classes), inputGrad: true };
  const predictor = usesPredictor(config) ? predictorLayers(config) : [];
  const view = [...backbone, ...projector];
  let total = 2 * forward(view) + forward([classifier]);
  if (config.task === 'supervised') {
    if (config.objective === 'ce') total += backward([...backbone, classifier]);
    else total += backward(backbone) + forward([classifier]) + backward([{ ...classifier, inputGrad: false }]);
    return total;
  }
  // SSL: both views on the gradient path, the probe on stop-gradient features.
  total += 2 * (forward(predictor) + backward([...view, ...predictor]));
  total += forward([classifier]) + backward([{ ...classifier, inputGrad: false }]);
  // BYOL's target network: both views forward, no backward.
  if (config.objective === 'byol') total += 2 * forward(view);
  return total;
}

/** ρSIM's heads on every block: the target projector forward, the prediction branch forward and backward. */
function simFlops(config: FlopsConfig, data: FlopsData): number {
  const { ratio } = termParams(config as RunConfig, simTerm.spec);
  const { h, w } = blockGrid(config, data);
  // CNN: each image's H*W positions are tokens; MLP: the batch rows are the tokens of one sample.
  const tokens = config.model === 'cnn' ? h * w : config.batchSize;
  const n = sampledTokenCount(ratio, tokens);
  if (n < 2) return 0;
  const rows = config.model === 'cnn' ? config.batchSize * n : n;
  const c = config.width;
  const projector = denseFlops(rows, c, SIM_HIDDEN) + denseFlops(rows, SIM_HIDDEN, SIM_LATENT) + denseFlops(rows, SIM_LATENT, SIM_LATENT);
  const predictor = denseFlops(rows, SIM_LATENT, SIM_LATENT);
  // Target: forward only (stop-gradient). Prediction: forward, then backward with input gradients into the block.
  return config.depth * (projector + 3 * (projector + predictor));
}

/** IMSVD's joint J = P1ᵀ P2 / N over the K*B used dims: forward and both operands' gradients. */
function imsvdFlops(config: FlopsConfig): number {
  const { binSize } = termParams(config as RunConfig, imsvdTerm.spec);
  const used = Math.floor(config.embedDim / binSize) * binSize;
  return 3 * denseFlops(config.batchSize, used, used);
}

/** CorInfoMax per view: the correlation zᵀz (forward, backward) and the log det (Cholesky D³/3, its gradient an inverse, D³). */
function corinfomaxFlops(config: FlopsConfig): number {
  const d = config.embedDim;
  return 2 * (3 * denseFlops(config.batchSize, d, d) + (4 / 3) * d ** 3);
}

/** CIR: the negatives' weighted class means and the batch's class means, in the perturbed space. */
function cirFlops(config: FlopsConfig, data: FlopsData): number {
  const space = termParams(config as RunConfig, cirTerm.spec).attach === 'logits' ? data.classes : config.width;
  return 2 * denseFlops(config.batchSize, data.classes, space);
}

/** Masking + mixing: the prediction head (SimSiam's or BYOL's predictor, else none) on the mixed embeddings, once or both ways. */
function maskmixFlops(config: FlopsConfig): number {
  const { mixing } = termParams(config as RunConfig, maskmixTerm.spec);
  const ways = mixing === 'symmetric' ? 2 : 1;
  const head = usesPredictor(config) ? predictorLayers(config) : [];
  return ways * (forward(head) + backward(head));
}

/** The extra FLOPs of one seed method (0 for one this counter does not know). */
export function methodFlops(method: string, config: FlopsConfig, data: FlopsData): number {
  switch (method) {
    case 'sim':
      return simFlops(config, data);
    case 'imsvd':
      return imsvdFlops(config);
    case 'corinfomax':
      return corinfomaxFlops(config);
    case 'cir':
      return cirFlops(config, data);
    case 'maskmix':
      return maskmixFlops(config);
    default:
      return 0;
  }
}

/** The step's arithmetic: the base step and the extra of each method the config turns on. */
export function stepFlops(config: FlopsConfig, data: FlopsData): StepFlops {
  return {
    base: baseStepFlops(config, data),
    methods: Object.fromEntries(config.methods.map((m) => [m, methodFlops(m, config, data)])),
  };
}

/** The arithmetic ratio of the step with its methods to the base step. */
export function flopsRatio(flops: StepFlops): number {
  const extra = Object.values(flops.methods).reduce((a, b) => a + b, 0);
  return (flops.base + extra) / flops.base;
}
