/**
 * A run as the library keeps it: its name, when it was made, the config it trained with, its
 * full metric history in columns (src/library/historyColumns.ts), its diagnostic line labels
 * and its final spectrum. The record is versioned (`format`): older records are migrated on
 * reading (src/library/migrateRecord.ts), and the same layout is the export file's
 * (src/library/runFile.ts). A summary (what the library list shows) is kept beside each record
 * so listing never reads whole histories. Pure: no tfjs, no DOM.
 */
import { z } from '../util/zod';
import { runConfigShape } from '../config';
import { historyColumnsShape, lastValue, misalignedColumn } from './historyColumns';

/** The record format this version writes. */
export const RUN_FORMAT = 1;

/** The longest run name. */
export const MAX_NAME_LENGTH = 120;

/** A run name: trimmed, not empty, bounded. */
export const runNameShape = z.string().trim().min(1, 'the name is empty').max(MAX_NAME_LENGTH, `the name is longer than ${MAX_NAME_LENGTH} characters`);

/** The final spectrum of a run (covariance eigenvalues, descending) and its step. */
const finalShape = z.object({ step: z.number().int().nonnegative(), spectrum: z.array(z.number()) });

/** A run record of the current format. */
export const runRecordShape = z
  .object({
    format: z.literal(RUN_FORMAT),
    id: z.string().min(1).max(200),
    name: runNameShape,
    /** True once the user named it (kept as it is by the auto-save and never evicted). */
    renamed: z.boolean(),
    /** Milliseconds since 1970: first and latest save. */
    createdAt: z.number(),
    updatedAt: z.number(),
    /** The backend that trained it ('wasm', 'webgpu', ...), when known. */
    backend: z.string().nullable(),
    config: runConfigShape,
    history: historyColumnsShape,
    /** Legend labels of each term's diagnostic lines, by term id and line key. */
    termLabels: z.record(z.string(), z.record(z.string(), z.string())),
    final: finalShape.nullable(),
  })
  .superRefine((r, ctx) => {
    const problem = misalignedColumn(r.history);
    if (problem) ctx.addIssue({ code: 'custom', path: [], message: problem });
  });

/** A run record. */
export type RunRecord = z.infer<typeof runRecordShape>;

/** What the library list shows of a run (kept beside the record). */
export const runSummaryShape = z.object({
  id: z.string(),
  name: z.string(),
  renamed: z.boolean(),
  createdAt: z.number(),
  updatedAt: z.number(),
  /** The last recorded step and how many reports the history holds. */
  lastStep: z.number(),
  points: z.number(),
  finalRankme: z.number().nullable(),
  embedDim: z.number(),
  /** The step of the kept weights, or null when none are kept. */
  weightsStep: z.number().nullable(),
});

/** One run in the library list. */
export type RunSummary = z.infer<typeof runSummaryShape>;

/** The summary of `record` (with the step of its kept weights, if any). */
export function summarize(record: RunRecord, weightsStep: number | null): RunSummary {
  const { steps, scalars } = record.history;
  return {
    id: record.id,
    name: record.name,
    renamed: record.renamed,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    lastStep: steps[steps.length - 1] ?? 0,
    points: steps.length,
    finalRankme: lastValue(scalars.rankme),
    embedDim: record.config.embedDim,
    weightsStep,
  };
}
