/**
 * Copies tfjs's WASM binaries into public/wasm so the WASM backend loads them from our own
 * origin (no CDN, no network request leaves the page). Runs on `npm install` (postinstall).
 * Idempotent: a file of the same size is left alone.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './lib/root.ts';

const from = join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist');
const to = join(root, 'public/wasm');
if (!existsSync(from)) {
  console.log('copy-wasm: @tensorflow/tfjs-backend-wasm is not installed; the WASM backend will be unavailable.');
  process.exit(0);
}
mkdirSync(to, { recursive: true });
let copied = 0;
for (const name of readdirSync(from).filter((f) => f.endsWith('.wasm'))) {
  const src = join(from, name);
  const dst = join(to, name);
  if (!existsSync(dst) || statSync(dst).size !== statSync(src).size) {
    copyFileSync(src, dst);
    copied++;
  }
}
console.log(`copy-wasm: public/wasm ready (${copied} file(s) copied).`);
