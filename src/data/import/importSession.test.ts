import { describe, expect, it } from 'vitest';
import { decodePng, fixtureFile, fixtureFolder } from '../../../test/support/importFixtures';
import { memoryStorage, type Storage } from '../../storage/store';
import type { ImportReply } from './importProtocol';
import { ImportSession } from './importSession';
import { listUserDatasets, readUserDatasetData } from './storedDataset';
import { loadUserDataset, userDatasetSource } from './userDatasetSource';

/** Storage in memory that says it survives a reload, as IndexedDB does. */
function keptStorage(): Storage {
  return { ...memoryStorage(), persistent: true };
}

function session(storage: Storage = keptStorage()) {
  const replies: ImportReply[] = [];
  const s = new ImportSession((r) => replies.push(r), decodePng, async () => storage);
  const last = () => replies[replies.length - 1]!;
  return { s, replies, last, storage };
}

describe('ImportSession', () => {
  it('opens a folder, previews the images with counts and the skipped files, keeps them, and the engine can load them', async () => {
    const h = session();
    await h.s.handle({ type: 'open', job: 1, files: fixtureFolder('images/classes') });
    expect(h.last()).toEqual({
      type: 'opened',
      job: 1,
      opened: { kind: 'images', name: 'classes', classes: [{ name: 'blue', files: 4 }, { name: 'red', files: 3 }], images: 7, ignored: ['classes/notes.txt'] },
    });
    await h.s.handle({ type: 'readImages', job: 2, options: { size: 8, colour: 'grey' } });
    const preview = h.last();
    expect(preview.type).toBe('preview');
    if (preview.type !== 'preview') return;
    expect(preview.preview.classes.map((c) => [c.name, c.count, c.strip?.width])).toEqual([
      ['blue', 3, 8 * 20 + 7 * 2],
      ['red', 3, 8 * 20 + 7 * 2],
    ]);
    expect(preview.preview.notes).toEqual([
      '1 of 7 files could not be decoded and were skipped: classes/blue/broken.png.',
      '1 file not in a class folder or not an image was left out: classes/notes.txt.',
    ]);
    expect(h.replies.some((r) => r.type === 'progress' && r.done === 7 && r.total === 7)).toBe(true);

    await h.s.handle({ type: 'keep', job: 3, label: '  Colours ', mirrorKeepsClass: true });
    const kept = h.last();
    expect(kept.type === 'kept' && kept.id).toMatch(/^user:[0-9a-f-]{36}$/);
    const { metas, damaged } = await listUserDatasets(h.storage);
    expect(damaged).toEqual([]);
    expect(metas).toHaveLength(1);
    const meta = metas[0]!;
    expect(meta.spec).toMatchObject({ label: 'Colours', kind: 'image', shape: [8, 8, 1], classes: ['blue', 'red'], mirrorKeepsClass: true });
    expect(meta.spec.source).toMatch(/^Imported from the folder classes on this machine: 6 images at 8×8 grey\.$/);
    expect(meta.counts).toEqual([3, 3]);

    const loaded = await userDatasetSource(meta, h.storage).load(7, async () => new Uint8Array());
    // A quarter of each class of three rounds to one test image.
    expect([loaded.trainY.length, loaded.testY.length]).toEqual([4, 2]);
    expect(Array.from(loaded.testY).sort()).toEqual([0, 1]);
    expect(loaded.trainX.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(loaded.mean).toHaveLength(1);
    const again = await userDatasetSource(meta, h.storage).load(7, async () => new Uint8Array());
    expect(Array.from(again.trainX)).toEqual(Array.from(loaded.trainX));
  });

  it('reads a zip archive like a folder', async () => {
    const h = session();
    await h.s.handle({ type: 'open', job: 1, files: [fixtureFile('zips/classes.zip')] });
    expect(h.last()).toMatchObject({ type: 'opened', opened: { kind: 'images', name: 'shapes', images: 4 } });
    await h.s.handle({ type: 'readImages', job: 2, options: { size: 16, colour: 'rgb' } });
    expect(h.last()).toMatchObject({ type: 'preview', preview: { kind: 'image', shape: [16, 16, 3], total: 4, notes: [] } });
  });

  it('opens a table, previews it with the chosen label or none, and keeps raw features that load standardised', async () => {
    const h = session();
    await h.s.handle({ type: 'open', job: 1, files: [fixtureFile('csv/flowers.csv')] });
    const opened = h.last();
    expect(opened).toMatchObject({ type: 'opened', opened: { kind: 'table', name: 'flowers', rows: 6, suggestedLabel: 'species' } });
    await h.s.handle({ type: 'readTable', job: 2, labelColumn: null });
    expect(h.last()).toMatchObject({ type: 'refused', message: expect.stringMatching(/Column "species" of flowers\.csv is not numeric/) });
    await h.s.handle({ type: 'readTable', job: 3, labelColumn: 'species' });
    expect(h.last()).toMatchObject({ type: 'preview', preview: { kind: 'points', shape: [2], labelled: true, features: ['sepal_length', 'sepal_width'], total: 6 } });
    await h.s.handle({ type: 'keep', job: 4, label: 'Flowers', mirrorKeepsClass: true });
    const [meta] = (await listUserDatasets(h.storage)).metas;
    expect(meta!.spec).toEqual(expect.objectContaining({ kind: 'points', shape: [2], classes: ['setosa', 'versicolor', 'virginica'] }));
    expect(meta!.spec.mirrorKeepsClass).toBeUndefined();
    const data = await readUserDatasetData(h.storage, meta!);
    expect(data.kind === 'points' && Array.from(data.features.slice(0, 2))).toEqual([Math.fround(5.1), Math.fround(3.5)]);
    const loaded = loadUserDataset(meta!.spec, data, 1);
    expect(loaded.trainY).toHaveLength(3);
    // Standardised with the training rows' statistics: mean 0 and variance 1 per column there.
    for (let f = 0; f < 2; f++) {
      const col = [0, 1, 2].map((i) => loaded.trainX[i * 2 + f]!);
      const mean = col.reduce((a, b) => a + b, 0) / 3;
      expect(mean).toBeCloseTo(0, 5);
      expect(col.reduce((a, b) => a + (b - mean) ** 2, 0) / 3).toBeCloseTo(1, 5);
    }
  });

  it('refuses with a sentence, keeps nothing that was refused, and needs storage that lasts', async () => {
    const h = session();
    await h.s.handle({ type: 'open', job: 1, files: [fixtureFile('zips/not-a-zip.zip')] });
    expect(h.last()).toMatchObject({ type: 'refused', job: 1, message: expect.stringMatching(/could not be read as a zip archive/) });
    await h.s.handle({ type: 'readImages', job: 2, options: { size: 8, colour: 'rgb' } });
    expect(h.last()).toMatchObject({ type: 'refused', message: 'There are no images to read: drop a folder of class folders first.' });
    await h.s.handle({ type: 'open', job: 3, files: fixtureFolder('images/lonely') });
    await h.s.handle({ type: 'readImages', job: 4, options: { size: 8, colour: 'rgb' } });
    expect(h.last()).toMatchObject({ type: 'refused', message: expect.stringMatching(/Class "blue" has fewer than 2 readable images/) });
    await h.s.handle({ type: 'keep', job: 5, label: 'x', mirrorKeepsClass: false });
    expect(h.last()).toMatchObject({ type: 'refused', message: expect.stringMatching(/nothing to keep yet/) });
    expect((await listUserDatasets(h.storage)).metas).toEqual([]);

    const lost = session(memoryStorage());
    await lost.s.handle({ type: 'open', job: 1, files: [fixtureFile('csv/unlabelled.csv')] });
    await lost.s.handle({ type: 'readTable', job: 2, labelColumn: null });
    await lost.s.handle({ type: 'keep', job: 3, label: 'T', mirrorKeepsClass: false });
    expect(lost.last()).toMatchObject({ type: 'refused', message: expect.stringMatching(/does not let the app keep data/) });
  });

  it('drops a read that a newer request replaced', async () => {
    const h = session();
    await h.s.handle({ type: 'open', job: 1, files: fixtureFolder('images/classes') });
    const reading = h.s.handle({ type: 'readImages', job: 2, options: { size: 8, colour: 'rgb' } });
    await h.s.handle({ type: 'open', job: 3, files: [fixtureFile('csv/flowers.csv')] });
    await reading;
    expect(h.replies.filter((r) => r.job === 2 && r.type !== 'progress')).toEqual([]);
    expect(h.last()).toMatchObject({ type: 'opened', job: 3 });
  });
});
