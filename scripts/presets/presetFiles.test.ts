import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../lib/cli.ts';
import { readPresetFiles, selectPresets } from './presetFiles.ts';

/** A valid preset file's content. */
const preset = (title: string) => ({
  title,
  description: 'd',
  config: { objective: 'naive', methods: ['corinfomax'] },
  control: { kind: 'method', id: 'corinfomax' },
  budget: 20,
  look: 'RankMe',
  claims: [{ kind: 'level', run: 'main', level: 'healthy' }],
});

describe('readPresetFiles', () => {
  const dir = mkdtempSync(join(tmpdir(), 'collapse-lab-presets-'));
  writeFileSync(join(dir, 'b.json'), JSON.stringify(preset('B')));
  writeFileSync(join(dir, 'a.json'), JSON.stringify(preset('A')));
  writeFileSync(join(dir, 'old.json'), JSON.stringify({ title: 'old format', config: { methods: ['cir'] } }));
  writeFileSync(join(dir, 'broken.json'), '{ "title": ');
  writeFileSync(join(dir, 'README.md'), 'not a preset');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const files = readPresetFiles(dir);

  it('keeps the valid presets by file name, with their id', () => {
    expect(files.presets.map((p) => [p.id, p.title])).toEqual([
      ['a', 'A'],
      ['b', 'B'],
    ]);
  });

  it('reports a file that is not JSON or not a valid preset, with its errors, instead of throwing', () => {
    expect(files.invalid.map((f) => f.id)).toEqual(['broken', 'old']);
    expect(files.invalid[0]!.error).toMatch(/^Preset broken: not JSON \(/);
    expect(files.invalid[1]!.error).toMatch(/^Preset old: .*description.*control.*budget/);
  });

  it('selects the presets of --only, valid or not, and refuses an id without a file', () => {
    const chosen = selectPresets(files, ['b', 'old']);
    expect(chosen.presets.map((p) => p.id)).toEqual(['b']);
    expect(chosen.invalid.map((f) => f.id)).toEqual(['old']);
    expect(selectPresets(files, null)).toBe(files);
    expect(() => selectPresets(files, ['a', 'nope'])).toThrow(UsageError);
    expect(() => selectPresets(files, ['nope'])).toThrow(/no preset nope \(have a, b, broken, old\)/);
  });
});
