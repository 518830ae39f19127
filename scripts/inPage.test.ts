/**
 * The functions the scripts run inside a page (Playwright sends their source text there)
 * must survive tsx's compilation: esbuild's keepNames wraps a named inner function in a
 * `__name(...)` call, and the page has no `__name`. Loads each page-function module through
 * tsx, as the scripts run, and checks the source of every function it exports.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MODULES = ['scripts/lib/labInPage.ts', 'scripts/bench/inPage.ts', 'scripts/presets/inPage.ts'];

/** The source of every function each module exports, as tsx compiles it: [module, export, source]. */
function compiledSources(): [string, string, string][] {
  const urls = MODULES.map((m) => [m, pathToFileURL(path.join(ROOT, m)).href]);
  const code = `for (const [m, url] of ${JSON.stringify(urls)}) {
    const mod = await import(url);
    for (const [name, value] of Object.entries(mod)) if (typeof value === 'function') console.log(JSON.stringify([m, name, String(value)]));
  }`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', code], { cwd: ROOT, encoding: 'utf8' });
  return out.trim().split('\n').map((line) => JSON.parse(line) as [string, string, string]);
}

describe('page functions', () => {
  it('use no helper of tsx that the page lacks', () => {
    const sources = compiledSources();
    for (const m of MODULES) expect(sources.some(([mod]) => mod === m), `${m} exports no function`).toBe(true);
    for (const [mod, name, source] of sources) expect(source, `${mod}: ${name}`).not.toMatch(/\b__name\b/);
  });
});
