/**
 * A demo's claim, as data: what a preset (or a lesson) says its run shows against its
 * control, checked against the two runs' reports by the same function in the app (a ✓ or ✗
 * beside the preset) and in `npm run presets` (which fails when a claim does not hold). Pure.
 *
 * - `level`: a run ends healthy / partly collapsed / collapsed (src/metrics/collapseVerdict.ts);
 * - `compare`: a metric ends higher (or lower) in the run than in the control, by a factor
 *   and/or a margin;
 * - `above`: a metric of one run ends above a value (accuracy above chance);
 * - `falls`: a metric of one run ends lower than it started, by at least a margin.
 * "Ends" is the mean of the last three reports that have the metric, so one noisy report
 * does not decide.
 */
import { z } from '../util/zod';
import { collapseLevel, type CollapseLevel } from '../metrics/collapseVerdict';

/** Which of the two runs. */
const runShape = z.enum(['main', 'control']);

/** A metric: `rankme`, `stdL2`, `knnAccuracy`, … (report scalars), `loss.<term>` or `term.<id>.<key>` (a term's chart line). */
const metricShape = z.string().regex(/^([A-Za-z]\w*|loss\.\w+|term\.\w+\.\w+)$/, 'a metric is a scalar name, loss.<term> or term.<id>.<key>');

/** One claim. */
export const claimShape = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('level'), run: runShape, level: z.enum(['healthy', 'partial', 'collapsed']) }),
  z.object({
    kind: z.literal('compare'),
    metric: metricShape,
    better: z.enum(['higher', 'lower']),
    /** The run's value must be at least this many times the control's (higher) or at most 1/factor of it (lower). */
    factor: z.number().positive().optional(),
    /** …and differ by at least this much. */
    margin: z.number().nonnegative().optional(),
  }),
  z.object({ kind: z.literal('above'), run: runShape, metric: metricShape, value: z.number() }),
  z.object({ kind: z.literal('falls'), run: runShape, metric: metricShape, margin: z.number().nonnegative() }),
]);

/** One claim. */
export type Claim = z.infer<typeof claimShape>;

/** A metric value in one report point (the light history point or a full report). */
export interface ClaimPoint {
  losses: Record<string, number>;
  scalars: Record<string, number>;
  /** A term's chart lines, by term id. */
  termScalars: Record<string, Record<string, number>>;
}

/** What a claim is checked against: each run's reports, oldest first, and the embedding width. */
export interface ClaimEvidence {
  main: readonly ClaimPoint[];
  control: readonly ClaimPoint[];
  embedDim: number;
}

/** The outcome of checking one claim. */
export interface ClaimResult {
  holds: boolean;
  /** A sentence with the measured numbers, e.g. "RankMe 15.2 vs 2.7 (at least 3x)". */
  text: string;
}

/** How many of the last reports "the end" averages. */
export const END_REPORTS = 3;

/** The value of `metric` in one point, or undefined. */
export function metricValue(p: ClaimPoint, metric: string): number | undefined {
  const parts = metric.split('.');
  if (parts[0] === 'loss' && parts.length === 2) return p.losses[parts[1]!];
  if (parts[0] === 'term' && parts.length === 3) return p.termScalars[parts[1]!]?.[parts[2]!];
  return p.scalars[metric];
}

/** The mean of the first (or last) END_REPORTS finite values of `metric`, or undefined when none. */
function meanOfReports(points: readonly ClaimPoint[], metric: string, fromEnd: boolean): number | undefined {
  const values: number[] = [];
  for (let k = 0; k < points.length && values.length < END_REPORTS; k++) {
    const v = metricValue(points[fromEnd ? points.length - 1 - k : k]!, metric);
    if (v !== undefined && Number.isFinite(v)) values.push(v);
  }
  return values.length === 0 ? undefined : values.reduce((a, b) => a + b, 0) / values.length;
}

/** The mean of the last END_REPORTS finite values of `metric`, or undefined when none. */
export function endValue(points: readonly ClaimPoint[], metric: string): number | undefined {
  return meanOfReports(points, metric, true);
}

/** The mean of the first END_REPORTS finite values of `metric`, or undefined when none. */
export function startValue(points: readonly ClaimPoint[], metric: string): number | undefined {
  return meanOfReports(points, metric, false);
}

const LEVEL_WORDS: Record<CollapseLevel, string> = { healthy: 'healthy', partial: 'partly collapsed', collapsed: 'collapsed' };

/** Short number formatting for claim sentences. */
function fmt(v: number): string {
  return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(2);
}

/** Checks one claim against the two runs' reports. */
export function checkClaim(claim: Claim, evidence: ClaimEvidence, names: { main: string; control: string } = { main: 'the run', control: 'the control' }): ClaimResult {
  switch (claim.kind) {
    case 'level': {
      const points = evidence[claim.run];
      const rankme = endValue(points, 'rankme');
      const std = endValue(points, 'stdL2');
      const who = names[claim.run];
      if (rankme === undefined || std === undefined) return { holds: false, text: `${who}: no collapse metrics yet` };
      const level = collapseLevel(rankme, std, evidence.embedDim);
      const share = std * Math.sqrt(evidence.embedDim);
      return {
        holds: level === claim.level,
        text: `${who} ${LEVEL_WORDS[level]} (RankMe ${fmt(rankme)} of ${evidence.embedDim}, spread ${fmt(share)}/√D); claimed ${LEVEL_WORDS[claim.level]}`,
      };
    }
    case 'compare': {
      const a = endValue(evidence.main, claim.metric);
      const b = endValue(evidence.control, claim.metric);
      if (a === undefined || b === undefined) return { holds: false, text: `${claim.metric}: not reported by ${a === undefined ? names.main : names.control}` };
      const higher = claim.better === 'higher';
      const factor = claim.factor ?? 1;
      const byFactor = higher ? a >= b * factor : a * factor <= b;
      const byMargin = claim.margin === undefined || (higher ? a - b >= claim.margin : b - a >= claim.margin);
      const strict = higher ? a > b : a < b;
      const need = [claim.factor !== undefined ? `${claim.factor}x` : '', claim.margin !== undefined ? `by ${fmt(claim.margin)}` : ''].filter(Boolean).join(', ');
      return {
        holds: strict && byFactor && byMargin,
        text: `${claim.metric} ${fmt(a)} (${names.main}) vs ${fmt(b)} (${names.control}); claimed ${claim.better}${need ? ` (${need})` : ''}`,
      };
    }
    case 'above': {
      const v = endValue(evidence[claim.run], claim.metric);
      const who = names[claim.run];
      if (v === undefined) return { holds: false, text: `${claim.metric}: not reported by ${who}` };
      return { holds: v > claim.value, text: `${claim.metric} of ${who} ${fmt(v)}; claimed above ${fmt(claim.value)}` };
    }
    case 'falls': {
      const points = evidence[claim.run];
      const who = names[claim.run];
      const start = startValue(points, claim.metric);
      const end = endValue(points, claim.metric);
      if (start === undefined || end === undefined) return { holds: false, text: `${claim.metric}: not reported by ${who}` };
      return { holds: start - end >= claim.margin && points.length > END_REPORTS, text: `${claim.metric} of ${who} from ${fmt(start)} to ${fmt(end)}; claimed to fall by at least ${fmt(claim.margin)}` };
    }
  }
}
