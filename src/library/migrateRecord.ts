/**
 * Reading run records of any format this version knows: the current one as it is, older ones
 * migrated step by step, newer or foreign ones refused with a sentence saying why. Every record
 * read from storage or from an imported file goes through `migrateRecord`. Pure.
 *
 * Format 0 was the first layout: the history as a list of points (as the app holds it in
 * memory), the save date as ISO text, the final spectrum beside it, no summary fields.
 */
import { z } from '../util/zod';
import { runConfigShape } from '../config';
import { toColumns } from './historyColumns';
import { RUN_FORMAT, runRecordShape, type RunRecord } from './runRecord';

const scalarsShape = z.record(z.string(), z.number().nullable());

/** A format-0 record. */
const format0Shape = z.object({
  format: z.literal(0).optional(),
  id: z.string().min(1),
  name: z.string(),
  savedAt: z.string(),
  config: runConfigShape,
  history: z.array(
    z.object({
      step: z.number().int().nonnegative(),
      losses: scalarsShape,
      scalars: scalarsShape,
      termScalars: z.record(z.string(), scalarsShape).optional(),
      stepsPerSecond: z.number().nullable().optional(),
    }),
  ),
  spectrum: z.array(z.number()).optional(),
});

/** A point's scalars with format 0's nulls (its non-finite values) as NaN, which the columns keep as missing. */
const present = (s: Record<string, number | null>): Record<string, number> => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v ?? Number.NaN]));

/** A format-0 record in format 1. */
function from0(old: z.infer<typeof format0Shape>): unknown {
  const savedAt = Date.parse(old.savedAt);
  const at = Number.isFinite(savedAt) ? savedAt : 0;
  const points = old.history.map((p) => ({
    step: p.step,
    losses: present(p.losses),
    scalars: present(p.scalars),
    termScalars: Object.fromEntries(Object.entries(p.termScalars ?? {}).map(([id, s]) => [id, present(s)])),
    stepsPerSecond: p.stepsPerSecond ?? Number.NaN,
  }));
  const last = old.history[old.history.length - 1];
  return {
    format: 1,
    id: old.id,
    name: old.name.trim() || 'Unnamed run',
    renamed: false,
    createdAt: at,
    updatedAt: at,
    backend: null,
    config: old.config,
    history: toColumns(points),
    termLabels: {},
    final: old.spectrum && last ? { step: last.step, spectrum: old.spectrum } : null,
  };
}

/** The result of reading a record. */
export type MigrateResult = { ok: true; record: RunRecord; migratedFrom: number | null } | { ok: false; problem: string };

/** One zod error as a short sentence: the first issue with its path, and how many more there are. */
export function describeIssues(error: z.ZodError): string {
  const [first, ...rest] = error.issues;
  if (!first) return 'it does not have the expected fields';
  const where = first.path.length > 0 ? `${first.path.join('.')}: ` : '';
  const more = rest.length > 0 ? ` (and ${rest.length} more problem${rest.length > 1 ? 's' : ''})` : '';
  return `${where}${first.message}${more}`;
}

/** Reads a record of any known format, migrating it to the current one. */
export function migrateRecord(raw: unknown): MigrateResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, problem: 'it is not a run record (not an object)' };
  const format = (raw as { format?: unknown }).format ?? 0;
  if (typeof format !== 'number' || !Number.isInteger(format) || format < 0) return { ok: false, problem: `its format ${JSON.stringify(format)} is not a format number` };
  if (format > RUN_FORMAT) return { ok: false, problem: `it was written by a newer version of Collapse Lab (run format ${format}; this version reads formats 0 to ${RUN_FORMAT}): open it in an up-to-date copy of the app` };
  let current: unknown = raw;
  if (format === 0) {
    const old = format0Shape.safeParse(raw);
    if (!old.success) return { ok: false, problem: `it is damaged: ${describeIssues(old.error)}` };
    current = from0(old.data);
  }
  const parsed = runRecordShape.safeParse(current);
  if (!parsed.success) return { ok: false, problem: `it is damaged: ${describeIssues(parsed.error)}` };
  return { ok: true, record: parsed.data, migratedFrom: format === RUN_FORMAT ? null : format };
}
