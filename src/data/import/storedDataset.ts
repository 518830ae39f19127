/**
 * Imported datasets in the app's storage (collection 'datasets'): under the dataset's id
 * (`user:<uuid>`) its description (spec, class counts, thumbnail), under `<id>/data` its
 * samples (image bytes or raw table features, and labels). The engine lists the
 * descriptions for its catalog and reads the samples when a run uses the dataset; both are
 * checked (zod) when read, so a damaged record is reported, never trained on.
 */
import { z } from '../../util/zod';
import type { DatasetSpec } from '../../catalog';
import type { Storage } from '../../storage/store';
import type { Thumbnail } from '../thumbnail';

/** The id prefix of imported datasets. */
export const USER_DATASET_PREFIX = 'user:';

/** Whether a dataset id names an imported dataset. */
export function isUserDatasetId(id: string): boolean {
  return id.startsWith(USER_DATASET_PREFIX);
}

/** A fresh id for an imported dataset. */
export function newUserDatasetId(): string {
  return `${USER_DATASET_PREFIX}${crypto.randomUUID()}`;
}

/** The storage key of a dataset's samples. */
function dataKey(id: string): string {
  return `${id}/data`;
}

/** The record format these schemas read. */
const FORMAT = 1;

/** An imported dataset's description. */
export interface StoredDatasetMeta {
  format: typeof FORMAT;
  spec: DatasetSpec;
  /** Samples per class, in class order. */
  counts: number[];
  /** The picker's preview. */
  thumbnail: Thumbnail;
  /** When it was imported (ms since 1970). */
  createdAt: number;
}

/** An imported dataset's samples. */
export type StoredDatasetData =
  | { format: typeof FORMAT; kind: 'image'; pixels: Uint8Array; labels: Int32Array }
  /** Raw table features, row-major (standardised when loaded, with the training split's statistics). */
  | { format: typeof FORMAT; kind: 'points'; features: Float32Array; labels: Int32Array };

const specShape = z.object({
  id: z.string().startsWith(USER_DATASET_PREFIX),
  label: z.string().min(1),
  kind: z.enum(['image', 'points']),
  shape: z.array(z.number().int().positive()).min(1).max(3),
  classes: z.array(z.string()).min(1),
  mirrorKeepsClass: z.boolean().optional(),
  source: z.string(),
});

const metaShape = z.object({
  format: z.literal(FORMAT),
  spec: specShape,
  counts: z.array(z.number().int().nonnegative()),
  thumbnail: z.object({ width: z.number().int().positive(), height: z.number().int().positive(), rgba: z.instanceof(Uint8ClampedArray) }),
  createdAt: z.number(),
});

const dataShape = z.discriminatedUnion('kind', [
  z.object({ format: z.literal(FORMAT), kind: z.literal('image'), pixels: z.instanceof(Uint8Array), labels: z.instanceof(Int32Array) }),
  z.object({ format: z.literal(FORMAT), kind: z.literal('points'), features: z.instanceof(Float32Array), labels: z.instanceof(Int32Array) }),
]);

/** Stores an imported dataset (samples first, so a listed description always has its samples). */
export async function saveUserDataset(storage: Storage, meta: StoredDatasetMeta, data: StoredDatasetData): Promise<void> {
  const datasets = storage.collection('datasets');
  await datasets.put(dataKey(meta.spec.id), data);
  await datasets.put(meta.spec.id, meta);
}

/** Deletes an imported dataset (description first, so it leaves the list before its samples go). */
export async function deleteUserDataset(storage: Storage, id: string): Promise<void> {
  const datasets = storage.collection('datasets');
  await datasets.delete(id);
  await datasets.delete(dataKey(id));
}

/** The stored descriptions, oldest import first, and the keys of records that could not be read. */
export async function listUserDatasets(storage: Storage): Promise<{ metas: StoredDatasetMeta[]; damaged: string[] }> {
  const datasets = storage.collection('datasets');
  const keys = (await datasets.keys()).filter((k) => isUserDatasetId(k) && !k.endsWith('/data'));
  const metas: StoredDatasetMeta[] = [];
  const damaged: string[] = [];
  for (const key of keys) {
    const parsed = metaShape.safeParse(await datasets.get(key));
    if (parsed.success && parsed.data.spec.id === key) metas.push(parsed.data as StoredDatasetMeta);
    else damaged.push(key);
  }
  return { metas: metas.sort((a, b) => a.createdAt - b.createdAt), damaged };
}

/** Values per sample of a spec (pixels of one image, features of one row). */
export function valuesPerSample(spec: DatasetSpec): number {
  return spec.shape.reduce((a, b) => a * b, 1);
}

/** Reads a dataset's samples and checks them against its description. */
export async function readUserDatasetData(storage: Storage, meta: StoredDatasetMeta): Promise<StoredDatasetData> {
  const { spec } = meta;
  const raw = await storage.collection('datasets').get(dataKey(spec.id));
  if (raw === undefined) throw new Error(`its samples are missing from this browser's storage. Delete it and import it again.`);
  const parsed = dataShape.safeParse(raw);
  if (!parsed.success || parsed.data.kind !== spec.kind) throw new Error(`its stored samples are damaged. Delete it and import it again.`);
  const data = parsed.data as StoredDatasetData;
  const count = meta.counts.reduce((a, b) => a + b, 0);
  const values = data.kind === 'image' ? data.pixels.length : data.features.length;
  if (data.labels.length !== count || values !== count * valuesPerSample(spec) || data.labels.some((k) => k < 0 || k >= spec.classes.length)) {
    throw new Error(`its stored samples do not match its description (${data.labels.length} labels, ${count} expected). Delete it and import it again.`);
  }
  return data;
}
