import { describe, expect, it } from 'vitest';
import type { DatasetSpec } from '../catalog';
import { BYTE_IMAGES_HEADER, decodeByteImages, encodeByteImages } from './byteImageFile';
import type { FetchBytes } from './dataset';
import { MNIST_SPEC } from './mnist';
import { loadMnistLike, mnistLikeSource } from './mnistLike';

const PER = 28 * 28;
/** Images per class in the synthetic file: 7, 8, ..., 16 (unequal on purpose). */
const COUNTS = Array.from({ length: 10 }, (_, k) => 7 + k);
const N = COUNTS.reduce((a, b) => a + b, 0);

/** A synthetic file: pixel p of image i is (i + p) % 256, so every image is recognisable. */
function syntheticFile(): { bytes: Uint8Array; labels: number[] } {
  const labels = COUNTS.flatMap((n, k) => Array<number>(n).fill(k));
  const pixels = new Uint8Array(N * PER);
  for (let i = 0; i < N; i++) for (let p = 0; p < PER; p++) pixels[i * PER + p] = (i + p) % 256;
  const bytes = encodeByteImages({ count: N, height: 28, width: 28, channels: 1, classes: 10, pixels, labels: Uint8Array.from(labels) });
  return { bytes, labels };
}

const serve = (bytes: Uint8Array): FetchBytes => async (path) => {
  if (path !== 'data/test.u8') throw new Error(`404 ${path}`);
  return bytes;
};

const SPEC: DatasetSpec = { ...MNIST_SPEC, id: 'mnist-test' };

/** Which synthetic image a loaded image is (from its first pixel), or -1 if any pixel disagrees. */
function identify(x: Float32Array, j: number): number {
  const i = Math.round(x[j * PER]! * 255);
  for (let p = 0; p < PER; p++) if (Math.abs(x[j * PER + p]! - ((i + p) % 256) / 255) > 1e-6) return -1;
  return i;
}

describe('loadMnistLike', () => {
  it('round-trips a synthetic file: every image once, pixels / 255, labels kept, stratified split', async () => {
    const { bytes, labels } = syntheticFile();
    const d = await loadMnistLike(SPEC, 'data/test.u8', 1, serve(bytes));
    expect(d.trainY.length + d.testY.length).toBe(N);
    expect(d.trainX.length).toBe(d.trainY.length * PER);
    expect(d.testX.length).toBe(d.testY.length * PER);
    const seen = new Set<number>();
    for (const [x, y] of [[d.trainX, d.trainY], [d.testX, d.testY]] as const) {
      for (let j = 0; j < y.length; j++) {
        const i = identify(x, j);
        expect(i).toBeGreaterThanOrEqual(0);
        expect(y[j]).toBe(labels[i]);
        seen.add(i);
      }
    }
    expect(seen.size).toBe(N);
    // Each class sends round(20%) of its images to the test split.
    const testCounts = COUNTS.map((_, k) => d.testY.filter((v) => v === k).length);
    expect(testCounts).toEqual(COUNTS.map((n) => Math.round(0.2 * n)));
    let sum = 0;
    d.trainX.forEach((v) => (sum += v));
    expect(d.mean[0]).toBeCloseTo(sum / d.trainX.length, 5);
    expect(Math.min(...d.trainX.subarray(0, 5000))).toBeGreaterThanOrEqual(0);
    expect(Math.max(...d.trainX.subarray(0, 5000))).toBeLessThanOrEqual(1);
  });

  it('splits deterministically for a seed and differently for another', async () => {
    const { bytes } = syntheticFile();
    const order = async (seed: number) => {
      const d = await loadMnistLike(SPEC, 'data/test.u8', seed, serve(bytes));
      return Array.from({ length: d.trainY.length }, (_, j) => Math.round(d.trainX[j * PER]! * 255));
    };
    expect(await order(5)).toEqual(await order(5));
    expect(await order(5)).not.toEqual(await order(6));
  });

  it('rejects a truncated file, saying so and how to rebuild it', async () => {
    const { bytes } = syntheticFile();
    const cut = bytes.subarray(0, bytes.length - 100);
    await expect(loadMnistLike(SPEC, 'data/test.u8', 1, serve(cut))).rejects.toThrow(/data\/test\.u8 is truncated.*npx tsx scripts\/build-datasets\.ts/);
    await expect(loadMnistLike(SPEC, 'data/test.u8', 1, serve(bytes.subarray(0, 9)))).rejects.toThrow(/truncated or empty.*build-datasets/);
  });

  it('rejects other damage with a message naming the problem', async () => {
    const { bytes } = syntheticFile();
    const load = (b: Uint8Array) => loadMnistLike(SPEC, 'data/test.u8', 1, serve(b));
    const withByte = (at: number, v: number) => {
      const b = bytes.slice();
      b[at] = v;
      return b;
    };
    await expect(load(withByte(0, 'X'.charCodeAt(0)))).rejects.toThrow(/not a Collapse Lab image file/);
    await expect(load(withByte(4, 9))).rejects.toThrow(/format version 9/);
    await expect(load(withByte(bytes.length - 1, 10))).rejects.toThrow(/label 10.*only 10 classes/);
    await expect(load(new TextEncoder().encode('<!doctype html><html><body>app</body></html>'))).rejects.toThrow(/missing.*HTML/);
    const extra = new Uint8Array(bytes.length + 3);
    extra.set(bytes);
    await expect(load(extra)).rejects.toThrow(/trailing bytes/);
    await expect(loadMnistLike(SPEC, 'data/missing.u8', 1, serve(bytes))).rejects.toThrow(/Could not read.*data\/missing\.u8.*404.*build-datasets/);
  });

  it('rejects a file whose image shape does not match the dataset', async () => {
    const small = encodeByteImages({ count: 1, height: 2, width: 2, channels: 1, classes: 10, pixels: new Uint8Array(4), labels: Uint8Array.of(3) });
    await expect(loadMnistLike(SPEC, 'data/test.u8', 1, serve(small))).rejects.toThrow(/2x2x1.*expects 28x28x1/);
  });
});

describe('decodeByteImages', () => {
  it('reads the header fields and works on a view with a byte offset', () => {
    const { bytes } = syntheticFile();
    const padded = new Uint8Array(bytes.length + 5);
    padded.set(bytes, 5);
    const d = decodeByteImages(padded.subarray(5), 'x.u8');
    expect([d.count, d.height, d.width, d.channels, d.classes]).toEqual([N, 28, 28, 1, 10]);
    expect(d.pixels.length).toBe(N * PER);
    expect(d.pixels[PER + 3]).toBe(4); // image 1, pixel 3
    expect(bytes.length).toBe(BYTE_IMAGES_HEADER + N * (PER + 1));
  });
});

describe('mnistLikeSource thumbnail', () => {
  it('draws the first 16 images as an 86 px grid', async () => {
    const { bytes } = syntheticFile();
    const t = await mnistLikeSource(SPEC, 'data/test.u8').thumbnail(serve(bytes));
    expect([t.width, t.height]).toEqual([86, 86]);
    expect(t.rgba.length).toBe(86 * 86 * 4);
    // Cell pixel (0, 0) averages source pixels x, y in [0, 1.4): values 0, 1, 28, 29 with
    // weights 1, 0.4, 0.4, 0.16 -> 16.24 / 1.96 = 8.29 -> 8, drawn as grey.
    expect(Array.from(t.rgba.subarray(0, 4))).toEqual([8, 8, 8, 255]);
  });
});
