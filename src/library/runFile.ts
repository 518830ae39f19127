/**
 * A run as a file to take to another machine: the record (src/library/runRecord.ts) as JSON,
 * marked as Collapse Lab's, with its weights when the library keeps them. Reading a file
 * checks everything before anything is stored: a file that is not JSON, not ours, from a
 * newer version or damaged is refused with a sentence the user can act on. Pure.
 */
import { migrateRecord } from './migrateRecord';
import type { RunRecord } from './runRecord';
import { fileWeightsShape, weightsFromFile, weightsToFile, type RunWeights } from './weights';

/** The marker field every run file carries. */
export const RUN_FILE_MARKER = { collapseLab: 'run' } as const;

/** The largest file read (a run with weights of the largest model is a few MB). */
export const MAX_RUN_FILE_BYTES = 64 * 1024 * 1024;

/** The text of a run file. */
export function runFileText(record: RunRecord, weights: RunWeights | null): string {
  return JSON.stringify({ ...RUN_FILE_MARKER, ...record, ...(weights ? { weights: weightsToFile(weights) } : {}) });
}

/** What reading a run file gives. */
export type RunFileResult = { ok: true; record: RunRecord; weights: RunWeights | null } | { ok: false; message: string };

const HOW = 'Choose a file saved with the library\'s "JSON" export button.';

/** Why a file called `fileName` is refused. */
function refusal(fileName: string, why: string, hint = ''): { ok: false; message: string } {
  return { ok: false, message: `"${fileName}" was not imported: ${why}. ${hint ? `${hint} ` : ''}Nothing was changed.` };
}

/** The refusal of a file too large to be a run file (checked before reading it), or null. */
export function oversizeRunFile(fileName: string, bytes: number): { ok: false; message: string } | null {
  return bytes > MAX_RUN_FILE_BYTES ? refusal(fileName, `it is larger than ${MAX_RUN_FILE_BYTES / 1024 / 1024} MB, too large to be a run file`, HOW) : null;
}

/** Reads the text of a file called `fileName` as a run file. */
export function parseRunFile(text: string, fileName: string): RunFileResult {
  const refuse = (why: string, hint = ''): RunFileResult => refusal(fileName, why, hint);
  const tooLarge = oversizeRunFile(fileName, text.length);
  if (tooLarge) return tooLarge;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return refuse('it is not a Collapse Lab run file (it is not JSON text)', HOW);
  }
  if (typeof raw !== 'object' || raw === null || (raw as Record<string, unknown>).collapseLab !== RUN_FILE_MARKER.collapseLab) {
    return refuse('it is not a Collapse Lab run file (it has no "collapseLab": "run" field; it may come from another program)', HOW);
  }
  const { collapseLab: _marker, weights: rawWeights, ...rest } = raw as Record<string, unknown>;
  const read = migrateRecord(rest);
  if (!read.ok) return refuse(read.problem);
  let weights: RunWeights | null = null;
  if (rawWeights !== undefined) {
    const parsed = fileWeightsShape.safeParse(rawWeights);
    if (!parsed.success) return refuse('its weights are damaged (they do not have the expected fields)');
    const decoded = weightsFromFile(parsed.data);
    if (typeof decoded === 'string') return refuse(`its weights are damaged: ${decoded}`);
    weights = decoded;
  }
  return { ok: true, record: read.record, weights };
}
