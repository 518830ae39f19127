/**
 * The instant datasets: RGB images of six shape classes (circle, square, triangle, cross,
 * ring, bar) with random position, size, rotation and colour on a darker random background
 * with a faint gradient, at 32x32 and at 16x16 (the same scenes drawn smaller: four times
 * fewer inputs, for fast runs on a CPU). Generated in code from the seed (no download),
 * anti-aliased analytically from signed distances.
 */
import type { DatasetSpec } from '../catalog';
import type { DatasetSource, LoadedDataset } from './dataset';
import { Rng } from '../util/rng';
import { hsvToRgb } from './colour';
import { datasetRng } from './datasetRng';
import { balancedLabels } from './split';
import { channelMean } from './stats';
import { imageGridThumbnail } from './thumbnail';

/** The shape classes, in label order. */
export const SHAPE_CLASSES = ['circle', 'square', 'triangle', 'cross', 'ring', 'bar'] as const;

/** Image side in pixels of the full-size set. */
export const SHAPE_SIZE = 32;
/** Image side in pixels of the small set. */
export const SMALL_SHAPE_SIZE = 16;

/** Default split sizes (each a multiple of the class count, so both are exactly balanced). */
export const SHAPES_TRAIN = 3000;
/** Default test size. */
export const SHAPES_TEST = 600;

/** Metadata of the shapes datasets at `size` pixels. */
function shapesSpec(id: string, label: string, size: number): DatasetSpec {
  return {
    id,
    label,
    kind: 'image',
    shape: [size, size, 3],
    classes: SHAPE_CLASSES,
    mirrorKeepsClass: true,
    source: `Generated from the seed in your browser: six shapes with random position, size, rotation and colour, ${size}x${size} pixels.`,
  };
}

/** Metadata of the 32x32 shapes dataset. */
export const SHAPES_SPEC: DatasetSpec = shapesSpec('shapes', 'Shapes (generated, 32 px)', SHAPE_SIZE);
/** Metadata of the 16x16 shapes dataset. */
export const SMALL_SHAPES_SPEC: DatasetSpec = shapesSpec('shapes16', 'Shapes (generated, 16 px)', SMALL_SHAPE_SIZE);

const TRIANGLE_NORMALS: readonly (readonly [number, number])[] = [0, 1, 2].map((k) => {
  const a = Math.PI / 2 + (2 * Math.PI * k) / 3;
  return [Math.cos(a), Math.sin(a)] as const;
});

/** Signed distance of a box with half-extents (a, b), exact inside and along edges. */
function boxDistance(x: number, y: number, a: number, b: number): number {
  return Math.max(Math.abs(x) - a, Math.abs(y) - b);
}

/**
 * Signed distance (in pixels, negative inside) from the point (x, y), given in the
 * shape's own rotated frame, to the outline of class `cls` of radius `r`.
 */
export function shapeDistance(cls: number, x: number, y: number, r: number): number {
  switch (cls) {
    case 0: // circle
      return Math.hypot(x, y) - 0.85 * r;
    case 1: // square
      return boxDistance(x, y, 0.72 * r, 0.72 * r);
    case 2: { // equilateral triangle with circumradius r
      let d = -Infinity;
      for (const [nx, ny] of TRIANGLE_NORMALS) d = Math.max(d, x * nx + y * ny - 0.5 * r);
      return d;
    }
    case 3: { // cross: two crossing bars
      const t = Math.max(1.3, 0.24 * r);
      return Math.min(boxDistance(x, y, 0.9 * r, t), boxDistance(x, y, t, 0.9 * r));
    }
    case 4: // ring
      return Math.abs(Math.hypot(x, y) - 0.78 * r) - Math.max(1.2, 0.2 * r);
    case 5: // bar
      return boxDistance(x, y, 0.95 * r, Math.max(1.4, 0.3 * r));
    default:
      throw new Error(`Unknown shape class ${cls}.`);
  }
}

/**
 * Draws one `size` x `size` image of class `cls` into `out` at `offset` (HWC, RGB in
 * [0, 1]). Consumes a fixed number of draws from `rng`; sizes and margins scale with the
 * image, so a scene looks the same at every size.
 */
export function renderShape(cls: number, rng: Rng, out: Float32Array, offset: number, size = SHAPE_SIZE): void {
  const S = size;
  const r = (rng.uniform(5.5, 11) * S) / SHAPE_SIZE;
  const margin = 0.9 * r + 0.5;
  const cx = rng.uniform(margin, S - margin);
  const cy = rng.uniform(margin, S - margin);
  const angle = rng.uniform(0, 2 * Math.PI);
  const fg = hsvToRgb(rng.next(), rng.uniform(0.5, 1), rng.uniform(0.7, 1));
  const bg = hsvToRgb(rng.next(), rng.uniform(0.2, 0.8), rng.uniform(0.05, 0.35));
  const gAngle = rng.uniform(0, 2 * Math.PI);
  const gAmp = rng.uniform(0, 0.1) / S;
  const gx = Math.cos(gAngle) * gAmp;
  const gy = Math.sin(gAngle) * gAmp;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const reach = r + 2;
  for (let py = 0; py < S; py++) {
    for (let px = 0; px < S; px++) {
      const dx = px + 0.5 - cx;
      const dy = py + 0.5 - cy;
      let alpha = 0;
      if (Math.abs(dx) < reach && Math.abs(dy) < reach) {
        const d = shapeDistance(cls, cos * dx + sin * dy, -sin * dx + cos * dy, r);
        alpha = Math.min(1, Math.max(0, 0.5 - d));
      }
      const shade = (px - S / 2) * gx + (py - S / 2) * gy;
      const o = offset + (py * S + px) * 3;
      for (let k = 0; k < 3; k++) {
        const back = Math.min(1, Math.max(0, bg[k]! + shade));
        out[o + k] = back + (fg[k]! - back) * alpha;
      }
    }
  }
}

/** `count` class-balanced `size`-pixel shape images (NHWC flat) and their labels, deterministic for the generator's state. */
export function generateShapes(count: number, rng: Rng, size = SHAPE_SIZE): { x: Float32Array; y: Int32Array } {
  const y = balancedLabels(count, SHAPE_CLASSES.length, rng);
  const per = size * size * 3;
  const x = new Float32Array(count * per);
  for (let i = 0; i < count; i++) renderShape(y[i]!, rng, x, i * per, size);
  return { x, y };
}

/** Generates the train/test split of a shapes dataset for a seed (sizes overridable for tests). */
export function loadShapes(seed: number, trainCount = SHAPES_TRAIN, testCount = SHAPES_TEST, spec: DatasetSpec = SHAPES_SPEC): LoadedDataset {
  const size = spec.shape[0]!;
  // One random stream for every size: the 16 px set holds the same scenes as the 32 px one.
  const rng = datasetRng(seed, SHAPES_SPEC.id);
  const train = generateShapes(trainCount, rng, size);
  const test = generateShapes(testCount, rng, size);
  return { spec, trainX: train.x, trainY: train.y, testX: test.x, testY: test.y, mean: channelMean(train.x, 3) };
}

/** A registered shapes dataset of the given spec. */
function shapesSource(spec: DatasetSpec): DatasetSource {
  const size = spec.shape[0]!;
  return {
    spec,
    load: async (seed) => loadShapes(seed, SHAPES_TRAIN, SHAPES_TEST, spec),
    thumbnail: async () => {
      const rng = new Rng(20251122);
      const per = size * size * 3;
      const x = new Float32Array(16 * per);
      for (let i = 0; i < 16; i++) renderShape(i % SHAPE_CLASSES.length, rng, x, i * per, size);
      return imageGridThumbnail(x, spec.shape);
    },
  };
}

/** The registered 32x32 shapes dataset. */
export const SHAPES = shapesSource(SHAPES_SPEC);
/** The registered 16x16 shapes dataset. */
export const SMALL_SHAPES = shapesSource(SMALL_SHAPES_SPEC);
