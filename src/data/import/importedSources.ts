/**
 * The engine's view of the imported datasets: their registry entries, read from the
 * browser's storage (IndexedDB, which workers open too), or from memory in Node where
 * there is none.
 */
import { openBrowserStorage } from '../../storage/browserStorage';
import { memoryStorage, type Storage } from '../../storage/store';
import type { DatasetSource } from '../dataset';
import { listUserDatasets } from './storedDataset';
import { userDatasetSource } from './userDatasetSource';

/** The storage the engine reads imported datasets from: IndexedDB when there is one, else an empty memory. */
export function openImportedStorage(): Promise<Storage> {
  if (typeof indexedDB === 'undefined') return Promise.resolve(memoryStorage());
  return openBrowserStorage().catch(() => memoryStorage());
}

/** The registry entries of every stored dataset, and the keys of records that could not be read. */
export async function importedSources(storage: Storage): Promise<{ sources: DatasetSource[]; damaged: string[] }> {
  const { metas, damaged } = await listUserDatasets(storage);
  return { sources: metas.map((meta) => userDatasetSource(meta, storage)), damaged };
}
