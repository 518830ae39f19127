/**
 * Two-view augmentations for self-supervised runs, as tfjs ops on whatever backend is
 * active (no read-back). Per-sample parameters and the pixel noise are drawn on the
 * CPU from the step's `Rng` and uploaded, so a seed gives the same views on every
 * backend (up to float rounding).
 *
 * Images (NHWC in [0, 1]): random resized crop and horizontal flip in one
 * `cropAndResize` (a flipped box has x1 > x2), colour jitter for RGB (brightness,
 * contrast, saturation, sometimes grey) as one per-sample affine colour map, small
 * near-Gaussian pixel noise, clipped to [0, 1].
 * Points ([N, F]): a random per-sample scale and Gaussian noise.
 *
 * ```ts
 * const loss = tf.tidy(() => {
 *   const [x1, x2] = makeTwoViews(batch, 'image', rng, { strength: 0.7 });
 *   ...
 * });
 * ```
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../util/rng';
import type { DatasetSpec } from '../catalog';

/** Augmentation knobs. `strength` scales every magnitude and probability; 0 gives the input back. */
export interface AugmentOptions {
  /** Overall strength in [0, 1]. */
  strength: number;
  /** Range of the crop's share of the image area (the lower end is reached at strength 1). */
  cropScale: [number, number];
  /** Range of the crop's aspect ratio w/h, sampled log-uniformly. */
  cropAspect: [number, number];
  /** Probability of a horizontal flip (0 for digits, where a mirrored 7 is not a 7). */
  flipProb: number;
  /** Probability that colour jitter is applied to a sample (RGB only). */
  jitterProb: number;
  /** Brightness factor range: 1 +- brightness. */
  brightness: number;
  /** Contrast factor range: 1 +- contrast. */
  contrast: number;
  /** Saturation factor range: 1 +- saturation. */
  saturation: number;
  /** Probability of turning a sample grey (RGB only). */
  grayscaleProb: number;
  /** Standard deviation of the pixel noise. */
  noiseStd: number;
  /** Standard deviation of the point noise (points are roughly unit scale). */
  pointNoiseStd: number;
  /** Point scale factor range: 1 +- pointScale. */
  pointScale: number;
}

/** Defaults suited to 28-32 px images and unit-scale points. */
export const DEFAULT_AUGMENT: Readonly<AugmentOptions> = {
  strength: 1,
  cropScale: [0.35, 1],
  cropAspect: [3 / 4, 4 / 3],
  flipProb: 0.5,
  jitterProb: 0.8,
  brightness: 0.4,
  contrast: 0.4,
  saturation: 0.4,
  grayscaleProb: 0.2,
  noiseStd: 0.03,
  pointNoiseStd: 0.1,
  pointScale: 0.2,
};

/** The per-sample parameters of one image view, drawn on the CPU. */
export interface ImageViewParams {
  /** Crop boxes [y1, x1, y2, x2] in [0, 1] per sample; x1 > x2 means flipped. */
  boxes: Float32Array;
  /** Colour factors per sample (all 1 where no jitter applies). */
  brightness: Float32Array;
  contrast: Float32Array;
  saturation: Float32Array;
  /** Whether any sample's colour changes (false for grey images or zero strength). */
  jitter: boolean;
  /** Additive pixel noise, NHWC, or null for none. */
  noise: Float32Array | null;
}

/** BT.601 luma weights. */
const LUMA = [0.299, 0.587, 0.114] as const;

function clampStrength(s: number): number {
  return Math.min(1, Math.max(0, Number.isFinite(s) ? s : 0));
}

/**
 * Fills `out` with approximately standard normal values scaled by `std`: the sum of
 * three uniforms, rescaled to unit variance (bounded at +-3 sigma). Several times
 * cheaper than Box-Muller, which matters at ~200k values per view.
 */
function fillNoise(out: Float32Array, std: number, rng: Rng): void {
  const k = 2 * std;
  for (let i = 0; i < out.length; i++) out[i] = k * (rng.next() + rng.next() + rng.next() - 1.5);
}

/** Draws one image view's parameters for a batch of NHWC `shape`. */
export function drawImageViewParams(shape: readonly number[], rng: Rng, options: Partial<AugmentOptions> = {}): ImageViewParams {
  const [n = 0, h = 0, w = 0, channels = 1] = shape;
  const o = { ...DEFAULT_AUGMENT, ...options };
  const s = clampStrength(o.strength);
  const scaleLo = 1 - s * (1 - o.cropScale[0]);
  const scaleHi = Math.max(scaleLo, o.cropScale[1]);
  const logAspectLo = s * Math.log(o.cropAspect[0]);
  const logAspectHi = s * Math.log(o.cropAspect[1]);
  const colour = channels === 3;
  const boxes = new Float32Array(4 * n);
  const brightness = new Float32Array(n).fill(1);
  const contrast = new Float32Array(n).fill(1);
  const saturation = new Float32Array(n).fill(1);
  let jitter = false;
  for (let i = 0; i < n; i++) {
    const area = rng.uniform(scaleLo, scaleHi);
    const aspect = Math.exp(rng.uniform(logAspectLo, logAspectHi));
    const bw = Math.min(1, Math.sqrt(area * aspect));
    const bh = Math.min(1, Math.sqrt(area / aspect));
    const y0 = rng.next() * (1 - bh);
    const x0 = rng.next() * (1 - bw);
    const flip = rng.next() < s * o.flipProb;
    boxes.set(flip ? [y0, x0 + bw, y0 + bh, x0] : [y0, x0, y0 + bh, x0 + bw], 4 * i);
    // Always draw the same number of values per sample so the stream stays aligned.
    const applyJitter = rng.next() < o.jitterProb;
    const b = 1 + s * o.brightness * rng.uniform(-1, 1);
    const c = 1 + s * o.contrast * rng.uniform(-1, 1);
    const sat = 1 + s * o.saturation * rng.uniform(-1, 1);
    const grey = rng.next() < s * o.grayscaleProb;
    if (colour && applyJitter && s > 0) {
      brightness[i] = b;
      contrast[i] = c;
      saturation[i] = sat;
      jitter = true;
    }
    if (colour && grey) {
      saturation[i] = 0;
      jitter = true;
    }
  }
  const noiseStd = s * o.noiseStd;
  let noise: Float32Array | null = null;
  if (noiseStd > 0) {
    noise = new Float32Array(n * h * w * channels);
    fillNoise(noise, noiseStd, rng);
  }
  return { boxes, brightness, contrast, saturation, jitter, noise };
}

/**
 * The colour jitter of every sample as one affine map per sample. Brightness b, then
 * contrast c around the image's mean luma m, then saturation s towards each pixel's
 * luma, compose (for a pixel row vector v) to `v @ K + (1 - c) b m`, with
 * `K[j][k] = c b (s [j = k] + (1 - s) luma_j)`. Returns K per sample ([n, 3, 3]) and
 * the offset scale `(1 - c) b` per sample.
 */
export function colourMaps(p: ImageViewParams): { matrices: Float32Array; offsetScale: Float32Array } {
  const n = p.brightness.length;
  const matrices = new Float32Array(9 * n);
  const offsetScale = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const b = p.brightness[i]!;
    const c = p.contrast[i]!;
    const s = p.saturation[i]!;
    for (let j = 0; j < 3; j++) {
      for (let k = 0; k < 3; k++) matrices[9 * i + 3 * j + k] = c * b * ((j === k ? s : 0) + (1 - s) * LUMA[j]!);
    }
    offsetScale[i] = (1 - c) * b;
  }
  return { matrices, offsetScale };
}

/**
 * Applies one image view's parameters to NHWC images in [0, 1]. The colour jitter is
 * done with batched matmuls rather than per-sample broadcasts (broadcasting ops are
 * ~40x slower than same-shape ops on the plain-JS CPU backend); the result is clipped
 * to [0, 1] once, at the end.
 */
export function applyImageView(x: tf.Tensor4D, p: ImageViewParams): tf.Tensor4D {
  return tf.tidy(() => {
    const [n, h, w, c] = x.shape;
    const boxes = tf.tensor2d(p.boxes, [n, 4]);
    const boxInd = tf.range(0, n, 1, 'int32') as tf.Tensor1D;
    let v: tf.Tensor = tf.image.cropAndResize(x, boxes, boxInd, [h, w], 'bilinear');
    if (p.jitter && c === 3) {
      const { matrices, offsetScale } = colourMaps(p);
      const hw = h * w;
      // Mean luma per image as one matmul ([n, HW*3] @ [HW*3, 1]): a reduction over a
      // middle axis would need a transpose, which is slow on the CPU backend.
      const lumaColumn = new Float32Array(hw * 3).map((_, k) => LUMA[k % 3]! / hw);
      const meanLuma = tf.matMul(tf.reshape(v, [n, hw * 3]), tf.tensor2d(lumaColumn, [hw * 3, 1]));
      const offsetRow = tf.reshape(tf.tile(tf.mul(meanLuma, tf.tensor2d(offsetScale, [n, 1])), [1, 3]), [n, 1, 3]);
      const mapped = tf.matMul(tf.reshape(v, [n, hw, 3]), tf.tensor3d(matrices, [n, 3, 3]));
      // Adds each sample's offset to all its pixels as a rank-1 matmul (no broadcast, no concat).
      v = tf.reshape(tf.add(mapped, tf.matMul(tf.ones([n, hw, 1]), offsetRow)), [n, h, w, 3]);
    }
    if (p.noise) v = tf.add(v, tf.tensor4d(p.noise, [n, h, w, c]));
    return tf.clipByValue(v, 0, 1) as tf.Tensor4D;
  });
}

/** The per-sample parameters of one point view. */
export interface PointViewParams {
  /** Scale factor per sample. */
  scale: Float32Array;
  /** Additive noise, [N * F]. */
  noise: Float32Array;
}

/** Draws one point view's parameters for `n` points of `features` values. */
export function drawPointViewParams(n: number, features: number, rng: Rng, options: Partial<AugmentOptions> = {}): PointViewParams {
  const o = { ...DEFAULT_AUGMENT, ...options };
  const s = clampStrength(o.strength);
  const scale = new Float32Array(n);
  const noise = new Float32Array(n * features);
  for (let i = 0; i < n; i++) scale[i] = 1 + s * o.pointScale * rng.uniform(-1, 1);
  for (let j = 0; j < noise.length; j++) noise[j] = s * o.pointNoiseStd * rng.normal();
  return { scale, noise };
}

/** Applies one point view's parameters to [N, F] points. */
export function applyPointView(x: tf.Tensor2D, p: PointViewParams): tf.Tensor2D {
  return tf.tidy(() => {
    const [n, f] = x.shape;
    return tf.add(tf.mul(x, tf.tensor2d(p.scale, [n, 1])), tf.tensor2d(p.noise, [n, f]));
  });
}

/** The augmentation a dataset allows: no mirror where a mirror changes the class (digits). */
export function augmentOptionsFor(spec: Pick<DatasetSpec, 'mirrorKeepsClass'>): Partial<AugmentOptions> {
  return spec.mirrorKeepsClass ? {} : { flipProb: 0 };
}

/**
 * Two independently augmented views of a batch: images NHWC in [0, 1] or points
 * [N, F]. Deterministic for the generator's state; the input is not disposed; the
 * two returned tensors belong to the caller (or the enclosing tidy).
 */
export function makeTwoViews(x: tf.Tensor, kind: 'image' | 'points', rng: Rng, opts: Partial<AugmentOptions> = {}): [tf.Tensor, tf.Tensor] {
  if (kind === 'image') {
    if (x.rank !== 4) throw new Error(`makeTwoViews: images must be NHWC (rank 4), got shape [${x.shape.join(', ')}].`);
    const img = x as tf.Tensor4D;
    const p1 = drawImageViewParams(x.shape, rng, opts);
    const p2 = drawImageViewParams(x.shape, rng, opts);
    return [applyImageView(img, p1), applyImageView(img, p2)];
  }
  if (x.rank !== 2) throw new Error(`makeTwoViews: points must be [N, F] (rank 2), got shape [${x.shape.join(', ')}].`);
  const [n = 0, f = 0] = x.shape;
  const pts = x as tf.Tensor2D;
  const p1 = drawPointViewParams(n, f, rng, opts);
  const p2 = drawPointViewParams(n, f, rng, opts);
  return [applyPointView(pts, p1), applyPointView(pts, p2)];
}
