/**
 * What the scripts that drive the built app in a browser share (scripts/bench.ts,
 * scripts/preset-report.ts): `vite preview` of a build on a free port, headless Chromium
 * with the flags this machine needs, pages that forward their errors to the log, and
 * closing browsers and servers when the run is interrupted.
 * Environment: CHROMIUM_PATH (default /usr/bin/chromium).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import type { Log } from './log.ts';
import { root } from './root.ts';

/** The Chromium binary (Debian's headless-capable build by default). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Flags: no sandbox (container), no background traffic, WebGPU on (SwiftShader here). */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--enable-unsafe-webgpu'];

/** Something to close when the run is interrupted. */
interface Closable {
  close(): unknown;
}

/** Browsers and servers to close if the run is interrupted. */
const live = new Set<Closable>();

/** A running `vite preview`. */
export interface Preview {
  /** Its address, e.g. http://127.0.0.1:40123. */
  url: string;
  /** Stops the server. */
  stop(): void;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      if (address === null || typeof address === 'string') {
        srv.close();
        reject(new Error(`unexpected server address ${address}`));
        return;
      }
      srv.close(() => resolve(address.port));
    });
  });
}

/** Where `startPreview` serves from. */
export interface PreviewOptions {
  /** The build folder (default dist/). */
  dist?: string;
  /** A page of the build that must answer before the server counts as up. */
  probe?: string;
  /** Ends the error when `probe` is missing from the build, e.g. "`npm run build` first". */
  hint?: string;
}

/** Starts `vite preview` on the build in `dist` and resolves once `probe` answers. */
export async function startPreview({ dist = join(root, 'dist'), probe = 'index.html', hint = '`npm run build` first' }: PreviewOptions = {}): Promise<Preview> {
  if (!existsSync(join(dist, probe))) throw new Error(`${join(dist, probe)} is missing: run ${hint}.`);
  const port = await freePort();
  const child = spawn(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'preview', '--outDir', dist, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d));
  child.stderr.on('data', (d: Buffer) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`vite preview exited: ${output}`);
    try {
      if ((await fetch(`${url}/${probe}`)).ok) {
        const server: Closable = { close: () => child.kill('SIGTERM') };
        live.add(server);
        return {
          url,
          stop: () => {
            live.delete(server);
            server.close();
          },
        };
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
export async function launch(): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
  live.add(browser);
  browser.on('disconnected', () => live.delete(browser));
  return browser;
}

/**
 * A 1400 × 1000 page in a new context of `browser` whose uncaught errors and console
 * errors (other than failed resource loads) go to `log`, labelled with `label` when given.
 */
export async function newPage(browser: Browser, log: Log, label?: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const where = label ? ` (${label})` : '';
  page.on('pageerror', (e) => log(`page error${where}: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) log(`console error${where}: ${m.text().slice(0, 300)}`);
  });
  return page;
}

/** On SIGINT/SIGTERM/SIGHUP: closes the browsers and servers started here, then exits 130. */
export function closeOnSignals(log: Log): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      log(`${signal}: closing ${live.size} browser(s) and the server, then exiting`);
      const closing = [...live].map((x) => Promise.resolve(x.close()).catch(() => {}));
      void Promise.race([Promise.all(closing), new Promise((r) => setTimeout(r, 5000))]).then(() => process.exit(130));
    });
  }
}
