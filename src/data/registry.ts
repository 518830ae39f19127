/**
 * Every dataset the app offers, by id. Adding a dataset is one file exporting a
 * `DatasetSource` and one line here. Datasets the user imported (ids `user:...`, kept in
 * the browser's storage) are resolved beside these (src/data/import/).
 */
import type { DatasetSpec } from '../catalog';
import type { DatasetSource } from './dataset';
import { fashionSource } from './fashion';
import { mnistSource } from './mnist';
import { SHAPES, SMALL_SHAPES } from './shapes';
import { BLOBS, RINGS, SPIRALS, toySource } from './toy2d';

/** The dataset registry: id -> source. `shapes` (the default) comes first. */
export const DATASETS: Readonly<Record<string, DatasetSource>> = {
  shapes: SHAPES,
  shapes16: SMALL_SHAPES,
  mnist: mnistSource,
  fashion: fashionSource,
  blobs: toySource(BLOBS),
  rings: toySource(RINGS),
  spirals: toySource(SPIRALS),
};

/** The metadata of every registered dataset, in registry order (for the catalog). */
export function datasetSpecs(): DatasetSpec[] {
  return Object.values(DATASETS).map((s) => s.spec);
}

/**
 * The source registered under `id`, or among `imported` (the user's stored datasets);
 * throws naming the known ids when there is none.
 */
export function datasetSource(id: string, imported: readonly DatasetSource[] = []): DatasetSource {
  const source = Object.hasOwn(DATASETS, id) ? DATASETS[id] : imported.find((s) => s.spec.id === id);
  if (!source) throw new Error(`Unknown dataset "${id}". Known: ${[...Object.keys(DATASETS), ...imported.map((s) => s.spec.id)].join(', ')}.`);
  return source;
}
