/**
 * The demo presets shipped in seeds/presets/*.json, read at build time. Each file is
 * `{ title, description, config }` where config is a partial RunConfig applied over the
 * defaults; a file that does not have this shape is listed with its problem instead.
 */
import { z } from 'zod';
import { runConfigShape, type RunConfig } from '../../src/config';

/** A preset ready to apply. */
export interface Preset {
  id: string;
  title: string;
  description: string;
  config: Partial<RunConfig>;
}

const presetShape = z.object({
  title: z.string().min(1),
  description: z.string(),
  config: runConfigShape.partial().strict(),
});

const files = import.meta.glob<unknown>('../../seeds/presets/*.json', { eager: true, import: 'default' });

/** Parses the preset files; returns the good ones and a sentence per bad one. */
export function parsePresets(raw: Record<string, unknown>): { presets: Preset[]; errors: string[] } {
  const presets: Preset[] = [];
  const errors: string[] = [];
  for (const [path, content] of Object.entries(raw).sort(([a], [b]) => a.localeCompare(b))) {
    const id = path.split('/').pop()?.replace(/\.json$/, '') ?? path;
    const parsed = presetShape.safeParse(content);
    if (parsed.success) presets.push({ id, ...parsed.data });
    else errors.push(`Preset ${id}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'file'}: ${i.message}`).join('; ')}`);
  }
  return { presets, errors };
}

/** The shipped presets. */
export const PRESETS = parsePresets(files);
