/**
 * The dataset contract. A dataset is loaded once per run into plain typed arrays
 * (pixels in [0, 1], NHWC, row-major) with a seeded train/test split; the trainer
 * uploads them to the backend and gathers batches there.
 */
import type { DatasetSpec } from '../catalog';

/** A loaded dataset. */
export interface LoadedDataset {
  spec: DatasetSpec;
  /** Training inputs, `trainCount * prod(spec.shape)` values. */
  trainX: Float32Array;
  trainY: Int32Array;
  testX: Float32Array;
  testY: Int32Array;
  /** Per-channel mean of the training inputs (length C for images, F for points). */
  mean: number[];
}

/** How a dataset reaches its bytes: same-origin fetch in the browser, the file system in Node tests. */
export type FetchBytes = (path: string) => Promise<Uint8Array>;

/** A registered dataset: metadata, a loader and a thumbnail. */
export interface DatasetSource {
  spec: DatasetSpec;
  /** Loads (or generates) the data; deterministic for a seed. */
  load(seed: number, fetchBytes: FetchBytes): Promise<LoadedDataset>;
  /** A small RGBA preview grid for the picker. */
  thumbnail(fetchBytes: FetchBytes): Promise<{ width: number; height: number; rgba: Uint8ClampedArray }>;
}
