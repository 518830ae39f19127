import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, validateConfig, type RunConfig } from './config';
import { withDependentFixes } from './configFixes';
import { TEST_CATALOG, TEST_BASE } from '../test/support/testCatalog';

function cfg(patch: Partial<RunConfig>): RunConfig {
  return { ...DEFAULT_CONFIG, ...TEST_BASE, ...patch };
}

/** Applies the fixed patch and checks that the result is a valid config. */
function expectRunnable(current: RunConfig, patch: Partial<RunConfig>): void {
  const result = validateConfig({ ...current, ...patch }, TEST_CATALOG);
  expect(result.ok ? [] : result.errors).toEqual([]);
}

describe('withDependentFixes', () => {
  it('changes nothing and says nothing when the patch already fits', () => {
    const current = cfg({ methods: ['sim', 'imsvd'] });
    const fixed = withDependentFixes(current, { dataset: 'mnist' }, TEST_CATALOG);
    expect(fixed).toEqual({ patch: { dataset: 'mnist' }, notes: [] });
  });

  it('swaps a model that cannot take the new dataset and switches off the methods it rules out', () => {
    const current = cfg({ dataset: 'shapes', model: 'cnn', methods: ['imsvd', 'sim', 'mask'] });
    const fixed = withDependentFixes(current, { dataset: 'blobs' }, TEST_CATALOG);
    expect(fixed.patch).toEqual({ dataset: 'blobs', model: 'mlp', methods: ['imsvd'] });
    expect(fixed.notes).toEqual([
      'The CNN cannot take Blobs, so the model is now the MLP.',
      'SIM was switched off: SIM attaches to size-keeping residual blocks; the MLP has none.',
      'MASK was switched off: MASK masks image patches; Blobs is not an image dataset.',
    ]);
    expectRunnable(current, fixed.patch);
  });

  it('keeps a model the user picked in the same patch, even one that cannot take the dataset', () => {
    const fixed = withDependentFixes(cfg({}), { dataset: 'blobs', model: 'cnn' }, TEST_CATALOG);
    expect(fixed.patch).toEqual({ dataset: 'blobs', model: 'cnn' });
    expect(fixed.notes).toEqual([]);
  });

  it('switches off a method that needs blocks when the user picks the MLP', () => {
    const current = cfg({ methods: ['sim'] });
    const fixed = withDependentFixes(current, { model: 'mlp' }, TEST_CATALOG);
    expect(fixed.patch).toEqual({ model: 'mlp', methods: [] });
    expect(fixed.notes).toEqual(['SIM was switched off: SIM attaches to size-keeping residual blocks; the MLP has none.']);
    expectRunnable(current, fixed.patch);
  });

  it('moves to the first objective of a supervised task and switches off self-supervised methods', () => {
    const current = cfg({ objective: 'simsiam', methods: ['imsvd', 'sim'] });
    const fixed = withDependentFixes(current, { task: 'supervised' }, TEST_CATALOG);
    expect(fixed.patch).toEqual({ task: 'supervised', objective: 'ce', methods: ['sim'] });
    expect(fixed.notes).toEqual([
      'SIMSIAM does not fit a supervised run, so the objective is now CE.',
      'IMSVD was switched off: IMSVD is for ssl runs; this run is supervised.',
    ]);
    expectRunnable(current, fixed.patch);
  });

  it('moves back to the first self-supervised objective and switches off label methods', () => {
    const current = cfg({ task: 'supervised', objective: 'ce', methods: ['cir'] });
    const fixed = withDependentFixes(current, { task: 'ssl' }, TEST_CATALOG);
    expect(fixed.patch).toEqual({ task: 'ssl', objective: 'vicreg', methods: [] });
    expect(fixed.notes).toEqual(['CE does not fit a self-supervised run, so the objective is now VICREG.', 'CIR was switched off: CIR is for supervised runs; this run is self-supervised.']);
    expectRunnable(current, fixed.patch);
  });

  it('makes a supervised run on a dataset without labels self-supervised, with its objective and methods', () => {
    const catalog = { ...TEST_CATALOG, datasets: [...TEST_CATALOG.datasets, { id: 'user:table', label: 'My table', kind: 'points' as const, shape: [8], classes: ['all rows'], source: 'imported' }] };
    const current = cfg({ dataset: 'blobs', model: 'mlp', task: 'supervised', objective: 'ce', methods: [] });
    for (const patch of [{ dataset: 'user:table' }, { dataset: 'user:table', task: 'supervised' as const }]) {
      const fixed = withDependentFixes(current, patch, catalog);
      expect(fixed.patch.task).toBe('ssl');
      expect(fixed.patch.objective).toBe('vicreg');
      expect(fixed.notes[0]).toBe('My table has no labels to learn (one class), so the run is now self-supervised.');
    }
    // A labelled dataset keeps its supervised run.
    expect(withDependentFixes(current, { dataset: 'mnist', model: 'mlp' }, catalog).patch.task).toBeUndefined();
  });

  it('replaces an unknown objective without a sentence about it', () => {
    const fixed = withDependentFixes(cfg({ objective: 'byol' }), { dataset: 'mnist' }, TEST_CATALOG);
    expect(fixed).toEqual({ patch: { dataset: 'mnist', objective: 'vicreg' }, notes: [] });
  });

  it('leaves the objective alone when no objective fits the task', () => {
    const catalog = { ...TEST_CATALOG, terms: TEST_CATALOG.terms.filter((t) => t.id !== 'ce') };
    const fixed = withDependentFixes(cfg({}), { task: 'supervised' }, catalog);
    expect(fixed.patch).toEqual({ task: 'supervised' });
    expect(fixed.notes).toEqual([]);
  });

  it('leaves unknown method ids for validation to report', () => {
    const fixed = withDependentFixes(cfg({ methods: ['nope', 'mask'] }), { dataset: 'blobs', model: 'mlp' }, TEST_CATALOG);
    expect(fixed.patch.methods).toEqual(['nope']);
  });
});
