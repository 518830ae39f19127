/**
 * Toy 2-D point sets (blobs, rings, spirals): several classes, seeded, standardised
 * with the training statistics (per-feature mean removed, one pooled scale so the
 * geometry is kept) to roughly unit scale. Instant, and the easiest place to watch an
 * embedding collapse.
 */
import type { DatasetSpec } from '../catalog';
import type { DatasetSource, LoadedDataset } from './dataset';
import type { Rng } from '../util/rng';
import { datasetRng } from './datasetRng';
import { balancedLabels } from './split';
import { channelMean } from './stats';
import { scatterThumbnail } from './thumbnail';

/** Draws one point of class `cls` (after the per-seed layout has been drawn). */
export type PointSampler = (cls: number, rng: Rng) => [number, number];

/** A toy point set: its metadata and how a seed lays it out. */
export interface ToySet {
  spec: DatasetSpec;
  /** Draws the per-seed layout (centres, shapes) and returns the point sampler. */
  layout(rng: Rng): PointSampler;
}

/** Default split sizes (multiples of every toy set's class count). */
export const TOY_TRAIN = 3000;
/** Default test size. */
export const TOY_TEST = 600;

function numbered(prefix: string, n: number): string[] {
  return Array.from({ length: n }, (_, k) => `${prefix} ${k + 1}`);
}

/** Five anisotropic Gaussian blobs around a circle. */
export const BLOBS: ToySet = {
  spec: {
    id: 'blobs',
    label: 'Blobs (2-D)',
    kind: 'points',
    shape: [2],
    classes: numbered('blob', 5),
    source: 'Generated from the seed: five Gaussian clusters with random orientation and spread.',
  },
  layout(rng) {
    const K = this.spec.classes.length;
    const blobs = Array.from({ length: K }, (_, k) => {
      const a = (2 * Math.PI * k) / K + rng.uniform(-0.3, 0.3);
      const dist = rng.uniform(2, 3);
      const rot = rng.uniform(0, Math.PI);
      return { cx: dist * Math.cos(a), cy: dist * Math.sin(a), sx: rng.uniform(0.3, 0.8), sy: rng.uniform(0.3, 0.8), c: Math.cos(rot), s: Math.sin(rot) };
    });
    return (cls, r) => {
      const b = blobs[cls]!;
      const u = r.normal() * b.sx;
      const v = r.normal() * b.sy;
      return [b.cx + b.c * u - b.s * v, b.cy + b.s * u + b.c * v];
    };
  },
};

/** Three concentric noisy rings. */
export const RINGS: ToySet = {
  spec: {
    id: 'rings',
    label: 'Rings (2-D)',
    kind: 'points',
    shape: [2],
    classes: ['inner ring', 'middle ring', 'outer ring'],
    source: 'Generated from the seed: three concentric noisy rings (not linearly separable).',
  },
  layout(rng) {
    const noise = rng.uniform(0.1, 0.16);
    return (cls, r) => {
      const a = r.uniform(0, 2 * Math.PI);
      const radius = cls + 1 + r.normal() * noise;
      return [radius * Math.cos(a), radius * Math.sin(a)];
    };
  },
};

/** Three interleaved spiral arms. */
export const SPIRALS: ToySet = {
  spec: {
    id: 'spirals',
    label: 'Spirals (2-D)',
    kind: 'points',
    shape: [2],
    classes: numbered('arm', 3),
    source: 'Generated from the seed: three interleaved noisy spiral arms.',
  },
  layout(rng) {
    const K = this.spec.classes.length;
    const turns = rng.uniform(0.8, 1.1);
    const phase = rng.uniform(0, 2 * Math.PI);
    return (cls, r) => {
      const t = r.next();
      const radius = 0.2 + 2.8 * t;
      const a = phase + (2 * Math.PI * cls) / K + 2 * Math.PI * turns * t;
      const noise = 0.06 + 0.1 * t;
      return [radius * Math.cos(a) + r.normal() * noise, radius * Math.sin(a) + r.normal() * noise];
    };
  },
};

/** `count` class-balanced points ([x0, y0, x1, y1, ...]) drawn with `sample`. */
export function samplePoints(count: number, classes: number, sample: PointSampler, rng: Rng): { x: Float32Array; y: Int32Array } {
  const y = balancedLabels(count, classes, rng);
  const x = new Float32Array(2 * count);
  for (let i = 0; i < count; i++) {
    const [a, b] = sample(y[i]!, rng);
    x[2 * i] = a;
    x[2 * i + 1] = b;
  }
  return { x, y };
}

/** Subtracts the per-feature `mean` and divides by `scale`, in place. */
function standardise(x: Float32Array, mean: number[], scale: number): void {
  for (let i = 0; i < x.length; i++) x[i] = (x[i]! - mean[i % 2]!) / scale;
}

/** Generates a toy set's standardised train/test split for a seed. */
export function loadToySet(set: ToySet, seed: number, trainCount = TOY_TRAIN, testCount = TOY_TEST): LoadedDataset {
  const rng = datasetRng(seed, set.spec.id);
  const sample = set.layout(rng);
  const K = set.spec.classes.length;
  const train = samplePoints(trainCount, K, sample, rng);
  const test = samplePoints(testCount, K, sample, rng);
  const rawMean = channelMean(train.x, 2);
  let sq = 0;
  for (let i = 0; i < train.x.length; i++) sq += (train.x[i]! - rawMean[i % 2]!) ** 2;
  const scale = Math.sqrt(sq / Math.max(1, train.x.length)) || 1;
  standardise(train.x, rawMean, scale);
  standardise(test.x, rawMean, scale);
  return { spec: set.spec, trainX: train.x, trainY: train.y, testX: test.x, testY: test.y, mean: channelMean(train.x, 2) };
}

/** A registered dataset for a toy point set; the thumbnail plots a fixed-seed sample. */
export function toySource(set: ToySet): DatasetSource {
  return {
    spec: set.spec,
    load: async (seed) => loadToySet(set, seed),
    thumbnail: async () => {
      const d = loadToySet(set, 1, 900, 0);
      return scatterThumbnail(d.trainX, d.trainY);
    },
  };
}
