/**
 * An imported dataset as the trainer takes it: a seeded stratified train/test split of the
 * stored samples; image bytes scaled to [0, 1], table features standardised per column
 * with the training split's mean and standard deviation.
 */
import type { DatasetSpec } from '../../catalog';
import type { Storage } from '../../storage/store';
import type { DatasetSource, LoadedDataset } from '../dataset';
import { datasetRng } from '../datasetRng';
import { stratifiedSplit } from '../split';
import { channelMean } from '../stats';
import { readUserDatasetData, valuesPerSample, type StoredDatasetData, type StoredDatasetMeta } from './storedDataset';

/** Share of each class held out for testing: a quarter rounds up to one of two, so every class is in both splits. */
export const USER_TEST_FRACTION = 0.25;

/** Per-column mean and standard deviation of the listed rows (a constant column gets 1, so it stays 0). */
export function columnStats(x: Float32Array, features: number, rows: ArrayLike<number>): { mean: Float64Array; std: Float64Array } {
  const mean = new Float64Array(features);
  const std = new Float64Array(features);
  for (let i = 0; i < rows.length; i++) for (let f = 0; f < features; f++) mean[f]! += x[rows[i]! * features + f]!;
  for (let f = 0; f < features; f++) mean[f]! /= Math.max(1, rows.length);
  for (let i = 0; i < rows.length; i++) for (let f = 0; f < features; f++) std[f]! += (x[rows[i]! * features + f]! - mean[f]!) ** 2;
  for (let f = 0; f < features; f++) std[f] = Math.sqrt(std[f]! / Math.max(1, rows.length)) || 1;
  return { mean, std };
}

/**
 * How far, in training standard deviations, a standardised table value may lie from the mean.
 * Training values lie within sqrt(rows) of it; a test value of a column that barely varies in
 * training (a standard deviation of 1e-42) can lie 1e42 away, past float32's range, and would be
 * stored as Infinity. Such values are clipped to this, which keeps every feature finite.
 */
const STANDARDISED_LIMIT = 1e6;

/** The listed samples as floats: bytes / 255 for images, standardised with `stats` (clipped to ±STANDARDISED_LIMIT) for tables. */
function gather(data: StoredDatasetData, per: number, rows: Int32Array, stats: { mean: Float64Array; std: Float64Array } | null): { x: Float32Array; y: Int32Array } {
  const x = new Float32Array(rows.length * per);
  const y = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const from = rows[i]! * per;
    for (let p = 0; p < per; p++) {
      x[i * per + p] = data.kind === 'image' ? data.pixels[from + p]! / 255 : Math.max(-STANDARDISED_LIMIT, Math.min(STANDARDISED_LIMIT, (data.features[from + p]! - stats!.mean[p]!) / stats!.std[p]!));
    }
    y[i] = data.labels[rows[i]!]!;
  }
  return { x, y };
}

/** The seeded split of stored samples, ready to train on. */
export function loadUserDataset(spec: DatasetSpec, data: StoredDatasetData, seed: number): LoadedDataset {
  const per = valuesPerSample(spec);
  const split = stratifiedSplit(data.labels, spec.classes.length, USER_TEST_FRACTION, datasetRng(seed, spec.id));
  const stats = data.kind === 'points' ? columnStats(data.features, per, split.train) : null;
  const train = gather(data, per, split.train, stats);
  const test = gather(data, per, split.test, stats);
  const channels = spec.kind === 'image' ? spec.shape[2]! : per;
  return { spec, trainX: train.x, trainY: train.y, testX: test.x, testY: test.y, mean: channelMean(train.x, channels) };
}

/** The registry entry of a stored dataset: loaded from `storage` when a run uses it. */
export function userDatasetSource(meta: StoredDatasetMeta, storage: Storage): DatasetSource {
  return {
    spec: meta.spec,
    load: async (seed) => loadUserDataset(meta.spec, await readUserDatasetData(storage, meta), seed),
    thumbnail: async () => meta.thumbnail,
  };
}
