/** The pure planning parts of the preset report: which presets, which runs, and how long each may train. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../lib/cli.ts';
import { planRuns, readPresets, runCost, runTimeout } from './measure.ts';
import type { Preset } from './raw.ts';

const preset = (id: string, methods: string[] = [], batchSize = 64): Preset => ({ id, config: { methods, batchSize, width: 16, depth: 2 } });

describe('readPresets', () => {
  const dir = mkdtempSync(join(tmpdir(), 'collapse-lab-presets-'));
  for (const id of ['cir', 'naive', 'imsvd']) writeFileSync(join(dir, `${id}.json`), JSON.stringify({ title: id, config: { methods: id === 'naive' ? [] : [id] } }));
  writeFileSync(join(dir, 'README.md'), 'not a preset');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('puts naive first, then the others by file name', () => {
    expect(readPresets(dir, null).map((p) => p.id)).toEqual(['naive', 'cir', 'imsvd']);
    expect(readPresets(dir, null)[1]).toEqual({ id: 'cir', title: 'cir', config: { methods: ['cir'] } });
  });

  it('keeps the presets of --only, and refuses one that does not exist', () => {
    expect(readPresets(dir, ['imsvd', 'naive']).map((p) => p.id)).toEqual(['naive', 'imsvd']);
    expect(() => readPresets(dir, ['cir', 'simm'])).toThrow(UsageError);
    expect(() => readPresets(dir, ['simm'])).toThrow(/no preset simm \(have naive, cir, imsvd\)/);
  });
});

describe('planRuns', () => {
  it('runs each method on, then off; a preset without one runs once as the baseline', () => {
    const runs = planRuns([preset('naive'), preset('cir', ['cir'])]).map(({ p, id, on, first }) => ({ preset: p.id, id, on, first }));
    expect(runs).toEqual([
      { preset: 'naive', id: null, on: false, first: true },
      { preset: 'cir', id: 'cir', on: true, first: true },
      { preset: 'cir', id: 'cir', on: false, first: false },
    ]);
  });
});

describe('runCost', () => {
  it('is batch × width² × depth, 2.5 × for ρSIM on, with the app defaults for what a preset leaves out', () => {
    expect(runCost({ batchSize: 128, width: 16, depth: 2 }, true)).toBe(128 * 256 * 2);
    expect(runCost({ batchSize: 64, width: 16, depth: 2, methods: ['sim'] }, true)).toBe(2.5 * 64 * 256 * 2);
    expect(runCost({ batchSize: 64, width: 16, depth: 2, methods: ['sim'] }, false)).toBe(64 * 256 * 2);
    expect(runCost({}, false)).toBe(64 * 256 * 1);
  });
});

describe('runTimeout', () => {
  const runs = planRuns([preset('naive'), preset('big', ['imsvd'], 192)]);
  const options = { budgetS: 1000, runTimeoutS: 600 };

  it('shares what is left of the budget by cost', () => {
    // First run: 1000 - 3 runs × 30 s of setup = 910 s spare over costs 1 : 3 : 3.
    expect(runTimeout(runs, 0, 0, 0, options)).toBe(130);
    // Second, 100 s later: 1000 - 100 - 2 × 30 = 840 s over costs 3 : 3.
    expect(runTimeout(runs, 1, 100, 0, options)).toBe(420);
  });

  it('gives at least 120 s and 1.25 × the method-on run, at most the run timeout', () => {
    expect(runTimeout(runs, 2, 990, 0, options)).toBe(120);
    expect(runTimeout(runs, 2, 990, 200, options)).toBe(250);
    expect(runTimeout(runs, 0, 0, 0, { budgetS: 100_000, runTimeoutS: 600 })).toBe(600);
  });
});
