/**
 * The app's one storage (src/storage/): IndexedDB when the browser allows it, else memory
 * with a notice that nothing will survive a reload. Opened once, on first use, by whichever
 * feature needs it first (the run library, imported datasets, recovery snapshots).
 */
import { openBrowserStorage } from '../../src/storage/browserStorage';
import { memoryStorage, type Storage } from '../../src/storage/store';
import { addNotice } from '../store/runStore';

let opening: Promise<Storage> | null = null;

/** The app's storage. */
export function appStorage(): Promise<Storage> {
  opening ??= openBrowserStorage().catch((e: unknown) => {
    addNotice('warning', 'internal', `This browser does not let the app keep data (${e instanceof Error ? e.message : String(e)}): saved runs and imported datasets last only until the page is closed.`);
    return memoryStorage();
  });
  return opening;
}
