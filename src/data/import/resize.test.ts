import { describe, expect, it } from 'vitest';
import { centredSquare, resizeSquare, toBytes, type RgbaImage } from './resize';

/** A seeded random RGBA image (alpha included). */
function randomImage(width: number, height: number, seed: number, opaque = false): RgbaImage {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 256;
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < data.length; i++) data[i] = opaque && i % 4 === 3 ? 255 : Math.floor(next());
  return { width, height, data };
}

/**
 * Float64 reference of the same resize, by another route: every source pixel is repeated
 * `fine x fine` times, so that (with `fine` chosen for it) the centred square and every output
 * footprint fall on whole fine pixels, which are then plainly averaged.
 */
function reference(image: RgbaImage, size: number, colour: 'rgb' | 'grey', fine: number): Float64Array {
  const { width, height, data } = image;
  const c = colour === 'rgb' ? 3 : 1;
  const value = (x: number, y: number, k: number): number => {
    const o = (y * width + x) * 4;
    const a = data[o + 3]! / 255;
    if (c === 3) return data[o + k]! * a;
    return (0.299 * data[o]! + 0.587 * data[o + 1]! + 0.114 * data[o + 2]!) * a;
  };
  const side = Math.min(width, height) * fine;
  const x0 = ((width * fine - side) / 2) | 0;
  const y0 = ((height * fine - side) / 2) | 0;
  const block = side / size;
  expect(Number.isInteger(block) && (width * fine - side) % 2 === 0 && (height * fine - side) % 2 === 0).toBe(true);
  const out = new Float64Array(size * size * c);
  for (let oy = 0; oy < size; oy++) {
    for (let ox = 0; ox < size; ox++) {
      for (let k = 0; k < c; k++) {
        let sum = 0;
        for (let fy = 0; fy < block; fy++) {
          for (let fx = 0; fx < block; fx++) sum += value(Math.floor((x0 + ox * block + fx) / fine), Math.floor((y0 + oy * block + fy) / fine), k);
        }
        out[(oy * size + ox) * c + k] = sum / (block * block) / 255;
      }
    }
  }
  return out;
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe('resizeSquare', () => {
  it('takes the centred square of a wide or tall image', () => {
    expect(centredSquare(7, 5)).toEqual({ x0: 1, y0: 0, side: 5 });
    expect(centredSquare(4, 7)).toEqual({ x0: 0, y0: 1.5, side: 4 });
  });

  it.each([
    ['shrinks a wide image by a fractional factor', 7, 5, 3, 'rgb', 6],
    ['shrinks a tall image whose square starts half a pixel in', 4, 7, 3, 'rgb', 6],
    ['enlarges a small image', 3, 3, 8, 'rgb', 8],
    ['shrinks to grey', 20, 13, 6, 'grey', 12],
    ['keeps the size of a square image', 5, 5, 5, 'rgb', 1],
  ] as const)('%s, as the float64 reference', (_, w, h, size, colour, fine) => {
    const image = randomImage(w, h, w * 31 + h);
    const got = resizeSquare(image, size, colour);
    expect(maxDiff(got, reference(image, size, colour, fine))).toBeLessThan(1e-6);
  });

  it('leaves a same-size opaque image as it is and a flat image flat', () => {
    const image = randomImage(6, 6, 3, true);
    const same = resizeSquare(image, 6, 'rgb');
    const rgb = Array.from({ length: 36 }, (_, p) => [0, 1, 2].map((k) => image.data[p * 4 + k]! / 255)).flat();
    expect(maxDiff(same, rgb)).toBeLessThan(1e-6);
    const flat: RgbaImage = { width: 9, height: 4, data: new Uint8Array(36 * 4).map((_, i) => (i % 4 === 3 ? 255 : 102)) };
    expect(maxDiff(resizeSquare(flat, 3, 'grey'), new Array(9).fill(0.4))).toBeLessThan(1e-6);
  });

  it('stores values as rounded bytes', () => {
    expect(Array.from(toBytes(Float32Array.from([0, 0.5, 1, 1.2, -0.1, 0.002])))).toEqual([0, 128, 255, 255, 0, 1]);
  });
});
