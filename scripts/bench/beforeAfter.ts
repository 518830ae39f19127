/**
 * The report's "Before → after" section: an earlier run's figures (bench/previous/*.json, the
 * newest file; kept by hand when a run replaces bench/RESULTS.md) beside this run's, for what
 * both measured: the default run's first metrics and steps/s per backend, main-thread long
 * tasks per report, and each seed method's overhead per preset, model and backend.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeIssues } from '../../src/library/migrateRecord.ts';
import { z } from '../../src/util/zod.ts';
import { longTasksPerReport } from './appReport.ts';
import { DEFAULT_RUN } from './appRuns.ts';
import { cell, fmt } from './format.ts';
import { log } from './log.ts';
import { failed, type AppRun, type BenchRaw } from './raw.ts';

/** An earlier run's figures, as kept in bench/previous/. */
export const previousBenchShape = z.object({
  date: z.string(),
  source: z.string(),
  note: z.string().optional(),
  /** Median ms with and without the method; null or left out where that run could not time it (the CNN on WASM before its kernels, a preset without a method). */
  steps: z.array(z.object({ model: z.string(), preset: z.string(), backend: z.string(), baseMs: z.number().nullable().optional(), methodMs: z.number().nullable().optional() })).default([]),
  longTasks: z.array(z.object({ backend: z.string(), ranOn: z.string(), reports: z.number(), longTasks: z.number(), longestMs: z.number() })).default([]),
  firstMetrics: z
    .array(z.object({ link: z.string(), backend: z.string(), auto: z.boolean(), firstMetricsS: z.number(), stepsPerSecond: z.number(), stepsBelow: z.boolean().default(false) }))
    .default([]),
  firstMetricsNote: z.string().optional(),
});

/** An earlier run's figures. */
export type PreviousBench = z.infer<typeof previousBenchShape>;

/** The newest earlier run in `dir` (files named by date sort by date), or null when there is none or it does not read (then the log says why). */
export function loadPrevious(dir: string): { file: string; previous: PreviousBench } | null {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  } catch {
    return null; // No folder: nothing to compare with.
  }
  const file = files.at(-1);
  if (!file) return null;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  } catch (e) {
    // Not JSON: read like a file of another shape (the run's own results are saved before this).
    log(`bench/previous/${file} is not JSON (${e instanceof Error ? e.message : String(e)}): the report has no before → after section`);
    return null;
  }
  const parsed = previousBenchShape.safeParse(json);
  if (parsed.success) return { file, previous: parsed.data };
  log(`bench/previous/${file} does not read as an earlier run (${describeIssues(parsed.error)}): the report has no before → after section`);
  return null;
}

/** This run's visit of the default run on `backend` ('auto' for Auto), if it succeeded. */
function defaultVisit(raw: BenchRaw, backend: string): AppRun | null {
  const r = raw.app?.find((x) => x.backend === backend && x.run === DEFAULT_RUN);
  return r && !failed(r) ? r : null;
}

/** This run's method / base median step of a preset, model and backend, or null. */
function overheadNow(raw: BenchRaw, preset: string, model: string, backend: string): number | null {
  const row = raw.steps?.backends[backend]?.rows.find((r) => r.preset === preset && r.model === model);
  const base = row?.base?.medianMs;
  const method = row?.method?.medianMs;
  return base && method ? method / base : null;
}

/** The section's lines (none when there is no earlier run). */
export function beforeAfterTables(raw: BenchRaw, prev: { file: string; previous: PreviousBench } | null): string[] {
  if (!prev) return [];
  const p = prev.previous;
  const lines = ['## Before → after', '', `Before: ${p.date}, ${p.source} (bench/previous/${prev.file}).${p.note ? ` ${cell(p.note, 600)}` : ''}`, ''];
  if (p.firstMetrics.length) {
    lines.push('**The default run as a user opens it**: first metrics (s) / steps per second.', '');
    if (p.firstMetricsNote) lines.push(cell(p.firstMetricsNote, 600), '');
    lines.push('| before: link | before | now: default run (v=2) | now |', '|---|---:|---|---:|');
    for (const b of p.firstMetrics) {
      const now = defaultVisit(raw, b.auto ? 'auto' : b.backend);
      const nowLink = b.auto ? 'Auto' : `backend=${b.backend}`;
      const nowCell = now ? `${fmt(now.firstMetricsSeconds)} s / ${fmt(now.stepsPerSecond)}${now.ranOn && now.ranOn !== b.backend ? ` (on ${now.ranOn})` : ''}` : 'n/a';
      lines.push(`| \`${cell(b.link)}\` (${b.auto ? `Auto, on ${b.backend}` : b.backend}) | ${fmt(b.firstMetricsS)} s / ${b.stepsBelow ? '< ' : ''}${fmt(b.stepsPerSecond)} | ${nowLink} | ${nowCell} |`);
    }
    lines.push('');
  }
  if (p.longTasks.length) {
    lines.push('**Main-thread long tasks (> 50 ms) per metrics report** while training, charts on screen.', '', '| backend | before | now |', '|---|---:|---:|');
    for (const b of p.longTasks) {
      const now = defaultVisit(raw, b.backend);
      const nowCell = now && now.reports > 0 ? longTasksPerReport(now) : 'n/a';
      lines.push(`| ${b.backend} | ${fmt(b.reports > 0 ? b.longTasks / b.reports : null, 2)} (longest ${fmt(b.longestMs, 0)} ms) | ${nowCell} |`);
    }
    lines.push('');
  }
  const compared = p.steps.flatMap((s) => (s.baseMs && s.methodMs ? [{ ...s, before: s.methodMs / s.baseMs, now: overheadNow(raw, s.preset, s.model, s.backend) }] : [])).filter((s) => s.now !== null);
  if (compared.length) {
    lines.push('**Seed-method overhead** (median step with the method / without), where both runs timed the same preset, model and backend (the presets may have changed between the runs).', '', '| preset | model | backend | before | now |', '|---|---|---|---:|---:|');
    for (const s of compared) lines.push(`| ${s.preset} | ${s.model} | ${s.backend} | ${fmt(s.before, 2)}× | ${fmt(s.now, 2)}× |`);
    lines.push('');
  }
  return lines;
}
