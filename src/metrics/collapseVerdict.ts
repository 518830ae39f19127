/**
 * One reading of a collapse measurement, shared by the app's vitals, the presets' claims and
 * the tests that train the baselines, so what the app says is what the tests check. Two
 * independent measures (docs/methods.md §7):
 * - collapsed: the std of the L2-normalised embeddings is below 0.1/√D (every input maps
 *   to nearly the same direction);
 * - healthy: that std is at least 0.5/√D AND RankMe is at least D/8 (the embeddings spread
 *   out, over more than a few directions);
 * - anything between is partly collapsed (a few directions in use, or a shrinking spread).
 */

/** The three readings. */
export type CollapseLevel = 'collapsed' | 'partial' | 'healthy';

/** std below this share of 1/√D is collapse. */
export const COLLAPSED_STD_SHARE = 0.1;
/** std at least this share of 1/√D (with enough rank) is healthy. */
export const HEALTHY_STD_SHARE = 0.5;
/** RankMe at least D divided by this (with enough spread) is healthy. */
export const HEALTHY_RANK_DIVISOR = 8;

/** Reads a run's RankMe and std of normalised embeddings for embeddings of width `d`. */
export function collapseLevel(rankme: number, stdL2: number, d: number): CollapseLevel {
  const reference = 1 / Math.sqrt(d);
  if (stdL2 < COLLAPSED_STD_SHARE * reference) return 'collapsed';
  if (stdL2 >= HEALTHY_STD_SHARE * reference && rankme >= d / HEALTHY_RANK_DIVISOR) return 'healthy';
  return 'partial';
}
