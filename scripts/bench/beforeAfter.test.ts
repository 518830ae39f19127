import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { beforeAfterTables, loadPrevious, type PreviousBench } from './beforeAfter.ts';
import { renderBenchReport } from './report.ts';
import { sampleBenchRaw } from './report.sample.ts';

const previous: PreviousBench = {
  date: '2026-11-22 09:31 UTC',
  source: 'commit ea9d85f',
  note: 'Copied by hand.',
  steps: [
    { model: 'mlp', preset: 'corinfomax', backend: 'webgpu', baseMs: 10, methodMs: 30 },
    { model: 'cnn', preset: 'sim', backend: 'webgpu', baseMs: 100, methodMs: 920 },
  ],
  longTasks: [{ backend: 'webgpu', ranOn: 'webgpu', reports: 5, longTasks: 5, longestMs: 189 }],
  firstMetrics: [
    { link: '/', backend: 'webgpu', auto: true, firstMetricsS: 50.7, stepsPerSecond: 0.1, stepsBelow: true },
    { link: '/?backend=wasm&m=mlp', backend: 'wasm', auto: false, firstMetricsS: 2.2, stepsPerSecond: 14.3, stepsBelow: false },
  ],
  firstMetricsNote: 'From the issue.',
};

describe('beforeAfterTables', () => {
  it('sets the earlier figures beside this run for what both measured, and leaves out what this run did not', () => {
    const lines = beforeAfterTables(sampleBenchRaw(), { file: '2026-11-22.json', previous });
    expect(lines[0]).toBe('## Before → after');
    expect(lines).toContain('Before: 2026-11-22 09:31 UTC, commit ea9d85f (bench/previous/2026-11-22.json). Copied by hand.');
    expect(lines).toContain('| `/` (Auto, on webgpu) | 50.7 s / < 0.1 | Auto | 3.5 s / 9.0 (on wasm) |');
    expect(lines).toContain('| `/?backend=wasm&m=mlp` (wasm) | 2.2 s / 14.3 | backend=wasm | 3.0 s / 10.0 |');
    expect(lines).toContain('| webgpu | 1.00 (longest 189 ms) | 0.40 (longest 120 ms) |');
    expect(lines).toContain('| corinfomax | mlp | webgpu | 3.00× | 1.50× |');
    // The CNN ρSIM row was not timed by this run.
    expect(lines.filter((l) => l.startsWith('| sim |'))).toEqual([]);
  });

  it('is empty without an earlier run, and the report then has no such section', () => {
    expect(beforeAfterTables(sampleBenchRaw(), null)).toEqual([]);
    expect(renderBenchReport(sampleBenchRaw())).not.toContain('## Before → after');
    expect(renderBenchReport(sampleBenchRaw(), { file: 'x.json', previous })).toContain('## Before → after');
  });
});

describe('loadPrevious', () => {
  it('reads the earlier run of 2026-11-22 kept in bench/previous/ (timings that run could not take are null or left out there)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'previous-'));
    copyFileSync(join(import.meta.dirname, '../../bench/previous/2026-11-22.json'), join(dir, '2026-11-22.json'));
    const read = loadPrevious(dir);
    expect(read).not.toBeNull();
    expect(read!.previous.steps.some((s) => s.baseMs === null)).toBe(true);
    expect(read!.previous.steps.some((s) => s.methodMs === undefined)).toBe(true);
    expect(beforeAfterTables(sampleBenchRaw(), read)).toContain('## Before → after');
  });

  it('reads the newest file of the folder, and nothing from a missing folder or a file of another shape', () => {
    const dir = mkdtempSync(join(tmpdir(), 'previous-'));
    expect(loadPrevious(join(dir, 'missing'))).toBeNull();
    writeFileSync(join(dir, '2026-01-01.json'), JSON.stringify({ ...previous, date: 'old' }));
    writeFileSync(join(dir, '2026-11-22.json'), JSON.stringify(previous));
    expect(loadPrevious(dir)?.previous.date).toBe(previous.date);
    writeFileSync(join(dir, '2026-12-01.json'), JSON.stringify({ date: 1 }));
    expect(loadPrevious(dir)).toBeNull();
    writeFileSync(join(dir, '2026-12-02.json'), '{ not json');
    expect(loadPrevious(dir)).toBeNull();
  });
});
