/**
 * Loader for the 28x28 grey image sets (MNIST, Fashion-MNIST) stored as compact byte
 * files under `public/data/` by `scripts/build-datasets.ts`. It fetches the bytes
 * through the `FetchBytes` callback, validates them, makes a seeded stratified
 * train/test split and scales pixels to [0, 1] (NHWC [28, 28, 1]).
 */
import type { DatasetSpec } from '../catalog';
import type { DatasetSource, FetchBytes, LoadedDataset } from './dataset';
import { BYTE_IMAGES_FIX, decodeByteImages, type ByteImages } from './byteImageFile';
import { datasetRng } from './datasetRng';
import { stratifiedSplit } from './split';
import { channelMean } from './stats';
import { imageGridThumbnail } from './thumbnail';

/** Share of each class that goes to the test split (10k images give about 8000 / 2000). */
export const MNIST_LIKE_TEST_FRACTION = 0.2;

const TO_UNIT = Float32Array.from({ length: 256 }, (_, v) => v / 255);

/** Fetches, decodes and checks a byte image file against the dataset's spec. */
export async function fetchByteImages(spec: DatasetSpec, path: string, fetchBytes: FetchBytes): Promise<ByteImages> {
  let bytes: Uint8Array;
  try {
    bytes = await fetchBytes(path);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new Error(`Could not read the ${spec.label} file ${path} (${why}). ${BYTE_IMAGES_FIX}`, { cause: e });
  }
  const d = decodeByteImages(bytes, path);
  const [h, w, c] = spec.shape;
  if (d.height !== h || d.width !== w || d.channels !== c || d.classes !== spec.classes.length) {
    throw new Error(
      `Dataset file ${path} holds ${d.height}x${d.width}x${d.channels} images in ${d.classes} classes, ` +
        `but ${spec.label} expects ${spec.shape.join('x')} in ${spec.classes.length}. ${BYTE_IMAGES_FIX}`,
    );
  }
  return d;
}

/** Copies the listed images into [0, 1] floats and their labels. */
function gatherImages(d: ByteImages, indices: Int32Array): { x: Float32Array; y: Int32Array } {
  const per = d.height * d.width * d.channels;
  const x = new Float32Array(indices.length * per);
  const y = new Int32Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const src = indices[i]!;
    const from = src * per;
    const to = i * per;
    for (let p = 0; p < per; p++) x[to + p] = TO_UNIT[d.pixels[from + p]!]!;
    y[i] = d.labels[src]!;
  }
  return { x, y };
}

/** Loads a byte image dataset with a seeded stratified split. */
export async function loadMnistLike(spec: DatasetSpec, path: string, seed: number, fetchBytes: FetchBytes, testFraction = MNIST_LIKE_TEST_FRACTION): Promise<LoadedDataset> {
  const d = await fetchByteImages(spec, path, fetchBytes);
  const split = stratifiedSplit(d.labels, d.classes, testFraction, datasetRng(seed, spec.id));
  const train = gatherImages(d, split.train);
  const test = gatherImages(d, split.test);
  return { spec, trainX: train.x, trainY: train.y, testX: test.x, testY: test.y, mean: channelMean(train.x, d.channels) };
}

/**
 * A registered dataset backed by a byte image file at `path` (relative to the site
 * root, no leading slash, e.g. `data/mnist.u8`). The thumbnail shows the first 16
 * images of the file (the build script interleaves classes, so all classes appear).
 */
export function mnistLikeSource(spec: DatasetSpec, path: string): DatasetSource {
  return {
    spec,
    load: (seed, fetchBytes) => loadMnistLike(spec, path, seed, fetchBytes),
    thumbnail: async (fetchBytes) => {
      const d = await fetchByteImages(spec, path, fetchBytes);
      const first = Array.from({ length: Math.min(16, d.count) }, (_, i) => i);
      return imageGridThumbnail(gatherImages(d, Int32Array.from(first)).x, spec.shape);
    },
  };
}
