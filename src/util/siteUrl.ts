/**
 * The absolute address of a static file the app serves from its own origin, under
 * Vite's base path (e.g. `wasm/` -> `https://host/base/wasm/`). Relative to the site
 * root, not to the current script: a worker's own address is under `assets/`.
 */
export function siteUrl(path: string): URL {
  const origin = (globalThis as { location?: Location }).location?.origin ?? 'http://localhost';
  return new URL(`${import.meta.env.BASE_URL}${path}`, origin);
}

/** Fetches a static file from the app's own origin as bytes; a non-OK answer throws. */
export async function fetchSiteBytes(path: string): Promise<Uint8Array> {
  const url = siteUrl(path);
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url.pathname} answered ${res.status} ${res.statusText}`);
  return new Uint8Array(await res.arrayBuffer());
}
