/**
 * The engine with imported datasets (Node, CPU backend): they join the catalog it posts,
 * train like a built-in dataset, arrive on `datasetsChanged` or when a config names them,
 * and a damaged record is reported and left out.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../../config';
import { Engine } from '../../engine';
import type { WorkerEvent } from '../../protocol';
import { memoryStorage, type Storage } from '../../storage/store';
import { parseTable, tableData } from './csvTable';
import { imageDraft, keptDataset, tableDraft } from './draft';
import { decodePng, fixtureFile, fixtureFolder } from '../../../test/support/importFixtures';
import { readImages } from './imageImport';
import { sortSelection } from './selection';
import { saveUserDataset } from './storedDataset';

/** Saves the flowers table as an imported dataset; returns its id. */
async function saveFlowers(storage: Storage, label = 'Flowers'): Promise<string> {
  const table = parseTable(await fixtureFile('csv/flowers.csv').blob.text(), 'flowers.csv');
  const { meta, data } = keptDataset(tableDraft(tableData(table, 'species'), 'flowers', 'test'), label, false);
  await saveUserDataset(storage, meta, data);
  return meta.spec.id;
}

function harness(storage: Storage) {
  const events: WorkerEvent[] = [];
  const engine = new Engine((e) => events.push(e), async () => new Uint8Array(), async () => storage);
  const of = <T extends WorkerEvent['type']>(type: T) => events.filter((e): e is Extract<WorkerEvent, { type: T }> => e.type === type);
  const catalogIds = () => of('ready').at(-1)?.catalog.datasets.map((d) => d.id) ?? [];
  return { engine, events, of, catalogIds };
}

const base: RunConfig = { ...DEFAULT_CONFIG, dataset: 'blobs', model: 'mlp', width: 8, depth: 1, embedDim: 4, batchSize: 8, metricsEvery: 2, backend: 'cpu', norm: 'none', headNorm: 'none' };

async function untilPaused(h: ReturnType<typeof harness>): Promise<void> {
  await expect.poll(() => h.of('status').at(-1)?.state, { timeout: 20_000 }).toBe('paused');
}

describe('Engine with imported datasets', () => {
  it('lists stored datasets in its catalog with their thumbnails and trains on one', async () => {
    const storage = { ...memoryStorage(), persistent: true };
    const id = await saveFlowers(storage);
    const h = harness(storage);
    await h.engine.handle({ type: 'configure', config: base });
    expect(h.catalogIds()).toEqual(['shapes', 'shapes16', 'mnist', 'fashion', 'blobs', 'rings', 'spirals', id]);
    expect(h.of('thumbnail').some((t) => t.dataset === id && t.width === 88)).toBe(true);

    await h.engine.handle({ type: 'configure', config: { ...base, dataset: id } });
    expect(h.of('notice').filter((n) => n.level === 'error')).toEqual([]);
    await h.engine.handle({ type: 'step', n: 4 });
    await untilPaused(h);
    await expect.poll(() => h.of('metrics').at(-1)?.report.step).toBe(4);
    expect(Number.isFinite(h.of('metrics').at(-1)!.report.losses.total)).toBe(true);
    expect(h.of('status').at(-1)?.config?.dataset).toBe(id);
  });

  it('trains the small CNN with masking on imported grey images and evaluates kNN and the probe', async () => {
    const storage = { ...memoryStorage(), persistent: true };
    const selection = sortSelection(fixtureFolder('images/classes'));
    if (selection.kind !== 'images') throw new Error('not images');
    const set = await readImages(selection.images, selection.classes, { size: 24, colour: 'grey' }, decodePng);
    const { meta, data } = keptDataset(imageDraft(set, 'classes', 'test', []), 'Colours', true);
    await saveUserDataset(storage, meta, data);
    const h = harness(storage);
    await h.engine.handle({ type: 'configure', config: { ...base, dataset: meta.spec.id, model: 'cnn', methods: ['maskmix'] } });
    expect(h.of('notice').filter((n) => n.level === 'error')).toEqual([]);
    await h.engine.handle({ type: 'step', n: 2 });
    await untilPaused(h);
    await expect.poll(() => h.of('metrics').at(-1)?.report.step, { timeout: 20_000 }).toBe(2);
    const first = h.of('metrics')[0]!.report;
    expect(Object.keys(first.losses)).toEqual(expect.arrayContaining(['vicreg', 'maskmix', 'total']));
    expect(first.scalars.knnAccuracy).toBeGreaterThanOrEqual(0);
    expect(first.scalars.probeAccuracy).toBeGreaterThanOrEqual(0);
  });

  it('reads datasets imported after it started: on datasetsChanged, and when a config names one', async () => {
    const storage = { ...memoryStorage(), persistent: true };
    const h = harness(storage);
    await h.engine.handle({ type: 'configure', config: base });
    const first = await saveFlowers(storage, 'First');
    await h.engine.handle({ type: 'datasetsChanged' });
    expect(h.catalogIds()).toContain(first);
    // A twin's engine, started before the import, learns of it when told to use it.
    const second = await saveFlowers(storage, 'Second');
    await h.engine.handle({ type: 'configure', config: { ...base, dataset: second } });
    expect(h.of('status').at(-1)?.config?.dataset).toBe(second);
    expect(h.of('notice')).toEqual([]);
  });

  it('refuses supervised training on a table without labels', async () => {
    const storage = { ...memoryStorage(), persistent: true };
    const table = parseTable(await fixtureFile('csv/unlabelled.csv').blob.text(), 'unlabelled.csv');
    const { meta, data } = keptDataset(tableDraft(tableData(table, null), 'u', 'test'), 'Unlabelled', false);
    await saveUserDataset(storage, meta, data);
    const h = harness(storage);
    await h.engine.handle({ type: 'configure', config: { ...base, dataset: meta.spec.id, task: 'supervised', objective: 'ce' } });
    expect(h.of('notice').at(-1)?.message).toMatch(/Unlabelled has no labels \(one class\), so it trains self-supervised only/);
  });

  it('reports a damaged record and offers the rest', async () => {
    const storage = { ...memoryStorage(), persistent: true };
    const id = await saveFlowers(storage);
    await storage.collection('datasets').put('user:broken', { format: 1, spec: { id: 'user:broken' } });
    const h = harness(storage);
    await h.engine.handle({ type: 'configure', config: base });
    expect(h.catalogIds()).toContain(id);
    expect(h.catalogIds()).not.toContain('user:broken');
    expect(h.of('notice').map((n) => n.message)).toEqual([expect.stringMatching(/1 imported dataset in this browser could not be read and is left out \(user:broken\)\. Import it again\./)]);
  });
});
