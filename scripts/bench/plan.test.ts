/** The pure planning parts of the measurements: the CNN budget, the fastest backend and the engine runs. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config.ts';
import { appVisits } from './appRuns.ts';
import type { BenchPreset } from './benchPage.ts';
import { fastestBackend, memoryRuns } from './memory.ts';
import { benchSettings } from './options.ts';
import type { StepRow, StepSection } from './raw.ts';
import { CnnBudget, cnnCost, selectPresets } from './steps.ts';

const preset = (id: string, batchSize = 64, methods: string[] = []): BenchPreset => ({ id, title: id, config: { ...DEFAULT_CONFIG, batchSize, width: 16, depth: 2, methods }, control: { kind: 'method', id: 'sim' } });
const timing = (medianMs: number) => ({ steps: 3, medianMs, meanMs: medianMs, minMs: medianMs, readsPerStep: 0, readsPerMetricsStep: null, warmupMs: medianMs, readsByMethod: {}, tensorDelta: 0 });
const mlpRow = (id: string, medianMs?: number): StepRow => ({ preset: id, model: 'mlp', methods: [], plan: benchSettings(true, []).stepPlan.mlp, ...(medianMs === undefined ? { error: 'failed' } : { base: timing(medianMs) }) });

describe('cnnCost and selectPresets', () => {
  it('costs batch × width² × depth and keeps the presets asked for', () => {
    expect(cnnCost(preset('a', 128).config)).toBe(128 * 256 * 2);
    const all = [preset('a'), preset('b'), preset('c')];
    expect(selectPresets(all, null)).toBe(all);
    expect(selectPresets(all, ['c', 'a']).map((p) => p.id)).toEqual(['a', 'c']);
  });
});

describe('CnnBudget', () => {
  it('predicts from the seconds per cost of the costliest row so far', () => {
    const budget = new CnnBudget();
    expect(budget.estimate(1000)).toBe(0);
    budget.add(100, 10); // 0.1 s per unit
    expect(budget.estimate(1000)).toBeCloseTo(100);
    budget.add(50, 20); // cheaper: used, but not the rate
    expect(budget.estimate(1000)).toBeCloseTo(100);
    budget.add(100, 30); // same cost: the slower rate wins
    expect(budget.estimate(1000)).toBeCloseTo(300);
    budget.add(200, 20); // costlier: its rate replaces the others
    expect(budget.estimate(1000)).toBeCloseTo(100);
    expect(budget.used).toBe(80);
  });
});

describe('fastestBackend', () => {
  const steps: StepSection = {
    presets: [preset('naive'), preset('cir'), preset('sim')],
    tfjs: '4.22.0',
    backends: {
      webgpu: { rows: [mlpRow('naive', 30), mlpRow('cir', 30), mlpRow('sim')] },
      webgl: { rows: [mlpRow('naive', 20), mlpRow('cir', 50), mlpRow('sim', 1)] },
      wasm: { skipped: 'not available', rows: [] },
    },
  };

  it('picks the lowest sum of MLP base steps over the presets every timed backend ran', () => {
    expect(fastestBackend(steps, ['webgpu', 'webgl', 'wasm'], null)).toEqual({ id: 'webgpu', measured: true, over: ['naive', 'cir'] });
  });

  it('takes the given backend, or the first listed without timings', () => {
    expect(fastestBackend(steps, ['webgpu', 'webgl'], 'cpu')).toEqual({ id: 'cpu', measured: false, given: true });
    expect(fastestBackend(undefined, ['webgl', 'cpu'], null)).toEqual({ id: 'webgl', measured: false });
  });
});

describe('memoryRuns', () => {
  it('runs the long preset long and the others short on the fastest backend, and the long preset briefly elsewhere', () => {
    const settings = benchSettings(true, ['webgpu', 'webgl', 'cpu']);
    const presets = [preset('naive'), preset('corinfomax'), preset('cir')];
    const runs = memoryRuns(presets, 'webgl', settings).map((r) => `${r.backend} ${r.preset.id} ${r.steps}`);
    expect(runs).toEqual(['webgpu corinfomax 10', 'webgl corinfomax 100', 'webgl naive 20', 'webgl cir 20', 'cpu corinfomax 20']);
  });

  it('falls back to the first preset when the long one is not among them', () => {
    expect(memoryRuns([preset('naive')], 'cpu', benchSettings(false, ['cpu'])).map((r) => `${r.preset.id} ${r.steps}`)).toEqual(['naive 1000']);
  });
});

describe('appVisits', () => {
  it('visits per backend the default run, the default run with one twin and each preset with its control, then Auto', () => {
    const visits = appVisits(['wasm', 'webgpu'], [preset('sim', 32, ['sim'])], { appDefaultSeconds: 20, appPresetSeconds: 8 });
    expect(visits.map((v) => `${v.backend} ${v.run} ${v.seconds}`)).toEqual(['wasm default 20', 'wasm default + twin 20', 'wasm sim 8', 'webgpu default 20', 'webgpu default + twin 20', 'webgpu sim 8', 'auto default 20']);
    expect(visits[0]!.query).toBe('?v=2&backend=wasm');
    expect(visits[1]!.query).toBe('?v=2&backend=wasm&twin=norm:norm:layer');
    // The preset's own config on the backend, with its control as the link's twin.
    const link = new URLSearchParams(visits[2]!.query);
    expect(link.get('backend')).toBe('wasm');
    expect(link.get('twin')).toBe('method:sim');
    expect(link.get('bs')).toBe('32');
    expect(visits[6]!.query).toBe('');
  });
});
