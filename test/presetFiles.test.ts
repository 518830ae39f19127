/**
 * Every demo preset in seeds/presets/ is a valid file (src/compare/preset.ts), its run and its
 * control validate against the engine's own catalog, and the control really differs from the
 * run: checked in the unit suite, so a broken preset fails `npm test` before it ships.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyFlip } from '../src/compare/flip';
import { parsePresets } from '../src/compare/preset';
import { DEFAULT_CONFIG, validateConfig } from '../src/config';
import { buildCatalog } from '../src/engine';
import { mergeLinkConfig } from '../src/link/resolveLinkConfig';

const dir = join(import.meta.dirname, '..', 'seeds', 'presets');
const files = Object.fromEntries(readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => [f, JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown]));
const { presets, errors } = parsePresets(files);
const catalog = buildCatalog();

describe('demo preset files', () => {
  it('all parse', () => {
    expect(errors).toEqual([]);
    expect(presets.length).toBeGreaterThanOrEqual(5);
  });

  it.each(presets.map((p) => [p.id, p] as const))('%s: run and control validate and differ', (_id, preset) => {
    const run = validateConfig(mergeLinkConfig(DEFAULT_CONFIG, { ...preset.config, stopAt: preset.budget }), catalog);
    expect(run.ok ? [] : run.errors).toEqual([]);
    if (!run.ok) return;
    const control = validateConfig(applyFlip(run.config, preset.control, catalog), catalog);
    expect(control.ok ? [] : control.errors).toEqual([]);
    if (control.ok) expect(control.config).not.toEqual(run.config);
  });
});
