/**
 * The functions the benchmark runs inside its pages. Playwright sends their source text to
 * the page, so they use nothing from this module's scope, and they declare no named inner
 * function: tsx compiles with esbuild's keepNames, which wraps such a function in a
 * `__name` helper that exists here but not in the page (scripts/inPage.test.ts checks).
 */
import type { LabWindow } from '../lib/labInPage.ts';
import type { BenchPageApi } from './benchPage.ts';

/** The app page's window once `longTaskObserver` runs: the long tasks of its main thread so far. */
interface LongTaskWindow {
  __longTasks: { start: number; duration: number }[];
}

/** True once bench.html has published `window.__bench`. */
export const benchReady = (): boolean => '__bench' in window;

/** Calls `window.__bench[name](...args)` in the bench page. */
export const callBenchInPage = ([name, args]: readonly [keyof BenchPageApi, readonly unknown[]]): unknown =>
  (window as unknown as { __bench: Record<string, (...a: readonly unknown[]) => unknown> }).__bench[name]!(...args);

/** Registered before the app's scripts: records every long task of the page's main thread. */
export function longTaskObserver(): void {
  const w = window as unknown as LongTaskWindow;
  w.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
}

/** Where the long-task window opens: the page's clock, step and report count, and the long tasks of the boot before it. */
export function longTaskWindowStart() {
  const w = window as unknown as LongTaskWindow;
  const s = (window as unknown as LabWindow).__collapseLab.snapshot();
  return {
    t: performance.now(),
    step: s.latest?.step ?? 0,
    reports: s.history.length,
    boot: { tasks: w.__longTasks.length, ms: w.__longTasks.reduce((a, t) => a + t.duration, 0), max: w.__longTasks.reduce((a, t) => Math.max(a, t.duration), 0) },
  };
}

/** What the app showed since `since` (the page's clock at the window's start), and the long tasks in that window. */
export function longTaskWindowEnd(since: number) {
  const w = window as unknown as LongTaskWindow;
  const s = (window as unknown as LabWindow).__collapseLab.snapshot();
  const tasks = w.__longTasks.filter((t) => t.start >= since);
  return {
    state: s.state,
    step: s.latest?.step ?? 0,
    reports: s.history.length,
    backend: s.backend?.id ?? null,
    model: s.config.model,
    objective: s.config.objective,
    metricsEvery: s.config.metricsEvery,
    notices: s.notices.filter((n) => n.level !== 'info').map((n) => `${n.code}: ${n.message}`),
    count: tasks.length,
    totalMs: tasks.reduce((a, t) => a + t.duration, 0),
    maxMs: tasks.reduce((a, t) => Math.max(a, t.duration), 0),
    seconds: (performance.now() - since) / 1000,
  };
}

/** The app's progress on the page's clock: its step and reports, the backend it runs on, the live twins' steps, what Auto measured. */
export function appProgress() {
  const s = (window as unknown as LabWindow).__collapseLab.snapshot();
  return {
    t: performance.now(),
    state: s.state,
    step: s.step,
    reports: s.history.length,
    lastReportStep: s.history[s.history.length - 1]?.step ?? 0,
    backend: s.backend?.id ?? null,
    twinSteps: s.compared.filter((c) => c.live).map((c) => c.step),
    autoSpeeds: s.autoSpeeds,
    notices: s.notices.filter((n) => n.level !== 'info').map((n) => `${n.code}: ${n.message}`),
  };
}

/** The page's clock (ms since navigation) once the app shows its first metrics report; false before (for waitForFunction). */
export const firstReportAt = (): number | false => {
  const lab = (window as unknown as Partial<LabWindow>).__collapseLab;
  return lab !== undefined && lab.snapshot().history.length >= 1 ? performance.now() : false;
};

/** True once Auto has timed every backend it probes for this run (none being timed and some measured). */
export const autoMeasured = (): boolean => {
  const a = (window as unknown as LabWindow).__collapseLab.snapshot().autoSpeeds;
  return a !== null && a.measuring === null && Object.keys(a.measured).length > 0;
};

/** True once the app's main run trains on backend `id`. */
export const appOnBackend = ([id]: readonly [string]): boolean => (window as unknown as LabWindow).__collapseLab.snapshot().backend?.id === id;

/** The page's clock and the main run's step once a metrics report past `step` has arrived; false before (for waitForFunction). */
export const reportAfter = ([step]: readonly [number]): { t: number; step: number } | false => {
  const history = (window as unknown as LabWindow).__collapseLab.snapshot().history;
  const last = history[history.length - 1];
  return last !== undefined && last.step > step ? { t: performance.now(), step: last.step } : false;
};
