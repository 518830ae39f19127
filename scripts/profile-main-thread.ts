/**
 * Where the app's main thread spends its long tasks while it trains: opens the built app's
 * default run, or a demo preset with its control twin, on one backend (charts on screen, the
 * link `npm run bench` opens), records a
 * Chromium trace for a window after the first metrics report, and prints each main-thread
 * task over the threshold with its wall time, its CPU time (a task much longer on the wall
 * than on the CPU waited for a core: the worker and the GPU process share this machine's
 * two) and the work inside it (script, style, layout, paint, garbage collection).
 *
 * `npx tsx scripts/profile-main-thread.ts --help` lists the flags. Build with
 * `npx vite build --minify false --outDir <dir>` for readable names. A tool for finding
 * the cause; `npm run bench` is what measures long tasks per report.
 */
import { DEFAULT_CONFIG } from '../src/config.ts';
import { buildCatalog } from '../src/engine.ts';
import { mergeLinkConfig } from '../src/link/resolveLinkConfig.ts';
import { appLink } from './bench/appRuns.ts';
import { longTaskObserver } from './bench/inPage.ts';
import { mainThreadEvents, markInPage, summarizeTasks, tasksInWindow, topLevelTasks, TRACE_WINDOW_MARKS, TIMELINE_CATEGORIES, type TraceEvent } from './bench/mainThreadTrace.ts';
import { closeOnSignals, launch, newPage, startPreview } from './lib/browser.ts';
import { helpText, parseFlags, runMain, UsageError, type Flag } from './lib/cli.ts';
import { PRESET_DIR, readPresetFiles } from './presets/presetFiles.ts';
import type { LabWindow } from './lib/labInPage.ts';

const FLAGS = {
  backend: { type: 'string', value: 'ID', help: 'the backend of the link: webgpu, webgl, wasm or cpu (default wasm)' },
  seconds: { type: 'string', value: 'S', help: 'how long to trace after the first metrics report (default 20)' },
  over: { type: 'string', value: 'MS', help: 'list the tasks longer than this on the wall (default 30)' },
  preset: { type: 'string', value: 'ID', help: 'open this demo preset with its control twin (a file name of seeds/presets/ without .json) instead of the default run' },
  query: { type: 'string', value: 'TEXT', help: "added to the run's link, e.g. '&every=1'" },
  dist: { type: 'string', value: 'DIR', help: 'the build to serve (default dist/)' },
  help: { type: 'boolean', help: 'this text' },
} satisfies Record<string, Flag>;

/** A label for a complete event inside a task: its name, with the function for script. */
function label(e: TraceEvent): string {
  const fn = e.args?.data?.functionName;
  return fn ? `${e.name} ${fn}` : e.name;
}

/** Self time (ms) per label of the complete events nested in `task`, largest first. */
function inside(task: TraceEvent, events: TraceEvent[], top = 10): [string, number][] {
  const end = task.ts + (task.dur ?? 0);
  const nested = events.filter((e) => e !== task && e.ph === 'X' && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= end).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const self = new Map<string, number>();
  const stack: { e: TraceEvent; child: number }[] = [];
  const close = (upTo: number) => {
    while (stack.length && stack[stack.length - 1]!.e.ts + (stack[stack.length - 1]!.e.dur ?? 0) <= upTo) {
      const { e, child } = stack.pop()!;
      self.set(label(e), (self.get(label(e)) ?? 0) + ((e.dur ?? 0) - child) / 1000);
      if (stack.length) stack[stack.length - 1]!.child += e.dur ?? 0;
    }
  };
  for (const e of nested) {
    close(e.ts);
    stack.push({ e, child: 0 });
  }
  close(Infinity);
  return [...self].filter(([, ms]) => ms >= 0.5).sort((a, b) => b[1] - a[1]).slice(0, top);
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2), FLAGS);
  if (flags.help) {
    console.log(helpText('npx tsx scripts/profile-main-thread.ts [--backend ID] [--seconds S] [--over MS] [--preset ID] [--query TEXT] [--dist DIR]', "Traces the built app's main thread while the default run (or a preset with its control) trains and prints each long task's wall and CPU time and what ran inside it.", FLAGS));
    return;
  }
  const values = { backend: flags.backend ?? 'wasm', seconds: flags.seconds ?? '20', over: flags.over ?? '30', query: flags.query ?? '', dist: flags.dist };
  // The run's link as the bench opens it (with its format version): the default run, or a preset beside its control.
  const catalog = buildCatalog();
  let link = appLink(catalog, DEFAULT_CONFIG, values.backend);
  if (flags.preset !== undefined) {
    const preset = readPresetFiles(PRESET_DIR).presets.find((p) => p.id === flags.preset);
    if (!preset) throw new UsageError(`--preset: no valid preset ${flags.preset} in seeds/presets/`);
    link = appLink(catalog, mergeLinkConfig(DEFAULT_CONFIG, preset.config), values.backend, [preset.control]);
  }
  closeOnSignals(console.log);
  const preview = await startPreview(values.dist ? { dist: values.dist } : {});
  const browser = await launch();
  try {
    const page = await newPage(browser, console.log);
    await page.addInitScript(longTaskObserver);
    await page.goto(`${preview.url}/index.html${link}${values.query}`);
    await page.waitForFunction(() => ((window as unknown as LabWindow).__collapseLab?.snapshot().history.length ?? 0) > 0, null, { timeout: 180_000, polling: 100 });
    const reports0 = await page.evaluate(() => (window as unknown as LabWindow).__collapseLab.snapshot().history.length);
    // Script, GC and paint detail on top of the timeline the bench traces.
    await browser.startTracing(page, { categories: [...TIMELINE_CATEGORIES, 'v8', 'v8.execute'] });
    // Starting the trace stalls the compositor for a moment: the window opens at the next report.
    await page.waitForFunction((n) => (window as unknown as LabWindow).__collapseLab.snapshot().history.length > n, reports0, { timeout: 60_000, polling: 50 });
    await page.evaluate(markInPage, TRACE_WINDOW_MARKS.start);
    const t0 = await page.evaluate(() => performance.now());
    await page.waitForTimeout(Number(values.seconds) * 1000);
    await page.evaluate(markInPage, TRACE_WINDOW_MARKS.end);
    const { traceEvents } = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
    const observed = await page.evaluate((since) => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.filter((t) => t.start >= since), t0);
    const end = await page.evaluate(() => {
      const s = (window as unknown as LabWindow).__collapseLab.snapshot();
      return { reports: s.history.length, state: s.state, step: s.step, backend: s.backend?.id };
    });
    const events = mainThreadEvents(traceEvents);
    const tasks = tasksInWindow(topLevelTasks(events), events);
    if (!events.some((e) => e.name === TRACE_WINDOW_MARKS.start)) console.log('(the trace has no window marks: every task counts)');
    const overMs = Number(values.over);
    const long = tasks.filter((t) => t.wallMs > overMs);
    const summary = summarizeTasks(tasks);
    console.log(`${values.backend}: ${values.seconds} s, ${end.reports - reports0} reports, ended ${JSON.stringify(end)}`);
    console.log(`long tasks (observer): ${observed.map((t) => `${t.duration} ms at ${((t.start - t0) / 1000).toFixed(2)} s`).join(', ') || 'none'}`);
    console.log(`main thread: ${JSON.stringify(summary)}; ${long.length} tasks over ${overMs} ms on the wall`);
    const totals = new Map<string, number>();
    for (const [k, ms] of tasks.flatMap((t) => inside(t.event, events, Infinity))) totals.set(k, (totals.get(k) ?? 0) + ms);
    const counts = new Map<string, number>();
    for (const e of events) if (e.ph === 'X') counts.set(label(e), (counts.get(label(e)) ?? 0) + 1);
    console.log('where the time went (wall, all tasks; how many):');
    for (const [k, ms] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`    ${ms.toFixed(0).padStart(6)} ms  ${k} (×${counts.get(k) ?? 0})`);
    for (const t of long.sort((a, b) => b.wallMs - a.wallMs).slice(0, 15)) {
      console.log(`\n— ${t.wallMs.toFixed(1)} ms wall, ${t.cpuMs?.toFixed(1) ?? '?'} ms CPU, at ${((t.ts - tasks[0]!.ts) / 1e6).toFixed(2)} s of ${((tasks[tasks.length - 1]!.ts - tasks[0]!.ts) / 1e6).toFixed(2)} s`);
      for (const [k, ms] of inside(t.event, events)) console.log(`    ${ms.toFixed(1).padStart(6)} ms  ${k}`);
    }
  } finally {
    await browser.close();
    preview.stop();
  }
}

runMain(main);
