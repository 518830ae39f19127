/**
 * Serves the seed cards (seeds/*.md) at /seeds/<name>.md in dev and copies them into
 * the build, so each method card's "read the card" link works offline.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

/** The Vite plugin. */
export function seedCards(root: string): Plugin {
  const dir = join(root, 'seeds');
  const cards = () => readdirSync(dir).filter((f) => f.endsWith('.md'));
  return {
    name: 'collapse-lab-seed-cards',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const m = /^\/seeds\/([\w.-]+\.md)$/.exec(req.url ?? '');
        if (!m || !cards().includes(m[1]!)) return next();
        res.setHeader('Content-Type', 'text/markdown; charset=utf-8');
        res.end(readFileSync(join(dir, m[1]!)));
      });
    },
    generateBundle() {
      for (const f of cards()) this.emitFile({ type: 'asset', fileName: `seeds/${f}`, source: readFileSync(join(dir, f)) });
    },
  };
}
