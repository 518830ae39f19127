/**
 * The page's main thread as a Chromium trace sees it: every task with its wall time and
 * its CPU time. A long task (over 50 ms on the wall) that used little CPU waited for a
 * core (the worker training beside it and the GPU process share this machine's two);
 * one that used the CPU is the app's own work. `npm run bench` puts both in its long-task
 * table; scripts/profile-main-thread.ts prints what ran inside each task.
 */
import type { Browser, Page } from '@playwright/test';

/** The trace categories of DevTools' timeline (tasks with their thread (CPU) time, script, style, layout, paint) and performance.mark. */
export const TIMELINE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'];

/**
 * The performance.mark names that bound the window a summary counts: starting the trace
 * itself stalls the compositor for a moment, so the window opens a little after it.
 */
export const TRACE_WINDOW_MARKS = { start: 'collapse-lab-trace-window-start', end: 'collapse-lab-trace-window-end' } as const;

/** Sets a performance mark in the page (for page.evaluate). */
export const markInPage = (name: string): void => void performance.mark(name);

/** One event of a Chromium trace (times in microseconds; `tdur` is thread CPU time). */
export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { functionName?: string } };
}

/** One top-level task of the main thread. */
export interface MainThreadTask {
  /** Trace clock, microseconds. */
  ts: number;
  wallMs: number;
  /** Null when the trace has no thread time for it. */
  cpuMs: number | null;
  event: TraceEvent;
}

/** The events of the page renderer's main thread: the CrRendererMain thread that ran the most tasks. */
export function mainThreadEvents(events: readonly TraceEvent[]): TraceEvent[] {
  const runTasks = new Map<string, number>();
  for (const e of events) if (e.name === 'RunTask' && e.ph === 'X') runTasks.set(`${e.pid}/${e.tid}`, (runTasks.get(`${e.pid}/${e.tid}`) ?? 0) + 1);
  const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const best = mains.sort((a, b) => (runTasks.get(`${b.pid}/${b.tid}`) ?? 0) - (runTasks.get(`${a.pid}/${a.tid}`) ?? 0))[0];
  if (!best) return [];
  return events.filter((e) => e.pid === best.pid && e.tid === best.tid);
}

/** The top-level tasks among `events` (one thread's), in time order; a task nested in another is part of it. */
export function topLevelTasks(events: readonly TraceEvent[]): MainThreadTask[] {
  const runs = events.filter((e) => e.name === 'RunTask' && e.ph === 'X').sort((a, b) => a.ts - b.ts);
  const out: MainThreadTask[] = [];
  let end = Number.NEGATIVE_INFINITY;
  for (const e of runs) {
    if (e.ts < end) continue;
    end = e.ts + (e.dur ?? 0);
    out.push({ ts: e.ts, wallMs: (e.dur ?? 0) / 1000, cpuMs: e.tdur === undefined ? null : e.tdur / 1000, event: e });
  }
  return out;
}

/** The tasks that lie wholly between the window marks (all of them when the trace lacks a mark). */
export function tasksInWindow(tasks: readonly MainThreadTask[], events: readonly TraceEvent[]): MainThreadTask[] {
  const at = (name: string) => events.find((e) => e.name === name)?.ts;
  const start = at(TRACE_WINDOW_MARKS.start) ?? Number.NEGATIVE_INFINITY;
  const end = at(TRACE_WINDOW_MARKS.end) ?? Number.POSITIVE_INFINITY;
  return tasks.filter((t) => t.ts >= start && t.ts + t.wallMs * 1000 <= end);
}

/** What the long-task table shows of a trace's main thread. */
export interface MainThreadSummary {
  tasks: number;
  /** CPU time of all tasks, ms. */
  cpuMs: number;
  /** Tasks over `overMs` on the wall, and how many of them used over `overMs` of CPU. */
  overWall: number;
  overCpu: number;
  /** The longest task on the wall (ms) and its CPU time (ms). */
  longestWallMs: number;
  longestWallCpuMs: number | null;
  /** The most CPU any one task used (ms). */
  longestCpuMs: number;
}

/** Sums up `tasks` against the long-task threshold `overMs` (50 ms, the Long Tasks API's). */
export function summarizeTasks(tasks: readonly MainThreadTask[], overMs = 50): MainThreadSummary {
  const longest = tasks.reduce<MainThreadTask | null>((a, t) => (a === null || t.wallMs > a.wallMs ? t : a), null);
  return {
    tasks: tasks.length,
    cpuMs: tasks.reduce((a, t) => a + (t.cpuMs ?? 0), 0),
    overWall: tasks.filter((t) => t.wallMs > overMs).length,
    overCpu: tasks.filter((t) => (t.cpuMs ?? 0) > overMs).length,
    longestWallMs: longest?.wallMs ?? 0,
    longestWallCpuMs: longest?.cpuMs ?? null,
    longestCpuMs: tasks.reduce((a, t) => Math.max(a, t.cpuMs ?? 0), 0),
  };
}

/** Starts tracing `page`'s browser with the timeline categories. */
export async function startTimelineTrace(browser: Browser, page: Page): Promise<void> {
  await browser.startTracing(page, { categories: TIMELINE_CATEGORIES });
}

/** Stops the trace and returns its main thread's events. */
export async function stopTimelineTrace(browser: Browser): Promise<TraceEvent[]> {
  const { traceEvents } = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
  return mainThreadEvents(traceEvents);
}
