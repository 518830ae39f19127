/** Section 5 of the report (the app as a user opens it, scripts/bench/appRuns.ts) and its headline bullets. */
import { probeOutcomeText } from '../../app/backend/probeOutcome.ts';
import { DEFAULT_RUN, DEFAULT_WITH_TWIN } from './appRuns.ts';
import { cell, fmt, ratio } from './format.ts';
import type { BenchSettings } from './options.ts';
import { failed, type AppRow, type AppRun } from './raw.ts';

/** The measured visit of `backend` and `run`, or null (not run or failed). */
function visit(rows: readonly AppRow[], backend: string, run: string): AppRun | null {
  const r = rows.find((x) => x.backend === backend && x.run === run);
  return r && !failed(r) ? r : null;
}

/** The backends visited with an explicit backend, in order. */
const forcedBackends = (rows: readonly AppRow[]): string[] => [...new Set(rows.filter((r) => r.backend !== 'auto').map((r) => r.backend))];

/** The fastest backend for the default run alone, as measured here. */
function fastestDefault(rows: readonly AppRow[]): { id: string; stepsPerSecond: number } | null {
  let best: { id: string; stepsPerSecond: number } | null = null;
  for (const b of forcedBackends(rows)) {
    const r = visit(rows, b, DEFAULT_RUN);
    // A row that fell back to another backend measured that one.
    if (r?.stepsPerSecond && r.ranOn === b && (!best || r.stepsPerSecond > best.stepsPerSecond)) best = { id: b, stepsPerSecond: r.stepsPerSecond };
  }
  return best;
}

/** "first metrics / steps/s" of one visit, or why there is none. */
function speedCell(rows: readonly AppRow[], backend: string, run: string): string {
  const r = rows.find((x) => x.backend === backend && x.run === run);
  if (!r) return 'n/a';
  if (failed(r)) return `failed: ${cell(r.error, 80)}`;
  const elsewhere = r.ranOn !== backend ? ` (ran on ${r.ranOn})` : '';
  return `${fmt(r.firstMetricsSeconds)} s / ${fmt(r.stepsPerSecond)}${elsewhere}`;
}

/** What Auto measured and did, in words. */
function autoSentence(rows: readonly AppRow[]): string | null {
  const a = visit(rows, 'auto', DEFAULT_RUN);
  if (!a) return null;
  const measured = Object.entries(a.autoSpeeds ?? {})
    .map(([id, v]) => `${id} ${probeOutcomeText({ stepsPerSecond: v ?? 0, tooSlow: a.autoTooSlow?.includes(id) === true, emulated: id === 'webgpu' && a.autoEmulatedWebgpu === true })}`)
    .join(', ');
  const fastest = fastestDefault(rows);
  const endedOn = a.ranOnAtEnd ?? a.ranOn;
  const endSpeed = endedOn ? visit(rows, endedOn, DEFAULT_RUN)?.stepsPerSecond : null;
  const verdict = fastest
    ? `the fastest measured here for the default run alone is ${fastest.id} (${fmt(fastest.stepsPerSecond)} steps/s): Auto's backend runs it at ${endSpeed ? ratio(endSpeed, fastest.stepsPerSecond) : 'n/a'} of that${endedOn === fastest.id ? ' (the same backend)' : ''}`
    : 'no forced backend measured the default run';
  const speeds = `${fmt(a.stepsPerSecond)} steps/s while its probes ran, ${fmt(a.stepsPerSecondAfterAuto)} after`;
  return `Auto started on ${a.ranOn}, first metrics after ${fmt(a.firstMetricsSeconds)} s; its probes (timed while the run trained beside them) measured ${measured || 'nothing'} and ${a.autoMovedTo ? `moved the run to ${a.autoMovedTo}` : 'kept the run where it was'}, ending on ${endedOn} (${speeds}); ${verdict}.`;
}

/** Section 5's tables. */
export function appTables(rows: AppRow[] | undefined, cfg: BenchSettings): string[] {
  if (!rows) return [];
  const backends = forcedBackends(rows);
  const runs = [...new Set(rows.filter((r) => r.backend !== 'auto').map((r) => r.run))];
  const lines = ['## 5. The app: time to first metrics, steps/s, a second engine, Auto, long tasks', ''];
  lines.push(
    "The built app (index.html) opened by a link as a user would, one fresh browser per visit, training in its worker with the charts on screen. *First metrics*:",
    `from navigation to the first metrics report in the app. *Steps/s*: the main run's steps over a window that opens at the first report (${cfg.appDefaultSeconds} s for the default`,
    `run, ${cfg.appPresetSeconds} s per preset). The default run is the app's own (no parameters but the backend); *default + twin* adds one twin (a second engine, in its`,
    'own worker, in lockstep: layer norm in place of batch norm, about the same arithmetic); each preset runs with its control twin, as its menu entry starts it.',
    '',
    '### First metrics (s) / steps per second of the main run',
    '',
    `| run | ${backends.join(' | ')} |`,
    `|---|${backends.map(() => '---:|').join('')}`,
  );
  for (const run of runs) lines.push(`| ${run} | ${backends.map((b) => speedCell(rows, b, run)).join(' | ')} |`);
  lines.push('', '### What a second engine costs (default run)', '', '| backend | alone, steps/s | with one twin: main steps/s | twin steps/s | main with twin / alone |', '|---|---:|---:|---:|---:|');
  for (const b of backends) {
    const alone = visit(rows, b, DEFAULT_RUN);
    const twin = visit(rows, b, DEFAULT_WITH_TWIN);
    lines.push(`| ${b} | ${fmt(alone?.stepsPerSecond)} | ${fmt(twin?.stepsPerSecond)} | ${fmt(twin?.twinStepsPerSecond)} | ${ratio(twin?.stepsPerSecond, alone?.stepsPerSecond)} |`);
  }
  const auto = autoSentence(rows);
  lines.push('', '### Auto', '', auto ?? 'Auto was not measured (or its visit failed).', '');
  lines.push(
    '### Main-thread long tasks per report, charts on screen (default run, alone and with one twin)',
    '',
    "A PerformanceObserver registered before the app's scripts records long tasks (> 50 ms on the wall) on the page's main thread; boot is everything before the window.",
    "A Chromium trace of the same window gives each main-thread task's CPU time: a long task that used little CPU waited for a core (the workers training beside it",
    "and the GPU process share the machine's cores), one that used over 50 ms of CPU is the app's own work. *CPU per report*: all main-thread work in the window over the",
    'main run\'s reports. With one twin the comparison view is on screen too.',
    '',
    '| backend | run | ran on | window s | reports | long tasks | per report | total ms | longest ms | longest traced task, wall / CPU ms | tasks over 50 ms of CPU | most CPU in one task, ms | CPU per report, ms | boot: long tasks (total ms, longest) | notes |',
    '|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|',
  );
  for (const b of [...backends, 'auto']) {
    for (const run of b === 'auto' ? [DEFAULT_RUN] : [DEFAULT_RUN, DEFAULT_WITH_TWIN]) {
      const r = rows.find((x) => x.backend === b && x.run === run);
      if (!r) continue;
      if (failed(r)) {
        lines.push(`| ${b} | ${run} | | | | failed: ${cell(r.error)} | | | | | | | | | |`);
        continue;
      }
      const t = r.longTasks;
      const m = r.mainThread;
      const traced = m ? `${fmt(m.longestWallMs)} / ${fmt(m.longestWallCpuMs)} | ${m.overCpu} | ${fmt(m.longestCpuMs)} | ${r.reports ? fmt(m.cpuMs / r.reports) : 'n/a'}` : 'n/a | n/a | n/a | n/a';
      lines.push(
        `| ${b} | ${run} | ${r.ranOn} | ${fmt(r.seconds, 0)} | ${r.reports} | ${t.count} | ${r.reports ? fmt(t.count / r.reports, 2) : 'n/a'} | ${fmt(t.totalMs)} | ${fmt(t.maxMs)} | ${traced} | ${r.bootLongTasks.tasks} (${fmt(r.bootLongTasks.ms)} ms, ${fmt(r.bootLongTasks.max)} ms) | ${cell(r.notices.join('; '), 240)} |`,
      );
    }
  }
  const failures = rows.flatMap((r) => (failed(r) ? [`- ${r.backend} ${r.run}: ${cell(r.error, 240)}`] : []));
  if (failures.length) lines.push('', 'Failures:', '', ...failures);
  lines.push('');
  return lines;
}

/** A visit's long tasks per report and the longest, e.g. "0.05 (longest 80 ms)". */
export function longTasksPerReport(r: AppRun): string {
  return `${r.reports ? fmt(r.longTasks.count / r.reports, 2) : 'n/a'} (longest ${fmt(r.longTasks.maxMs, 0)} ms)`;
}

/** Section 5's headline bullets. */
export function appHeadline(rows: AppRow[] | undefined): string[] {
  if (!rows?.length) return [];
  const backends = forcedBackends(rows);
  const out: string[] = [];
  const defaults = backends.map((b) => ({ b, r: visit(rows, b, DEFAULT_RUN) }));
  out.push(`Default run, first metrics / steps per second: ${defaults.map(({ b, r }) => `${b} ${r ? `${fmt(r.firstMetricsSeconds)} s / ${fmt(r.stepsPerSecond)}` : 'failed'}`).join(', ')}.`);
  const auto = autoSentence(rows);
  if (auto) out.push(auto);
  const twins = backends.map((b) => `${b} ${ratio(visit(rows, b, DEFAULT_WITH_TWIN)?.stepsPerSecond, visit(rows, b, DEFAULT_RUN)?.stepsPerSecond)}`);
  out.push(`A second engine (one twin): the main run's steps/s with it / alone: ${twins.join(', ')}.`);
  const tasks = defaults.map(({ b, r }) => `${b} ${r ? longTasksPerReport(r) : 'failed'}`);
  out.push(`Main-thread long tasks per report while the app trains, charts on screen: ${tasks.join(', ')}.`);
  const twinTasks = backends.flatMap((b) => {
    const r = visit(rows, b, DEFAULT_WITH_TWIN);
    return r ? [`${b} ${longTasksPerReport(r)}`] : [];
  });
  if (twinTasks.length) out.push(`The same with one twin, the comparison on screen: ${twinTasks.join(', ')}.`);
  const cpu = backends.flatMap((b) =>
    [visit(rows, b, DEFAULT_RUN), visit(rows, b, DEFAULT_WITH_TWIN)].flatMap((r) => (r?.mainThread ? [`${b}${r.run === DEFAULT_RUN ? '' : ' with a twin'} ${r.mainThread.overCpu} (most in one task ${fmt(r.mainThread.longestCpuMs, 0)} ms)`] : [])),
  );
  if (cpu.length) out.push(`Of those, tasks that used over 50 ms of CPU (the app's own work; the rest waited for a core): ${cpu.join(', ')}.`);
  return out;
}
