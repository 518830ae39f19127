import { describe, expect, it } from 'vitest';
import { mainThreadEvents, summarizeTasks, tasksInWindow, topLevelTasks, TRACE_WINDOW_MARKS, type TraceEvent } from './mainThreadTrace';

const meta = (pid: number, tid: number, name: string): TraceEvent => ({ name: 'thread_name', ph: 'M', pid, tid, ts: 0, args: { name } });
const task = (pid: number, tid: number, ts: number, dur: number, tdur?: number): TraceEvent => ({ name: 'RunTask', ph: 'X', pid, tid, ts, dur, ...(tdur === undefined ? {} : { tdur }) });

describe('mainThreadEvents', () => {
  it('picks the renderer main thread that ran the most tasks (the page, not an idle frame)', () => {
    const events = [meta(1, 1, 'CrRendererMain'), meta(2, 7, 'CrRendererMain'), meta(2, 8, 'DedicatedWorker thread'), task(1, 1, 0, 10), task(2, 7, 0, 10), task(2, 7, 20, 10), task(2, 8, 0, 10), task(2, 8, 20, 10), task(2, 8, 40, 10)];
    const picked = mainThreadEvents(events);
    expect(new Set(picked.map((e) => `${e.pid}/${e.tid}`))).toEqual(new Set(['2/7']));
    expect(picked.filter((e) => e.name === 'RunTask')).toHaveLength(2);
  });

  it('is empty when the trace has no renderer main thread', () => {
    expect(mainThreadEvents([task(1, 1, 0, 10)])).toEqual([]);
  });
});

describe('topLevelTasks and summarizeTasks', () => {
  it('counts a nested task as part of its parent and tells waiting from work', () => {
    // 120 ms on the wall with 20 ms of CPU (waited for a core), a nested task inside it,
    // 60 ms with 55 ms of CPU (the app's own work), and a short one.
    const events = [task(1, 1, 0, 120_000, 20_000), task(1, 1, 10_000, 5_000, 5_000), task(1, 1, 200_000, 60_000, 55_000), task(1, 1, 300_000, 4_000, 4_000)];
    const tasks = topLevelTasks(events);
    expect(tasks.map((t) => t.wallMs)).toEqual([120, 60, 4]);
    expect(summarizeTasks(tasks)).toEqual({ tasks: 3, cpuMs: 79, overWall: 2, overCpu: 1, longestWallMs: 120, longestWallCpuMs: 20, longestCpuMs: 55 });
  });

  it('says nothing of CPU time the trace does not have', () => {
    const s = summarizeTasks(topLevelTasks([task(1, 1, 0, 70_000)]));
    expect(s.longestWallCpuMs).toBeNull();
    expect(s.overWall).toBe(1);
    expect(s.overCpu).toBe(0);
  });

  it('is all zeros for no tasks', () => {
    expect(summarizeTasks([])).toEqual({ tasks: 0, cpuMs: 0, overWall: 0, overCpu: 0, longestWallMs: 0, longestWallCpuMs: null, longestCpuMs: 0 });
  });
});

describe('tasksInWindow', () => {
  const mark = (name: string, ts: number): TraceEvent => ({ name, ph: 'R', pid: 1, tid: 1, ts });
  const tasks = [task(1, 1, 0, 90_000, 10_000), task(1, 1, 100_000, 20_000, 20_000), task(1, 1, 500_000, 30_000, 30_000), task(1, 1, 900_000, 80_000, 10_000)];

  it('keeps only the tasks wholly between the marks (the stall of starting the trace, before the window, is left out)', () => {
    const events = [...tasks, mark(TRACE_WINDOW_MARKS.start, 95_000), mark(TRACE_WINDOW_MARKS.end, 950_000)];
    expect(tasksInWindow(topLevelTasks(events), events).map((t) => t.ts)).toEqual([100_000, 500_000]);
  });

  it('keeps every task when the trace has no marks', () => {
    expect(tasksInWindow(topLevelTasks(tasks), tasks)).toHaveLength(4);
  });
});
