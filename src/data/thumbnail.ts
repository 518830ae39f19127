/**
 * Small RGBA previews for the dataset picker: a grid of sample images, or a scatter
 * plot of 2-D points coloured by class. Pure JS, no canvas, so they work in a worker
 * and in Node tests.
 */

/** An RGBA preview image. */
export interface Thumbnail {
  width: number;
  height: number;
  rgba: Uint8ClampedArray;
}

/** Distinct class colours (RGB, 0..255), reused cyclically beyond ten classes. */
export const CLASS_COLOURS: readonly (readonly [number, number, number])[] = [
  [78, 160, 255],
  [255, 140, 50],
  [80, 200, 100],
  [240, 80, 90],
  [180, 130, 240],
  [200, 150, 110],
  [250, 130, 210],
  [170, 170, 170],
  [220, 220, 70],
  [70, 220, 230],
];

/** Colour of class `k`. */
export function classColour(k: number): readonly [number, number, number] {
  return CLASS_COLOURS[((k % CLASS_COLOURS.length) + CLASS_COLOURS.length) % CLASS_COLOURS.length]!;
}

const BACKDROP = [22, 24, 30] as const;

function blankImage(width: number, height: number): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    rgba[p * 4] = BACKDROP[0];
    rgba[p * 4 + 1] = BACKDROP[1];
    rgba[p * 4 + 2] = BACKDROP[2];
    rgba[p * 4 + 3] = 255;
  }
  return rgba;
}

/** Layout of an image grid thumbnail. */
export interface GridLayout {
  cols: number;
  rows: number;
  /** Side of one cell in pixels. */
  cell: number;
  /** Pixels between cells. */
  gap: number;
}

/** The default picker layout: 4 x 4 cells of 20 px with 2 px gaps (86 px square). */
export const DEFAULT_GRID: GridLayout = { cols: 4, rows: 4, cell: 20, gap: 2 };

/**
 * A grid of the first `cols * rows` images of `pixels` (NHWC, values in [0, 1]), each
 * area-resampled to the cell size. One channel is drawn as grey.
 */
export function imageGridThumbnail(pixels: Float32Array, imageShape: readonly number[], layout: GridLayout = DEFAULT_GRID): Thumbnail {
  const [h = 0, w = 0, c = 1] = imageShape;
  const { cols, rows, cell, gap } = layout;
  const width = cols * cell + (cols - 1) * gap;
  const height = rows * cell + (rows - 1) * gap;
  const rgba = blankImage(width, height);
  const perImage = h * w * c;
  const count = Math.min(cols * rows, Math.floor(pixels.length / perImage));
  const cellPixels = new Float32Array(cell * cell * c);
  for (let i = 0; i < count; i++) {
    resampleArea(pixels.subarray(i * perImage, (i + 1) * perImage), h, w, c, cell, cellPixels);
    const ox = (i % cols) * (cell + gap);
    const oy = Math.floor(i / cols) * (cell + gap);
    for (let y = 0; y < cell; y++) {
      for (let x = 0; x < cell; x++) {
        const src = (y * cell + x) * c;
        const dst = ((oy + y) * width + ox + x) * 4;
        for (let k = 0; k < 3; k++) rgba[dst + k] = Math.round(255 * cellPixels[src + (c === 3 ? k : 0)]!);
        rgba[dst + 3] = 255;
      }
    }
  }
  return { width, height, rgba };
}

/** Area-average resampling of one HWC image to `size x size` (writes into `out`). */
function resampleArea(img: Float32Array, h: number, w: number, c: number, size: number, out: Float32Array): void {
  const sy = h / size;
  const sx = w / size;
  for (let oy = 0; oy < size; oy++) {
    const y0 = oy * sy;
    const y1 = y0 + sy;
    for (let ox = 0; ox < size; ox++) {
      const x0 = ox * sx;
      const x1 = x0 + sx;
      for (let k = 0; k < c; k++) {
        let sum = 0;
        let weight = 0;
        for (let y = Math.floor(y0); y < Math.min(h, Math.ceil(y1)); y++) {
          const wy = Math.min(y + 1, y1) - Math.max(y, y0);
          for (let x = Math.floor(x0); x < Math.min(w, Math.ceil(x1)); x++) {
            const wx = Math.min(x + 1, x1) - Math.max(x, x0);
            sum += wy * wx * img[(y * w + x) * c + k]!;
            weight += wy * wx;
          }
        }
        out[(oy * size + ox) * c + k] = weight > 0 ? sum / weight : 0;
      }
    }
  }
}

/**
 * A scatter plot of 2-D points (`[x0, y0, x1, y1, ...]`) coloured by label, on a square
 * of `size` px covering `[-extent, extent]` on both axes (y up). Points outside are clamped to the edge.
 */
export function scatterThumbnail(points: Float32Array, labels: Int32Array, size = 88, extent = 2.6): Thumbnail {
  const rgba = blankImage(size, size);
  const scale = (size - 3) / (2 * extent);
  for (let i = 0; i < labels.length; i++) {
    const px = Math.round((points[2 * i]! + extent) * scale);
    const py = Math.round((extent - points[2 * i + 1]!) * scale);
    const [r, g, b] = classColour(labels[i]!);
    for (let dy = 0; dy < 2; dy++) {
      for (let dx = 0; dx < 2; dx++) {
        const x = Math.min(size - 1, Math.max(0, px + dx));
        const y = Math.min(size - 1, Math.max(0, py + dy));
        const o = (y * size + x) * 4;
        rgba[o] = r;
        rgba[o + 1] = g;
        rgba[o + 2] = b;
      }
    }
  }
  return { width: size, height: size, rgba };
}
