/**
 * Datasets for the benchmark page, fetched from the page's own origin like the
 * worker does, and loaded once per (dataset, seed).
 */
import type { LoadedDataset } from '../src/data/dataset';
import { datasetSource } from '../src/data/registry';
import { fetchSiteBytes } from '../src/util/siteUrl';

const cache = new Map<string, Promise<LoadedDataset>>();

/** The dataset `id` for `seed`, loaded on first use. */
export function loadDataset(id: string, seed: number): Promise<LoadedDataset> {
  const key = `${id}/${seed}`;
  let loaded = cache.get(key);
  if (!loaded) {
    loaded = datasetSource(id).load(seed, fetchSiteBytes);
    cache.set(key, loaded);
  }
  return loaded;
}
