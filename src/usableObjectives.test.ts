import { describe, expect, it } from 'vitest';
import type { Catalog } from './catalog';
import { usableObjectives } from './usableObjectives';
import { TEST_CATALOG, testTerm } from '../test/support/testCatalog';

/** The test catalog with an image-only objective first and a blocks-only one last. */
const CATALOG: Catalog = {
  ...TEST_CATALOG,
  terms: [
    testTerm({ id: 'pixels', role: 'objective', tasks: ['ssl'], needs: { images: true } }),
    ...TEST_CATALOG.terms,
    testTerm({ id: 'blocky', role: 'objective', tasks: ['ssl', 'supervised'], needs: { blocks: true } }),
  ],
};

const ids = (run: Parameters<typeof usableObjectives>[1]): string[] => usableObjectives(CATALOG, run).map((t) => t.id);

describe('usableObjectives', () => {
  it('lists the objectives of the task in catalog order, never a method', () => {
    expect(ids({ task: 'ssl', dataset: 'shapes', model: 'cnn' })).toEqual(['pixels', 'vicreg', 'simsiam', 'blocky']);
    expect(ids({ task: 'supervised', dataset: 'shapes', model: 'cnn' })).toEqual(['ce', 'blocky']);
  });

  it('leaves out objectives the dataset or the model cannot serve', () => {
    expect(ids({ task: 'ssl', dataset: 'blobs', model: 'mlp' })).toEqual(['vicreg', 'simsiam']);
    expect(ids({ task: 'supervised', dataset: 'mnist', model: 'mlp' })).toEqual(['ce']);
  });

  it('judges by the task alone when the dataset and model are unknown', () => {
    expect(ids({ task: 'ssl', dataset: 'nope', model: 'nope' })).toEqual(['pixels', 'vicreg', 'simsiam', 'blocky']);
  });

  it('is empty when no objective fits', () => {
    expect(usableObjectives({ ...CATALOG, terms: CATALOG.terms.filter((t) => t.id !== 'ce' && t.id !== 'blocky') }, { task: 'supervised', dataset: 'shapes', model: 'cnn' })).toEqual([]);
  });
});
