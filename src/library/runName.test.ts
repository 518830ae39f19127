import { describe, expect, it } from 'vitest';
import type { Catalog } from '../catalog';
import { DEFAULT_CONFIG, type RunConfig } from '../config';
import { TEST_CATALOG } from '../../test/support/testCatalog';
import { comparisonLabel, configDifference, defaultRunName } from './runName';

const catalog: Catalog = {
  ...TEST_CATALOG,
  terms: TEST_CATALOG.terms.map((t) => (t.id === 'simsiam' ? { ...t, label: 'SimSiam', params: { stopGrad: { kind: 'boolean' as const, label: 'Stop-gradient', default: true }, predictor: { kind: 'boolean' as const, label: 'Predictor head', default: true } } } : t)),
};
const simsiam: RunConfig = { ...DEFAULT_CONFIG, objective: 'simsiam', dataset: 'shapes16', model: 'mlp' };

describe('run names', () => {
  it('name a run by its loss, its switched knobs, dataset and seed', () => {
    expect(defaultRunName(simsiam, catalog)).toBe('SimSiam, shapes16, seed 1');
    expect(defaultRunName({ ...simsiam, params: { simsiam: { stopGrad: false } }, seed: 3 }, catalog)).toBe('SimSiam, stop-gradient off, shapes16, seed 3');
    expect(defaultRunName({ ...simsiam, methods: ['sim'] }, catalog)).toBe('SimSiam + SIM, shapes16, seed 1');
    expect(defaultRunName({ ...simsiam, objective: 'future-loss' }, null)).toBe('future-loss, shapes16, seed 1');
  });

  it('say what a saved run changes against the main one', () => {
    expect(configDifference(simsiam, simsiam, catalog)).toEqual([]);
    expect(configDifference(simsiam, { ...simsiam, seed: 2, stopAt: 100, metricsEvery: 10, backend: 'wasm' }, catalog)).toEqual(['seed 2']);
    expect(configDifference(simsiam, { ...simsiam, params: { simsiam: { stopGrad: false } } }, catalog)).toEqual(['stop-gradient off']);
    expect(configDifference({ ...simsiam, methods: ['sim'] }, { ...simsiam, methods: ['cir'] }, catalog)).toEqual(['CIR on', 'SIM off']);
    expect(configDifference(simsiam, { ...simsiam, headNorm: 'none', lr: 0.01 }, catalog)).toEqual(['none (heads)', 'learning rate 0.01']);
    expect(configDifference(simsiam, { ...simsiam, objective: 'vicreg' }, catalog)).toEqual(['VICREG']);
  });

  it('label a pinned run by its short difference, else by its name (always by a name the user gave)', () => {
    const saved = { name: 'SimSiam, shapes16, seed 2', config: { ...simsiam, seed: 2 }, renamed: false };
    expect(comparisonLabel(simsiam, saved, catalog)).toBe('seed 2');
    expect(comparisonLabel(simsiam, { ...saved, renamed: true }, catalog)).toBe('SimSiam, shapes16, seed 2');
    expect(comparisonLabel(simsiam, { ...saved, config: simsiam }, catalog)).toBe(saved.name);
    expect(comparisonLabel(simsiam, { ...saved, config: { ...simsiam, seed: 2, width: 8, depth: 3 } }, catalog)).toBe(saved.name);
  });
});
