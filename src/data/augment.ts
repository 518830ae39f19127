/**
 * Two-view augmentations for self-supervised runs, as tfjs ops on whatever backend is
 * active (no read-back). Per-sample parameters are drawn on the CPU from the step's
 * `Rng` and uploaded as small tensors, so a seed gives the same views on every backend
 * (up to float rounding).
 *
 * Images (NHWC in [0, 1]): random resized crop and horizontal flip in one
 * `cropAndResize` (a flipped box has x1 > x2), colour jitter for RGB (brightness,
 * contrast, saturation, sometimes grey), small Gaussian noise, clipped to [0, 1].
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
  /** Colour factors per sample (all 1 when no jitter applies). */
  brightness: Float32Array;
  contrast: Float32Array;
  saturation: Float32Array;
  /** Whether any sample's colour changes (false for grey images or zero strength). */
  jitter: boolean;
  /** Noise standard deviation for the view (0: none) and the seed of its noise tensor. */
  noiseStd: number;
  noiseSeed: number;
}

function clampStrength(s: number): number {
  return Math.min(1, Math.max(0, Number.isFinite(s) ? s : 0));
}

/** Draws one image view's parameters for `n` samples with `channels` channels. */
export function drawImageViewParams(n: number, channels: number, rng: Rng, options: Partial<AugmentOptions> = {}): ImageViewParams {
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
    const w = Math.min(1, Math.sqrt(area * aspect));
    const h = Math.min(1, Math.sqrt(area / aspect));
    const y0 = rng.next() * (1 - h);
    const x0 = rng.next() * (1 - w);
    const flip = rng.next() < s * o.flipProb;
    boxes.set(flip ? [y0, x0 + w, y0 + h, x0] : [y0, x0, y0 + h, x0 + w], 4 * i);
    // Always draw the same number of values per sample so streams stay aligned.
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
  return { boxes, brightness, contrast, saturation, jitter, noiseStd: s * o.noiseStd, noiseSeed: rng.tfSeed() };
}

/** ITU-R BT.601 luma of an RGB NHWC tensor, [N, H, W, 1]. */
function luma(x: tf.Tensor4D): tf.Tensor4D {
  return tf.sum(tf.mul(x, tf.tensor1d([0.299, 0.587, 0.114])), -1, true) as tf.Tensor4D;
}

/** Applies one image view's parameters to NHWC images in [0, 1]. */
export function applyImageView(x: tf.Tensor4D, p: ImageViewParams): tf.Tensor4D {
  return tf.tidy(() => {
    const [n, h, w] = x.shape;
    const boxes = tf.tensor2d(p.boxes, [n, 4]);
    const boxInd = tf.range(0, n, 1, 'int32') as tf.Tensor1D;
    let v: tf.Tensor = tf.image.cropAndResize(x, boxes, boxInd, [h, w], 'bilinear');
    if (p.jitter) {
      const perSample = (a: Float32Array) => tf.tensor4d(a, [n, 1, 1, 1]);
      v = tf.clipByValue(tf.mul(v, perSample(p.brightness)), 0, 1);
      const m = tf.mean(luma(v as tf.Tensor4D), [1, 2, 3], true);
      v = tf.clipByValue(tf.add(tf.mul(tf.sub(v, m), perSample(p.contrast)), m), 0, 1);
      const g = luma(v as tf.Tensor4D);
      v = tf.clipByValue(tf.add(tf.mul(tf.sub(v, g), perSample(p.saturation)), g), 0, 1);
    }
    if (p.noiseStd > 0) {
      v = tf.clipByValue(tf.add(v, tf.randomNormal(v.shape, 0, p.noiseStd, 'float32', p.noiseSeed)), 0, 1);
    }
    return v as tf.Tensor4D;
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

/**
 * Two independently augmented views of a batch: images NHWC in [0, 1] or points
 * [N, F]. Deterministic for the generator's state; the input is not disposed; the
 * two returned tensors belong to the caller (or the enclosing tidy).
 */
export function makeTwoViews(x: tf.Tensor, kind: 'image' | 'points', rng: Rng, opts: Partial<AugmentOptions> = {}): [tf.Tensor, tf.Tensor] {
  if (kind === 'image') {
    if (x.rank !== 4) throw new Error(`makeTwoViews: images must be NHWC (rank 4), got shape [${x.shape.join(', ')}].`);
    const [n = 0, , , c = 1] = x.shape;
    const img = x as tf.Tensor4D;
    const p1 = drawImageViewParams(n, c, rng, opts);
    const p2 = drawImageViewParams(n, c, rng, opts);
    return [applyImageView(img, p1), applyImageView(img, p2)];
  }
  if (x.rank !== 2) throw new Error(`makeTwoViews: points must be [N, F] (rank 2), got shape [${x.shape.join(', ')}].`);
  const [n = 0, f = 0] = x.shape;
  const pts = x as tf.Tensor2D;
  const p1 = drawPointViewParams(n, f, rng, opts);
  const p2 = drawPointViewParams(n, f, rng, opts);
  return [applyPointView(pts, p1), applyPointView(pts, p2)];
}
