/**
 * Section 5: the real app (index.html) as a user opens it, per backend: time to first
 * metrics and steps/s of the default run, of the default run with one twin (what the
 * second engine costs) and of each demo preset with its control twin; main-thread long
 * tasks per report with the charts on screen; and what Auto picks on this machine against
 * the fastest backend measured here.
 */
import type { Page } from '@playwright/test';
import { fasterBackend, type MeasuredSpeeds } from '../../src/backend/autoChoice.ts';
import type { Flip } from '../../src/compare/flip.ts';
import { DEFAULT_CONFIG, type BackendId, type RunConfig } from '../../src/config.ts';
import type { Catalog } from '../../src/catalog.ts';
import { buildCatalog } from '../../src/engine.ts';
import { encodeUrlState } from '../../src/link/urlState.ts';
import { DEFAULT_VIEW, flipToText } from '../../src/link/viewState.ts';
import { labIn, sendToLab } from '../lib/labInPage.ts';
import { firstLine } from '../lib/log.ts';
import { openPage, type BenchPreset } from './benchPage.ts';
import { fmt } from './format.ts';
import { appOnBackend, appProgress, autoMeasured, firstReportAt, longTaskObserver, longTaskWindowEnd, longTaskWindowStart, reportAfter } from './inPage.ts';
import { log } from './log.ts';
import { markInPage, startTimelineTrace, stopTimelineTrace, summarizeTasks, tasksInWindow, topLevelTasks, TRACE_WINDOW_MARKS } from './mainThreadTrace.ts';
import type { BenchSettings } from './options.ts';
import type { AppRow, AppRun } from './raw.ts';

/** The twin of the default run in the second-engine row: layer norm in place of batch norm, about the same arithmetic. */
export const DEFAULT_TWIN: Flip = { kind: 'norm', field: 'norm', value: 'layer' };

/** The run names of the rows that are not presets. */
export const DEFAULT_RUN = 'default';
export const DEFAULT_WITH_TWIN = 'default + twin';

/** One page visit of the section: which backend the link asks for, which run, and the link's query. */
export interface AppVisit {
  /** A backend id, or 'auto' for the link without one. */
  backend: string;
  run: string;
  query: string;
  /** The twin's flip as the link writes it, or null. */
  twin: string | null;
  /** Seconds of the steps/s window. */
  seconds: number;
}

/**
 * The app's link to `config` on `backend` with `twins` beside it. Links carry their format
 * version: one without it is read against the first format's defaults.
 */
export function appLink(catalog: Catalog, config: RunConfig, backend: string, twins: readonly Flip[] = []): string {
  return encodeUrlState({ ...config, backend: backend as BackendId }, catalog, { ...DEFAULT_VIEW, twins: [...twins] });
}

/**
 * The visits, in order: per backend the default run, the default run with one twin and
 * each preset with its control twin; then the default run under Auto.
 */
export function appVisits(backends: readonly string[], presets: readonly BenchPreset[], settings: Pick<BenchSettings, 'appDefaultSeconds' | 'appPresetSeconds'>): AppVisit[] {
  const catalog = buildCatalog();
  const visits: AppVisit[] = [];
  const link = (config: RunConfig, backend: string, twins: Flip[]) => appLink(catalog, config, backend, twins);
  for (const backend of backends) {
    visits.push({ backend, run: DEFAULT_RUN, query: link(DEFAULT_CONFIG, backend, []), twin: null, seconds: settings.appDefaultSeconds });
    visits.push({ backend, run: DEFAULT_WITH_TWIN, query: link(DEFAULT_CONFIG, backend, [DEFAULT_TWIN]), twin: flipToText(DEFAULT_TWIN), seconds: settings.appDefaultSeconds });
    for (const p of presets) visits.push({ backend, run: p.id, query: link(p.config, backend, [p.control]), twin: flipToText(p.control), seconds: settings.appPresetSeconds });
  }
  visits.push({ backend: 'auto', run: DEFAULT_RUN, query: '', twin: null, seconds: settings.appDefaultSeconds });
  return visits;
}

/** Steps per second between two readings of a step counter on the page's clock. */
const rate = (steps: number, ms: number): number | null => (ms > 0 ? (steps * 1000) / ms : null);

/** The page's clock and the main run's step when the first metrics report past `step` arrives. */
async function nextReport(page: Page, step: number): Promise<{ t: number; step: number }> {
  const handle = await page.waitForFunction(reportAfter, [step] as const, { timeout: 120_000, polling: 100 });
  return (await handle.jsonValue()) as { t: number; step: number };
}

/**
 * After the window, under Auto: waits until Auto has timed every backend and, if it chose to
 * move, until the run has moved; then times the run for `seconds` more.
 */
async function autoOutcome(
  page: Page,
  startedOn: string | null,
  timeoutMs: number,
  seconds: number,
): Promise<Pick<AppRun, 'autoSpeeds' | 'autoTooSlow' | 'autoEmulatedWebgpu' | 'autoMovedTo' | 'ranOnAtEnd' | 'stepsPerSecondAfterAuto'>> {
  await page.waitForFunction(autoMeasured, null, { timeout: timeoutMs, polling: 500 });
  const auto = (await page.evaluate(appProgress)).autoSpeeds;
  const measured = (auto?.measured ?? {}) as MeasuredSpeeds;
  const pick = startedOn ? fasterBackend(startedOn as BackendId, measured) : null;
  // Moving rebuilds the run on the new backend; say where it ended up either way.
  if (pick) await page.waitForFunction(appOnBackend, [pick] as const, { timeout: 60_000, polling: 500 }).catch(() => {});
  // The window above shares the CPU with Auto's probes; time the run again once they are done.
  const from = await nextReport(page, (await page.evaluate(appProgress)).lastReportStep);
  await page.waitForTimeout(seconds * 1000);
  const to = await nextReport(page, (await page.evaluate(appProgress)).lastReportStep);
  return { autoSpeeds: measured, autoTooSlow: auto?.tooSlow ?? [], autoEmulatedWebgpu: auto?.emulatedWebgpu ?? false, autoMovedTo: pick, ranOnAtEnd: (await page.evaluate(appProgress)).backend, stepsPerSecondAfterAuto: rate(to.step - from.step, to.t - from.t) };
}

/** Opens one visit's link, waits for the first metrics report, then measures a window of training. */
async function measureVisit(base: string, v: AppVisit, settings: BenchSettings): Promise<AppRow> {
  const { page, close } = await openPage(`${base}/index.html${v.query}`, longTaskObserver);
  try {
    // The app starts training by itself once the run is built; press Play if it did not.
    await page.waitForFunction(labIn, ['idle', 'paused', 'running'] as const, { timeout: 120_000 });
    if ((await page.evaluate(appProgress)).state !== 'running') await page.evaluate(sendToLab, { type: 'start' } as const);
    const first = (await (await page.waitForFunction(firstReportAt, null, { timeout: 180_000, polling: 100 })).jsonValue()) as number;
    // The default run's window (alone and with a twin) is traced too: each long task's CPU time tells the app's work from waiting for a core.
    const browser = v.run === DEFAULT_RUN || v.run === DEFAULT_WITH_TWIN ? page.context().browser() : null;
    if (browser) await startTimelineTrace(browser, page);
    const start = await page.evaluate(longTaskWindowStart);
    // Steps/s from report to report: the app learns the step from its metrics reports.
    const from = await nextReport(page, 0);
    if (browser) await page.evaluate(markInPage, TRACE_WINDOW_MARKS.start);
    const a = await page.evaluate(appProgress);
    await page.waitForTimeout(v.seconds * 1000);
    const to = await nextReport(page, (await page.evaluate(appProgress)).lastReportStep);
    const b = await page.evaluate(appProgress);
    const tasks = await page.evaluate(longTaskWindowEnd, start.t);
    if (browser) await page.evaluate(markInPage, TRACE_WINDOW_MARKS.end);
    const traced = browser ? await stopTimelineTrace(browser) : null;
    const mainThread = traced ? summarizeTasks(tasksInWindow(topLevelTasks(traced), traced)) : undefined;
    const twin = a.twinSteps.length && b.twinSteps.length ? Math.min(...b.twinSteps.map((s, i) => s - (a.twinSteps[i] ?? 0))) : null;
    const row: AppRun = {
      backend: v.backend,
      run: v.run,
      twin: v.twin,
      ranOn: a.backend,
      firstMetricsSeconds: first / 1000,
      stepsPerSecond: rate(to.step - from.step, to.t - from.t),
      twinStepsPerSecond: twin === null ? null : rate(twin, b.t - a.t),
      twins: b.twinSteps.length,
      seconds: (to.t - from.t) / 1000,
      reports: b.reports - a.reports,
      longTasks: { count: tasks.count, totalMs: tasks.totalMs, maxMs: tasks.maxMs },
      ...(mainThread ? { mainThread } : {}),
      bootLongTasks: start.boot,
      notices: b.notices,
      ...(v.backend === 'auto' ? await autoOutcome(page, a.backend, settings.autoSeconds * 1000, v.seconds) : {}),
    };
    await page.evaluate(sendToLab, { type: 'pause' } as const);
    log(
      `app ${v.backend} ${v.run}: first metrics after ${fmt(row.firstMetricsSeconds)} s on ${row.ranOn}, ${fmt(row.stepsPerSecond)} steps/s${row.twinStepsPerSecond === null ? '' : ` (twin ${fmt(row.twinStepsPerSecond)})`}, ${row.longTasks.count} long tasks in ${row.reports} reports${row.autoSpeeds ? `; Auto measured ${JSON.stringify(row.autoSpeeds)}, moved to ${row.autoMovedTo ?? 'none'}` : ''}`,
    );
    return row;
  } catch (e) {
    log(`app ${v.backend} ${v.run} failed: ${firstLine(e)}`);
    return { backend: v.backend, run: v.run, error: firstLine(e) };
  } finally {
    await close();
  }
}

/** Measures every visit of `appVisits` against the app served at `base`. */
export async function measureApp(base: string, presets: readonly BenchPreset[], settings: BenchSettings): Promise<AppRow[]> {
  const rows: AppRow[] = [];
  for (const v of appVisits(settings.backends, presets, settings)) rows.push(await measureVisit(base, v, settings));
  return rows;
}
