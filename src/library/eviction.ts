/**
 * The library's bound: every run is kept automatically, so without one it would grow with
 * every page load. Past the limit the oldest runs the user never named are let go (a renamed
 * run is the user's and stays). Pure.
 */
import type { RunSummary } from './runRecord';

/** How many runs the library keeps before letting the oldest unnamed ones go. */
export const LIBRARY_LIMIT = 100;

/** The ids to delete so that at most `limit` runs remain, oldest unnamed first, never `keep`. */
export function runsToEvict(runs: readonly RunSummary[], limit: number, keep: string | null): string[] {
  const excess = runs.length - limit;
  if (excess <= 0) return [];
  return runs
    .filter((r) => !r.renamed && r.id !== keep)
    .sort((a, b) => a.updatedAt - b.updatedAt)
    .slice(0, excess)
    .map((r) => r.id);
}
