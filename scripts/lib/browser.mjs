// What the scripts that drive the built app in a browser share (scripts/bench.mjs,
// scripts/preset-report.mjs): `vite preview` of a build on a free port, headless Chromium
// with the flags this machine needs, and closing both when the run is interrupted.
// Environment: CHROMIUM_PATH (default /usr/bin/chromium).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

/** The repository root. */
export const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
/** The Chromium binary (Debian's headless-capable build by default). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Flags: no sandbox (container), no background traffic, WebGPU on (SwiftShader here). */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--enable-unsafe-webgpu'];

/** Browsers and servers to close if the run is interrupted. */
const live = new Set();

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts `vite preview` on the build in `dist` and resolves once `probe` (a page of the
 * build) answers, with `{ url, stop }`. `hint` ends the error when the build is missing.
 */
export async function startPreview({ dist = join(root, 'dist'), probe = 'index.html', hint = '`npm run build` first' } = {}) {
  if (!existsSync(join(dist, probe))) throw new Error(`${join(dist, probe)} is missing: run ${hint}.`);
  const port = await freePort();
  const child = spawn(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'preview', '--outDir', dist, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`vite preview exited: ${output}`);
    try {
      if ((await fetch(`${url}/${probe}`)).ok) {
        const server = { url, close: () => child.kill('SIGTERM'), stop: () => (live.delete(server), child.kill('SIGTERM')) };
        live.add(server);
        return server;
      }
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGTERM');
  throw new Error(`vite preview did not answer on ${url}: ${output}`);
}

/** Launches headless Chromium (closed by `closeOnSignals` if the run is interrupted). */
export async function launch() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
  live.add(browser);
  browser.on('disconnected', () => live.delete(browser));
  return browser;
}

/** On SIGINT/SIGTERM/SIGHUP: closes the browsers and servers started here, then exits 130. */
export function closeOnSignals(log = (...m) => console.error(...m)) {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      log(`${signal}: closing ${live.size} browser(s) and the server, then exiting`);
      const closing = [...live].map((x) => Promise.resolve(x.close()).catch(() => {}));
      void Promise.race([Promise.all(closing), new Promise((r) => setTimeout(r, 5000))]).then(() => process.exit(130));
    });
  }
}
