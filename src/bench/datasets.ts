/**
 * Datasets for the benchmark page, fetched from the page's own origin like the
 * worker does, and loaded once per (dataset, seed).
 */
import type { LoadedDataset } from '../data/dataset';
import { datasetSource } from '../data/registry';

/** Same-origin fetch of a static file under the app's base path. */
export async function fetchBytes(path: string): Promise<Uint8Array> {
  const url = new URL(`${import.meta.env.BASE_URL}${path}`, location.origin);
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url.pathname} answered ${res.status} ${res.statusText}`);
  return new Uint8Array(await res.arrayBuffer());
}

const cache = new Map<string, Promise<LoadedDataset>>();

/** The dataset `id` for `seed`, loaded on first use. */
export function loadDataset(id: string, seed: number): Promise<LoadedDataset> {
  const key = `${id}/${seed}`;
  let loaded = cache.get(key);
  if (!loaded) {
    loaded = datasetSource(id).load(seed, fetchBytes);
    cache.set(key, loaded);
  }
  return loaded;
}
