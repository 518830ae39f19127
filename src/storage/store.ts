/**
 * The one storage module of the app: named collections of records kept in the browser
 * (IndexedDB, through the `idb` wrapper) or in memory (Node tests, or a browser that refuses
 * IndexedDB, such as a private window with storage blocked). The run library, imported
 * datasets and recovery snapshots each have one collection; each validates its own records
 * (zod) when it reads them, so a record written by an older version or damaged on disk is
 * reported, never trusted.
 */

/** The collections, by name. */
export const COLLECTIONS = ['runs', 'datasets', 'snapshots'] as const;
/** One collection's name. */
export type CollectionName = (typeof COLLECTIONS)[number];

/** One collection: records by string key (values are structured-clonable). */
export interface Collection {
  get(key: string): Promise<unknown>;
  put(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  keys(): Promise<string[]>;
}

/** Every collection, and whether they outlive the page. */
export interface Storage {
  collection(name: CollectionName): Collection;
  /** True when records survive a reload (IndexedDB), false in memory. */
  readonly persistent: boolean;
}

/** A storage in memory (tests; the fallback when IndexedDB is unavailable). Values are cloned in and out, as IndexedDB does. */
export function memoryStorage(): Storage {
  const maps = new Map<CollectionName, Map<string, unknown>>(COLLECTIONS.map((n) => [n, new Map()]));
  return {
    persistent: false,
    collection(name) {
      const map = maps.get(name)!;
      return {
        get: async (key) => (map.has(key) ? structuredClone(map.get(key)) : undefined),
        put: async (key, value) => void map.set(key, structuredClone(value)),
        delete: async (key) => void map.delete(key),
        keys: async () => [...map.keys()].sort(),
      };
    },
  };
}
