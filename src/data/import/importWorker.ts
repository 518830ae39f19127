/**
 * The import worker's entry: reads dropped files off the main thread with the browser's
 * image decoding and keeps imported datasets in the browser's storage (IndexedDB).
 * Nothing is sent anywhere.
 */
/// <reference lib="webworker" />
import { openBrowserStorage } from '../../storage/browserStorage';
import { memoryStorage, type Storage } from '../../storage/store';
import { decodeInBrowser } from './browserDecode';
import type { ImportReply, ImportRequest } from './importProtocol';
import { ImportSession } from './importSession';

const scope = self as unknown as DedicatedWorkerGlobalScope;
let storage: Promise<Storage> | null = null;
const session = new ImportSession(
  (reply: ImportReply) => scope.postMessage(reply),
  decodeInBrowser,
  () => (storage ??= openBrowserStorage().catch(() => memoryStorage())),
);
scope.onmessage = (m: MessageEvent<ImportRequest>) => void session.handle(m.data);
