/**
 * Random image masking + in-batch feature mixing (Li & Yin, ESWA 2025).
 * RECONSTRUCTED from the abstract (no public code), per docs/methods.md §5,
 * on top of whichever negative-free base objective is chosen:
 *
 *   masking  the masked view(s) are cut into P x P patches; each is replaced, with probability r,
 *            by a fill: the dataset mean (default), zero, or uniform noise
 *   mixing   z_mix = lam z1 + (1 - lam) z1[perm],  t_mix = lam sg(z2) + (1 - lam) sg(z2[perm]),
 *            lam_i ~ Beta(a, a) = G1 / (G1 + G2), G ~ Gamma(a)
 *            L_mix = w * dist(head(z_mix), t_mix), head = the base objective's prediction head when it has one (SimSiam's or BYOL's predictor)
 *            (symmetric: the mean of that and the same with the views swapped)
 *
 * All draws are seeded: the masks and permutation from the step's Rng on the CPU, the
 * Gamma and noise draws by tfjs with seeds from the same Rng.
 */
import * as tf from '@tensorflow/tfjs';
import { differentiableGather } from '../util/differentiableGather';
import type { ParamSpecs, ValuesOf } from '../params';
import type { Rng } from '../util/rng';
import { stopGradient } from '../util/stopGradient';
import { defineTerm, scalarDiagnostic, type PredictionHead } from './term';
import { meanCosine } from './vectorOps';

/** How many masked images the chart shows. */
export const PREVIEW_IMAGES = 8;

/**
 * Replaces masked patches of NHWC images by a fill.
 * keepMask [N, ceil(H/patch), ceil(W/patch)]: 1 keeps a patch, 0 masks it. fill: one value
 * per channel, or a tensor broadcastable to x (per-pixel noise). Edge patches are clipped
 * to the image.
 */
export function maskPatches(x: tf.Tensor4D, keepMask: tf.Tensor3D, fill: readonly number[] | tf.Tensor, patch: number): tf.Tensor4D {
  const [, h, w, c] = x.shape;
  if (Array.isArray(fill) && fill.length !== c) throw new Error(`maskPatches: the fill has ${fill.length} channels, the images have ${c}.`);
  return tf.tidy(() => {
    const rows = tf.tensor1d(Array.from({ length: h }, (_, r) => Math.floor(r / patch)), 'int32');
    const cols = tf.tensor1d(Array.from({ length: w }, (_, q) => Math.floor(q / patch)), 'int32');
    const pixelKeep = tf.expandDims(tf.gather(tf.gather(keepMask, rows, 1), cols, 2), 3);
    const values = fill instanceof tf.Tensor ? fill : tf.tensor1d(fill as number[]);
    return tf.add(tf.mul(x, pixelKeep), tf.mul(values, tf.sub(1, pixelKeep))) as tf.Tensor4D;
  });
}

/**
 * What masked patches of images shaped `shape` (NHWC) are filled with: the dataset mean
 * per channel, zero, or uniform [0, 1) noise per pixel and channel (a tf draw seeded from
 * `rng`, the only fill that draws).
 */
export function maskFill(kind: MaskFillKind, shape: readonly number[], dataMean: readonly number[], rng: Rng): readonly number[] | tf.Tensor {
  switch (kind) {
    case 'mean':
      return dataMean;
    case 'zero':
      return new Array<number>(shape[3]!).fill(0);
    case 'noise':
      return tf.randomUniform(shape as number[], 0, 1, 'float32', rng.tfSeed());
  }
}

/** Draws a keep mask [n, ceil(h/patch), ceil(w/patch)]: each patch masked (0) with probability `ratio`. */
export function drawKeepMask(n: number, h: number, w: number, patch: number, ratio: number, rng: Rng): { values: Float32Array; shape: [number, number, number] } {
  const gh = Math.ceil(h / patch);
  const gw = Math.ceil(w / patch);
  const values = new Float32Array(n * gh * gw);
  for (let i = 0; i < values.length; i++) values[i] = rng.next() < ratio ? 0 : 1;
  return { values, shape: [n, gh, gw] };
}

/**
 * In-batch mixing with the draws given: z_mix = lam z1 + (1 - lam) z1[perm] and the
 * target t_mix = sg(lam z2 + (1 - lam) z2[perm]). perm [N] int, lam [N].
 */
export function mixFeatures(z1: tf.Tensor2D, z2: tf.Tensor2D, perm: tf.Tensor1D, lam: tf.Tensor1D): { zMix: tf.Tensor2D; tMix: tf.Tensor2D } {
  return tf.tidy(() => {
    const l = tf.expandDims(lam, 1);
    // z[perm], with a gradient on every backend (WASM has no UnsortedSegmentSum).
    const mix = (z: tf.Tensor2D): tf.Tensor2D => tf.add(tf.mul(l, z), tf.mul(tf.sub(1, l), differentiableGather(z, perm, 0))) as tf.Tensor2D;
    return { zMix: mix(z1), tMix: stopGradient(mix(z2)) };
  });
}

/** lam ~ Beta(a, a) for `n` rows, as G1 / (G1 + G2) with two seeded tf.randomGamma draws. */
export function sampleBeta(n: number, a: number, seed1: number, seed2: number): tf.Tensor1D {
  return tf.tidy(() => {
    const g1 = tf.randomGamma([n], a, 1, 'float32', seed1);
    const g2 = tf.randomGamma([n], a, 1, 'float32', seed2);
    // Both draws can underflow to 0 for a small `a`; the floor keeps lam finite (then 0).
    return tf.div(g1, tf.maximum(tf.add(g1, g2), 1e-30)) as tf.Tensor1D;
  });
}

/** The distance between predictions and targets: negative mean cosine, or mean squared error. */
export function mixDistance(p: tf.Tensor2D, t: tf.Tensor2D, kind: MixDistance): tf.Scalar {
  if (kind === 'mse') return tf.mean(tf.square(tf.sub(p, t))) as tf.Scalar;
  return tf.neg(meanCosine(p, t)) as tf.Scalar;
}

/** The head applied to z_mix: the base objective's prediction head when it has one, else identity. */
export function mixHead(baseHead: PredictionHead | null): PredictionHead {
  return baseHead ?? ((z) => z);
}

/** Masking + mixing's knobs (our reconstruction's unknowns). */
export const MASKMIX_PARAMS = {
  patch: { kind: 'number', label: 'Patch size P (px)', default: 4, min: 1, max: 16, integer: true, step: 1, help: 'The masked view is cut into P x P patches.' },
  ratio: { kind: 'number', label: 'Mask ratio r', default: 0.3, min: 0, max: 0.9, step: 0.05, help: 'Chance that a patch is replaced by the fill.' },
  maskedView: {
    kind: 'choice',
    label: 'Masked view',
    default: 'view1',
    options: [
      { value: 'view1', label: 'View 1' },
      { value: 'view2', label: 'View 2' },
      { value: 'both', label: 'Both views' },
    ],
    help: 'Which augmented view has patches masked; with both, each view gets its own mask.',
  },
  fill: {
    kind: 'choice',
    label: 'Mask fill',
    default: 'mean',
    options: [
      { value: 'mean', label: 'Dataset mean' },
      { value: 'zero', label: 'Zero' },
      { value: 'noise', label: 'Uniform noise' },
    ],
    help: 'What a masked patch shows: the dataset mean colour, black (0), or uniform [0, 1) noise drawn anew per pixel and channel.',
  },
  alpha: { kind: 'number', label: 'Beta(a, a) shape a', default: 1, min: 0.1, max: 10, log: true, help: 'Mixing weights λ ~ Beta(a, a): 1 is uniform, small a mixes little, large a mixes evenly.' },
  weight: { kind: 'number', label: 'Mixing weight w', default: 1, min: 0, max: 10, step: 0.1 },
  distance: {
    kind: 'choice',
    label: 'Distance',
    default: 'cosine',
    options: [
      { value: 'cosine', label: 'Negative cosine' },
      { value: 'mse', label: 'Mean squared error' },
    ],
    help: 'How far head(z_mix) is from the mixed target.',
  },
  mixing: {
    kind: 'choice',
    label: 'Mixing direction',
    default: 'oneway',
    options: [
      { value: 'oneway', label: 'One way' },
      { value: 'symmetric', label: 'Symmetric' },
    ],
    help: 'One way: mixed z1 predicts mixed sg(z2). Symmetric: also mixed z2 predicts mixed sg(z1) (same partners and λ), and the two distances are averaged.',
  },
} as const satisfies ParamSpecs;

/** The distances mixing can use. */
export type MixDistance = (typeof MASKMIX_PARAMS.distance.options)[number]['value'];

/** What masked patches are filled with. */
export type MaskFillKind = (typeof MASKMIX_PARAMS.fill.options)[number]['value'];

/** Which way mixed features predict mixed targets. */
export type MixingDirection = (typeof MASKMIX_PARAMS.mixing.options)[number]['value'];

/** Knob values of masking + mixing. */
type MaskmixValues = ValuesOf<typeof MASKMIX_PARAMS>;

/** Masks the images `x` (NHWC) with fresh draws from `rng`: the keep mask, then the fill. */
function maskView(x: tf.Tensor4D, params: MaskmixValues, rng: Rng, dataMean: readonly number[]): tf.Tensor4D {
  const [n, h, w] = x.shape;
  const mask = drawKeepMask(n, h, w, params.patch, params.ratio, rng);
  return tf.tidy(() => maskPatches(x, tf.tensor3d(mask.values, mask.shape), maskFill(params.fill, x.shape, dataMean, rng), params.patch));
}

/**
 * The mixing distance with the draws given: dist(head(z1_mix), t2_mix) one way; symmetric
 * adds dist(head(z2_mix), t1_mix) (same perm and lam) and averages the two.
 */
export function mixingDistance(z1: tf.Tensor2D, z2: tf.Tensor2D, perm: tf.Tensor1D, lam: tf.Tensor1D, head: PredictionHead, kind: MixDistance, mixing: MixingDirection): tf.Scalar {
  return tf.tidy(() => {
    const oneWay = (a: tf.Tensor2D, b: tf.Tensor2D): tf.Scalar => {
      const { zMix, tMix } = mixFeatures(a, b, perm, lam);
      return mixDistance(head(zMix), tMix, kind);
    };
    if (mixing === 'oneway') return oneWay(z1, z2);
    return tf.div(tf.add(oneWay(z1, z2), oneWay(z2, z1)), 2) as tf.Scalar;
  });
}

/** Masking + mixing as a seed-method loss term (SSL on images). */
export const maskmixTerm = defineTerm({
  spec: {
    id: 'maskmix',
    label: 'Masking + mixing',
    role: 'method',
    tasks: ['ssl'],
    needs: { images: true },
    params: MASKMIX_PARAMS,
    formula: 'x ← mask(x; P x P patches → fill, prob r) for the masked view(s);  z_mix = λ z1 + (1-λ) z1[π],  t_mix = λ sg(z2) + (1-λ) sg(z2[π]),  λ ~ Beta(a, a);  L = w · dist(head(z_mix), t_mix)  (symmetric: mean with views swapped)',
    formulaTex: String.raw`\begin{aligned} x_1 &\leftarrow \operatorname{mask}(x_1;\ P \times P \text{ patches} \to \text{fill, prob } r) \\ z_{mix} &= \lambda z_1 + (1 - \lambda) z_1[\pi], \quad t_{mix} = \lambda \operatorname{sg}(z_2) + (1 - \lambda) \operatorname{sg}(z_2[\pi]), \quad \lambda \sim \operatorname{Beta}(a, a) \\ \mathcal{L} &= w \cdot \operatorname{dist}(\operatorname{head}(z_{mix}), t_{mix}) \quad (\text{symmetric: mean with views swapped}) \end{aligned}`,
    summary: 'Reconstructed from the abstract (no public code): masks random patches of a view (or both) and adds mixed in-batch samples as virtual positives.',
    card: 'seeds/maskmix.md',
    reconstructed: true,
    chart: { kind: 'images', title: 'Masked batch' },
    stateful: false,
  },
  transformInputs(x1, x2, params, { rng, dataMean }) {
    if (x1.rank !== 4) throw new Error('Masking + mixing masks image patches; this run does not feed images.');
    const first = params.maskedView === 'view2' ? x1 : maskView(x1 as tf.Tensor4D, params, rng, dataMean);
    const second = params.maskedView === 'view1' ? x2 : maskView(x2 as tf.Tensor4D, params, rng, dataMean);
    return [first, second];
  },
  compute(ctx, params) {
    const z1 = ctx.view1.z;
    const n = z1.shape[0];
    const permutation = ctx.rng.permutation(n);
    const seed1 = ctx.rng.tfSeed();
    const seed2 = ctx.rng.tfSeed();
    return tf.tidy(() => {
      const lam = sampleBeta(n, params.alpha, seed1, seed2);
      const dist = mixingDistance(z1, ctx.view2.z, tf.tensor1d(permutation, 'int32'), lam, mixHead(ctx.basePredictionHead), params.distance, params.mixing);
      // The preview shows a view that is masked: view 2 only when view 1 is not.
      const shown = params.maskedView === 'view2' ? ctx.x2 : ctx.x1;
      const images = tf.clipByValue(tf.slice(shown, 0, Math.min(PREVIEW_IMAGES, shown.shape[0] ?? 0)), 0, 1) as tf.Tensor4D;
      return {
        loss: tf.mul(dist, params.weight) as tf.Scalar,
        diagnostics: { images: { kind: 'images' as const, value: images }, mix: scalarDiagnostic(dist, 'mixing distance') },
      };
    });
  },
});
