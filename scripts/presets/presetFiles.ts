/**
 * The demo preset files of seeds/presets/: each read and checked against the preset schema
 * (src/compare/preset.ts, as the app checks them); a file that is not JSON or not a valid
 * preset is reported with its errors, never thrown.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePresets, type Preset } from '../../src/compare/preset.ts';
import { UsageError } from '../lib/cli.ts';
import { root } from '../lib/root.ts';

/** Where the preset files are. */
export const PRESET_DIR = join(root, 'seeds/presets');

/** The preset files of a folder: the valid presets (by file name) and a sentence per invalid file. */
export interface PresetFiles {
  presets: Preset[];
  invalid: { id: string; error: string }[];
}

/** Reads every .json file of `dir`, in file-name order. */
export function readPresetFiles(dir: string): PresetFiles {
  const out: PresetFiles = { presets: [], invalid: [] };
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const id = file.replace(/\.json$/, '');
    let content: unknown;
    try {
      content = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    } catch (e) {
      out.invalid.push({ id, error: `Preset ${id}: not JSON (${e instanceof Error ? e.message : String(e)})` });
      continue;
    }
    const { presets, errors } = parsePresets({ [file]: content });
    out.presets.push(...presets);
    out.invalid.push(...errors.map((error) => ({ id, error })));
  }
  return out;
}

/** The files of `only` (all when null); throws a UsageError for an id that has no file. */
export function selectPresets(files: PresetFiles, only: readonly string[] | null): PresetFiles {
  if (!only) return files;
  const known = [...files.presets.map((p) => p.id), ...files.invalid.map((f) => f.id)];
  const unknown = only.filter((id) => !known.includes(id));
  if (unknown.length) throw new UsageError(`--only: no preset ${unknown.join(', ')} (have ${[...known].sort().join(', ')})`);
  return { presets: files.presets.filter((p) => only.includes(p.id)), invalid: files.invalid.filter((f) => only.includes(f.id)) };
}
