/**
 * The browser's storage: one IndexedDB database with one object store per collection
 * (src/storage/store.ts). Opening it fails in some browsers (storage blocked); the caller
 * then falls back to memory and says that nothing will survive a reload.
 */
import { openDB, type IDBPDatabase } from 'idb';
import { COLLECTIONS, type Storage } from './store';

/** The database's name and schema version (raise it when a collection is added). */
export const DB_NAME = 'collapse-lab';
export const DB_VERSION = 1;

/** Opens (creating or upgrading) the app's database. */
export async function openBrowserStorage(): Promise<Storage> {
  const db: IDBPDatabase = await openDB(DB_NAME, DB_VERSION, {
    upgrade(database) {
      for (const name of COLLECTIONS) if (!database.objectStoreNames.contains(name)) database.createObjectStore(name);
    },
  });
  return {
    persistent: true,
    collection(name) {
      return {
        get: (key) => db.get(name, key),
        put: async (key, value) => void (await db.put(name, value, key)),
        delete: (key) => db.delete(name, key),
        keys: async () => (await db.getAllKeys(name)).map(String).sort(),
      };
    },
  };
}
