/**
 * A small hand-made catalog for unit tests of catalog logic (config validation, links,
 * follow-on fixes) that need no engine: every id, label and need is chosen here.
 */
import type { Catalog, TermSpec } from '../../src/catalog';

/** A term spec with empty defaults for everything a test does not care about (label: the id in capitals). */
export function testTerm(partial: Partial<TermSpec> & Pick<TermSpec, 'id' | 'role' | 'tasks'>): TermSpec {
  return {
    label: partial.id.toUpperCase(),
    needs: {},
    params: {},
    formula: '',
    summary: '',
    card: null,
    reconstructed: false,
    chart: { kind: 'none', title: '' },
    stateful: false,
    ...partial,
  };
}

/** A hand-made catalog shaped like the engine's: image and point datasets, a CNN with blocks and an MLP without, objectives and methods of both tasks. */
export const TEST_CATALOG: Catalog = {
  datasets: [
    { id: 'shapes', label: 'Shapes', kind: 'image', shape: [16, 16, 1], classes: ['a', 'b'], source: 'generated' },
    { id: 'shapes16', label: 'Shapes 16', kind: 'image', shape: [16, 16, 3], classes: ['a', 'b'], source: 'generated' },
    { id: 'mnist', label: 'MNIST', kind: 'image', shape: [28, 28, 1], classes: ['0', '1'], source: 'mnist' },
    { id: 'blobs', label: 'Blobs', kind: 'points', shape: [8], classes: ['a', 'b'], source: 'generated' },
  ],
  models: [
    { id: 'cnn', label: 'CNN', accepts: ['image'], hasBlocks: true, summary: '' },
    { id: 'mlp', label: 'MLP', accepts: ['image', 'points'], hasBlocks: false, summary: '' },
  ],
  terms: [
    testTerm({ id: 'vicreg', role: 'objective', tasks: ['ssl'], params: { inv: { kind: 'number', label: 'Invariance', default: 25, min: 0, max: 100 } } }),
    testTerm({ id: 'simsiam', role: 'objective', tasks: ['ssl'] }),
    testTerm({ id: 'ce', role: 'objective', tasks: ['supervised'], needs: { labels: true } }),
    testTerm({
      id: 'sim',
      role: 'method',
      tasks: ['ssl', 'supervised'],
      needs: { blocks: true },
      params: {
        beta: { kind: 'number', label: 'Weight', default: 0.005, min: 0, max: 1, log: true },
        ratio: { kind: 'number', label: 'Token ratio', default: 0.2, min: 0.05, max: 1 },
      },
    }),
    testTerm({
      id: 'imsvd',
      role: 'method',
      tasks: ['ssl'],
      params: {
        bins: { kind: 'choice', label: 'Bin size', default: '8', options: [{ value: '4', label: '4' }, { value: '8', label: '8' }, { value: '16', label: '16' }] },
        t: { kind: 'number', label: 'Temperature', default: 1, min: 0.1, max: 10 },
      },
    }),
    testTerm({ id: 'cir', role: 'method', tasks: ['supervised'], needs: { labels: true }, params: { p: { kind: 'number', label: 'Probability', default: 0.5, min: 0, max: 1 } } }),
    testTerm({ id: 'mask', role: 'method', tasks: ['ssl'], needs: { images: true }, params: { fixed: { kind: 'boolean', label: 'Fixed', default: false } } }),
  ],
};


/**
 * The dataset and model of TEST_CATALOG that tests start from (the image set and the CNN,
 * which has blocks), over the app's defaults: tests do not change when an app default does.
 */
export const TEST_BASE = { dataset: 'shapes', model: 'cnn' } as const;
