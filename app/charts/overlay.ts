/**
 * Overlaying runs on one chart: the rows of a line chart where each run contributes its
 * own lines (keys `<line>|<run id>`), in its own colour, named with its side of the
 * comparison. With one run the keys stay plain, so a lone run looks as before. Pure.
 */
import type { HistoryPoint } from '../store/runHistory';

/** One run's data as a chart sees it. */
export interface RunSeriesData {
  id: string;
  /** Its side of the comparison ("stop-gradient off"), or '' for a run shown alone. */
  label: string;
  color: string;
  /** The main run (its extra lines keep the palette; compared runs draw dashed). */
  main: boolean;
  history: readonly HistoryPoint[];
}

/** One line a run contributes. */
export interface LineSpec {
  key: string;
  name: string;
  value(p: HistoryPoint): number | undefined;
  /** A fixed colour (the main run's extra lines); compared runs always use their run colour. */
  color?: string;
}

/** What SeriesChart needs to draw the overlay. */
export interface Overlay {
  rows: Record<string, number>[];
  keys: string[];
  names: Record<string, string>;
  colors: Record<string, string>;
  dashed: string[];
}

/**
 * Rows by step with every run's lines. `lines(run)` says which lines a run draws (the main
 * run may draw several, e.g. each loss term; a compared run usually its headline line).
 */
export function overlayRows(runs: readonly RunSeriesData[], lines: (run: RunSeriesData) => LineSpec[]): Overlay {
  const alone = runs.length === 1;
  const byStep = new Map<number, Record<string, number>>();
  const keys: string[] = [];
  const names: Record<string, string> = {};
  const colors: Record<string, string> = {};
  const dashed: string[] = [];
  for (const run of runs) {
    for (const line of lines(run)) {
      const key = alone ? line.key : `${line.key}|${run.id}`;
      let used = false;
      for (const p of run.history) {
        const v = line.value(p);
        if (v === undefined || !Number.isFinite(v)) continue;
        used = true;
        let row = byStep.get(p.step);
        if (!row) byStep.set(p.step, (row = { step: p.step }));
        row[key] = v;
      }
      if (!used) continue;
      keys.push(key);
      names[key] = alone || !run.label ? line.name : `${line.name} (${run.label})`;
      const color = run.main ? line.color : run.color;
      if (color) colors[key] = color;
      if (!run.main) dashed.push(key);
    }
  }
  const rows = [...byStep.values()].sort((a, b) => a.step! - b.step!);
  return { rows, keys, names, colors, dashed };
}
