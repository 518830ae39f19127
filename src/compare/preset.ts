/**
 * A demo preset, as the files in seeds/presets/*.json hold it: a configuration over the
 * defaults, the control run it is shown against (the same run with one flip, trained as its
 * twin), a step budget, where to look, and the claims the demo makes. `npm run presets`
 * trains each preset with its control in the built app, checks the claims and writes what it
 * measured back into the file (`measured`), so the text a learner reads is what the app showed.
 * Pure: no tfjs, no DOM.
 */
import { z } from '../util/zod';
import { runConfigShape } from '../config';
import { claimShape } from './claim';
import { flipShape } from './flip';

/** What `npm run presets` measured for a preset (written by the script, never by hand). */
export const measuredShape = z.object({
  /** When and where: ISO date, a few words on the machine and the backend that ran. */
  date: z.string(),
  machine: z.string(),
  backend: z.string(),
  /** Steps both runs reached, and the wall time it took. */
  steps: z.number(),
  seconds: z.number(),
  /** Each claim's sentence with its numbers, and whether it held. */
  claims: z.array(z.object({ text: z.string(), holds: z.boolean() })),
});

/** One preset file. */
export const presetShape = z
  .object({
    title: z.string().min(1),
    /** What the demo is about, in a few sentences (no numbers: those come from `measured`). */
    description: z.string().min(1),
    /** A partial run configuration over the defaults. */
    config: runConfigShape.partial().strict(),
    /** The control: the same run with this one change, trained beside it. */
    control: flipShape,
    /** Both runs stop at this step. */
    budget: z.number().int().positive().max(100_000),
    /** Which chart to watch, in words. */
    look: z.string().min(1),
    /** What the demo claims (checked against its control). */
    claims: z.array(claimShape).min(1),
    /** What this demo does not show (a paper's accuracy claim after hundreds of epochs, say). */
    notShown: z.string().optional(),
    measured: measuredShape.optional(),
  })
  .strict();

/** One preset file's content. */
export type PresetFile = z.infer<typeof presetShape>;

/** A preset ready to apply: its file content and its id (the file name). */
export type Preset = PresetFile & { id: string };

/** Parses preset files (path -> content); returns the good ones and a sentence per bad one. */
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
