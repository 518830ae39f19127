/**
 * A run's metric history in columns: one array of steps and, per line, one array of values
 * aligned with it (null where the line has no finite value at that step). Columns are what
 * the library keeps and exports: compact to store, one CSV column per line, and easy to check
 * (every column as long as the steps). Pure: no tfjs, no DOM.
 */
import { z } from '../util/zod';
import type { Scalars } from '../protocol';

/** One point of a history, as the app's RunHistory holds it (the light part of a report). */
export interface HistoryPointLike {
  step: number;
  losses: Scalars;
  scalars: Scalars;
  termScalars: Record<string, Scalars>;
  stepsPerSecond: number;
}

/** One line's values, aligned with the steps (null: no finite value there). */
const column = z.array(z.number().nullable());

/** The history in columns. */
export const historyColumnsShape = z.object({
  steps: z.array(z.number().int().nonnegative()),
  losses: z.record(z.string(), column),
  scalars: z.record(z.string(), column),
  /** Per term id, its diagnostic lines. */
  terms: z.record(z.string(), z.record(z.string(), column)),
  stepsPerSecond: column,
});

/** A history in columns. */
export type HistoryColumns = z.infer<typeof historyColumnsShape>;

/** Every column of a history with a readable path ("losses.total", "terms.cir.margin"), in a stable order. */
export function namedColumns(h: HistoryColumns): { path: string[]; values: (number | null)[] }[] {
  const sorted = <T>(r: Record<string, T>): [string, T][] => Object.entries(r).sort(([a], [b]) => a.localeCompare(b));
  return [
    ...sorted(h.losses).map(([k, values]) => ({ path: ['losses', k], values })),
    ...sorted(h.scalars).map(([k, values]) => ({ path: ['scalars', k], values })),
    ...sorted(h.terms).flatMap(([id, lines]) => sorted(lines).map(([k, values]) => ({ path: ['terms', id, k], values }))),
    { path: ['stepsPerSecond'], values: h.stepsPerSecond },
  ];
}

/** The first column whose length differs from the steps', as a sentence, or null. */
export function misalignedColumn(h: HistoryColumns): string | null {
  for (const c of namedColumns(h)) {
    if (c.values.length !== h.steps.length) return `history.${c.path.join('.')} has ${c.values.length} values for ${h.steps.length} steps`;
  }
  for (let i = 1; i < h.steps.length; i++) {
    if (h.steps[i]! <= h.steps[i - 1]!) return `history.steps is not increasing at position ${i} (${h.steps[i - 1]} then ${h.steps[i]})`;
  }
  return null;
}

const finiteOrNull = (v: number | undefined): number | null => (v !== undefined && Number.isFinite(v) ? v : null);

/** Puts `value` at row `i` of the column `key` of `into`, creating the column (nulls before) on first use. */
function place(into: Record<string, (number | null)[]>, key: string, i: number, rows: number, value: number | undefined): void {
  const col = (into[key] ??= new Array<number | null>(rows).fill(null));
  col[i] = finiteOrNull(value);
}

/** The columns of a history of points (oldest first). */
export function toColumns(points: readonly HistoryPointLike[]): HistoryColumns {
  const rows = points.length;
  const out: HistoryColumns = { steps: points.map((p) => p.step), losses: {}, scalars: {}, terms: {}, stepsPerSecond: points.map((p) => finiteOrNull(p.stepsPerSecond)) };
  points.forEach((p, i) => {
    for (const [k, v] of Object.entries(p.losses)) place(out.losses, k, i, rows, v);
    for (const [k, v] of Object.entries(p.scalars)) place(out.scalars, k, i, rows, v);
    for (const [id, lines] of Object.entries(p.termScalars)) for (const [k, v] of Object.entries(lines)) place((out.terms[id] ??= {}), k, i, rows, v);
  });
  return out;
}

/** The points of a history in columns (a line without a value at a step is absent from that point). */
export function fromColumns(h: HistoryColumns): HistoryPointLike[] {
  const pick = (cols: Record<string, (number | null)[]>, i: number): Scalars => {
    const out: Scalars = {};
    for (const [k, col] of Object.entries(cols)) {
      const v = col[i];
      if (v !== null && v !== undefined) out[k] = v;
    }
    return out;
  };
  return h.steps.map((step, i) => {
    const termScalars: Record<string, Scalars> = {};
    for (const [id, lines] of Object.entries(h.terms)) {
      const s = pick(lines, i);
      if (Object.keys(s).length > 0) termScalars[id] = s;
    }
    return { step, losses: pick(h.losses, i), scalars: pick(h.scalars, i), termScalars, stepsPerSecond: h.stepsPerSecond[i] ?? 0 };
  });
}

/** The last finite value of a column, or null. */
export function lastValue(values: readonly (number | null)[] | undefined): number | null {
  if (!values) return null;
  for (let i = values.length - 1; i >= 0; i--) if (values[i] !== null && values[i] !== undefined) return values[i]!;
  return null;
}
