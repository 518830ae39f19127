/**
 * The resizing maths of image import, pure so it runs the same in the import worker and
 * in Node tests: the centred square of a decoded image is area-averaged down (or up) to
 * the size the user picked. Each output pixel is the mean of the source over its square
 * footprint, partly covered source pixels weighted by the covered area. The browser only
 * decodes (browserDecode.ts).
 */

/** A decoded image: RGBA bytes, row-major, straight (not premultiplied) alpha. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
}

/** How imported images are stored: three colour channels or one grey channel. */
export type ColourMode = 'rgb' | 'grey';

/** Channels stored for a colour mode. */
export function channelsOf(colour: ColourMode): 1 | 3 {
  return colour === 'rgb' ? 3 : 1;
}

/** Rec. 601 luma weights, for grey. */
const LUMA = [0.299, 0.587, 0.114] as const;

/** The centred square of a `width x height` image: its corner (possibly half a pixel in) and side. */
export function centredSquare(width: number, height: number): { x0: number; y0: number; side: number } {
  const side = Math.min(width, height);
  return { x0: (width - side) / 2, y0: (height - side) / 2, side };
}

/** One output pixel's footprint along an axis: the source pixels it covers and how much of each. */
interface Footprint {
  first: number;
  weights: number[];
}

/** Footprints of `size` output pixels over the source span [start, start + span). */
function footprints(start: number, span: number, size: number): Footprint[] {
  return Array.from({ length: size }, (_, o) => {
    // Multiplying before dividing keeps the last edge exactly at start + span (span is whole).
    const lo = start + (o * span) / size;
    const hi = start + ((o + 1) * span) / size;
    const first = Math.floor(lo);
    const weights: number[] = [];
    for (let i = first; i < hi; i++) weights.push(Math.min(i + 1, hi) - Math.max(i, lo));
    return { first, weights };
  });
}

/**
 * The centred square of `image`, area-averaged to `size x size`, as HWC values in [0, 1]
 * with 3 channels (rgb) or 1 (grey: Rec. 601 luma). Transparent pixels count as black
 * (colour times alpha), as if the image were drawn on a black canvas.
 */
export function resizeSquare(image: RgbaImage, size: number, colour: ColourMode): Float32Array {
  const { width, data } = image;
  const { x0, y0, side } = centredSquare(image.width, image.height);
  const c = channelsOf(colour);
  const cols = footprints(x0, side, size);
  const rows = footprints(y0, side, size);
  const rowFirst = rows[0]!.first;
  const rowCount = rows[size - 1]!.first + rows[size - 1]!.weights.length - rowFirst;
  // Horizontal pass: every source row of the square, averaged into `size` columns.
  const across = new Float64Array(rowCount * size * c);
  const px = new Float64Array(c);
  for (let r = 0; r < rowCount; r++) {
    const y = rowFirst + r;
    for (let o = 0; o < size; o++) {
      const { first, weights } = cols[o]!;
      const sums = new Float64Array(c);
      let total = 0;
      for (let j = 0; j < weights.length; j++) {
        const at = (y * width + first + j) * 4;
        const alpha = data[at + 3]! / 255;
        if (c === 3) for (let k = 0; k < 3; k++) px[k] = data[at + k]! * alpha;
        else px[0] = (LUMA[0] * data[at]! + LUMA[1] * data[at + 1]! + LUMA[2] * data[at + 2]!) * alpha;
        for (let k = 0; k < c; k++) sums[k]! += weights[j]! * px[k]!;
        total += weights[j]!;
      }
      for (let k = 0; k < c; k++) across[(r * size + o) * c + k] = sums[k]! / total;
    }
  }
  // Vertical pass: rows averaged into `size` rows, scaled to [0, 1].
  const out = new Float32Array(size * size * c);
  for (let o = 0; o < size; o++) {
    const { first, weights } = rows[o]!;
    const total = weights.reduce((a, b) => a + b, 0);
    for (let x = 0; x < size; x++) {
      for (let k = 0; k < c; k++) {
        let sum = 0;
        for (let j = 0; j < weights.length; j++) sum += weights[j]! * across[((first - rowFirst + j) * size + x) * c + k]!;
        out[(o * size + x) * c + k] = sum / total / 255;
      }
    }
  }
  return out;
}

/** Values in [0, 1] as bytes 0..255 (rounded), the way imported pixels are stored. */
export function toBytes(values: Float32Array, into?: Uint8Array, offset = 0): Uint8Array {
  const out = into ?? new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) out[offset + i] = Math.round(Math.min(1, Math.max(0, values[i]!)) * 255);
  return out;
}
