/** Static files of the app's own origin: where they are, and fetching them with a time limit. */
import { secondsText } from './withTimeout';

/** A request for a static file that has not fully answered within this time is abandoned (aborted). */
export const FETCH_TIMEOUT_MS = 20_000;

/**
 * The absolute address of a static file the app serves from its own origin, under
 * Vite's base path (e.g. `wasm/` -> `https://host/base/wasm/`). Relative to the site
 * root, not to the current script: a worker's own address is under `assets/`.
 */
export function siteUrl(path: string): URL {
  const origin = (globalThis as { location?: Location }).location?.origin ?? 'http://localhost';
  return new URL(`${import.meta.env.BASE_URL}${path}`, origin);
}

/**
 * Fetches a static file from the app's own origin as bytes; a non-OK answer throws, and so
 * does a request (headers and body) that takes longer than `timeoutMs`: it is aborted.
 */
export async function fetchSiteBytes(path: string, timeoutMs: number = FETCH_TIMEOUT_MS): Promise<Uint8Array> {
  const url = siteUrl(path);
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const res = await fetch(url, { signal });
    if (!res.ok) throw new Error(`${url.pathname} answered ${res.status} ${res.statusText}`);
    return new Uint8Array(await res.arrayBuffer());
  } catch (e) {
    if (signal.aborted) throw new Error(`${url.pathname} did not answer within ${secondsText(timeoutMs)}`, { cause: e });
    throw e;
  }
}
