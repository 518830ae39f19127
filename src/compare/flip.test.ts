import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../config';
import { TEST_CATALOG } from '../../test/support/testCatalog';
import { applyFlip, availableFlips, flipLabels } from './flip';

const config: RunConfig = { ...DEFAULT_CONFIG, objective: 'simsiam', methods: ['sim'] };

describe('flips', () => {
  it('toggles a method both ways and labels each side', () => {
    expect(applyFlip(config, { kind: 'method', id: 'sim' }, TEST_CATALOG).methods).toEqual([]);
    expect(applyFlip({ ...config, methods: [] }, { kind: 'method', id: 'sim' }, TEST_CATALOG).methods).toEqual(['sim']);
    const [main, twin] = flipLabels(config, { kind: 'method', id: 'sim' }, TEST_CATALOG);
    expect(main).toMatch(/ on$/);
    expect(twin).toMatch(/ off$/);
  });

  it('flips a boolean knob from its current value (its default when unset), never another kind of knob', () => {
    const catalog = { ...TEST_CATALOG, terms: TEST_CATALOG.terms.map((t) => (t.id === 'simsiam' ? { ...t, params: { stopGrad: { kind: 'boolean' as const, label: 'Stop-gradient', default: true } } } : t)) };
    const off = applyFlip(config, { kind: 'knob', term: 'simsiam', knob: 'stopGrad' }, catalog);
    expect(off.params.simsiam).toEqual({ stopGrad: false });
    expect(applyFlip(off, { kind: 'knob', term: 'simsiam', knob: 'stopGrad' }, catalog).params.simsiam).toEqual({ stopGrad: true });
    expect(flipLabels(config, { kind: 'knob', term: 'simsiam', knob: 'stopGrad' }, catalog)).toEqual(['Stop-gradient on', 'Stop-gradient off']);
    // Not a boolean knob, or an inherited name: the config is left as it is.
    expect(applyFlip(config, { kind: 'knob', term: 'vicreg', knob: 'inv' }, catalog)).toBe(config);
    expect(applyFlip(config, { kind: 'knob', term: 'simsiam', knob: 'constructor' }, catalog)).toBe(config);
  });

  it('changes the normalisation or the objective (dropping a method that becomes the objective)', () => {
    expect(applyFlip(config, { kind: 'norm', field: 'headNorm', value: 'none' }, TEST_CATALOG).headNorm).toBe('none');
    const swapped = applyFlip(config, { kind: 'objective', id: 'sim' }, TEST_CATALOG);
    expect([swapped.objective, swapped.methods]).toEqual(['sim', []]);
  });

  it('offers the methods that can run, the objective’s boolean knobs and the other normalisations', () => {
    const flips = availableFlips(config, TEST_CATALOG, (id) => id !== 'cir');
    expect(flips.some((f) => f.kind === 'method' && f.id === 'sim')).toBe(true);
    expect(flips.some((f) => f.kind === 'method' && f.id === 'cir')).toBe(false);
    expect(flips.filter((f) => f.kind === 'norm')).toHaveLength(4);
  });
});
