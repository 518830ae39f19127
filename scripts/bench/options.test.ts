import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../lib/cli.ts';
import { root } from '../lib/root.ts';
import { benchHelp, BENCH_FLAGS, parseBenchArgs, RAW_DIR, SECTIONS } from './options.ts';

describe('parseBenchArgs', () => {
  it('measures everything on every backend into bench/RESULTS.md by default', () => {
    const o = parseBenchArgs([]);
    expect(o).toMatchObject({ help: false, quick: false, sections: [...SECTIONS], out: join(root, 'bench/RESULTS.md'), json: null, reportFrom: null, dist: join(root, 'dist'), fastest: null, presets: null });
    expect(o.kernelSizes).toEqual([32, 64, 128, 256]);
    expect(o.settings.backends).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
    expect(o.settings).toMatchObject({ kernelIters: 10, cnnBudgetSeconds: 180, memoryLong: 1000, memoryLongPreset: 'corinfomax', appDefaultSeconds: 20 });
  });

  it('--quick runs a smaller setting and writes its report next to the raw files', () => {
    const o = parseBenchArgs(['--quick']);
    expect(o.out).toBe(join(RAW_DIR, 'quick.md'));
    expect(o.kernelSizes).toEqual([32, 64]);
    expect(o.settings).toMatchObject({ kernelIters: 3, kernelBudgetMs: 1000, cnnBudgetSeconds: 10, memoryLong: 100, memoryShort: 20, memoryOthers: 20, memoryWarmup: 10 });
    expect(o.settings.stepPlan.mlp).toEqual({ warmup: 1, steps: 4, minSteps: 2, budgetMs: 3_000, metricsStep: true });
  });

  it('reads every flag, with = or a space', () => {
    const o = parseBenchArgs(['--only=memory,kernels', '--backends', 'webgl,cpu', '--presets=naive,cir', '--out=-', '--json', '/tmp/r.json', '--dist=/tmp/d', '--fastest', 'webgl', '--report-from=/tmp/old.json']);
    expect(o).toMatchObject({ sections: ['memory', 'kernels'], out: '-', json: '/tmp/r.json', dist: '/tmp/d', fastest: 'webgl', presets: ['naive', 'cir'], reportFrom: '/tmp/old.json' });
    expect(o.settings.backends).toEqual(['webgl', 'cpu']);
    expect(parseBenchArgs(['--help']).help).toBe(true);
  });

  it('refuses an unknown flag or section', () => {
    expect(() => parseBenchArgs(['--quik'])).toThrow(UsageError);
    expect(() => parseBenchArgs(['--only=steps,memroy'])).toThrow(/no section memroy/);
  });
});

describe('benchHelp', () => {
  it('lists every flag', () => {
    const help = benchHelp();
    for (const name of Object.keys(BENCH_FLAGS)) expect(help).toMatch(new RegExp(`^  --${name}\\b`, 'm'));
  });
});
