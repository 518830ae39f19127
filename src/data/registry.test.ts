import { describe, expect, it } from 'vitest';
import type { FetchBytes } from './dataset';
import { DATASETS, datasetSource, datasetSpecs } from './registry';
import { classColour } from './thumbnail';

const noFetch: FetchBytes = async (path) => {
  throw new Error(`generated datasets must not fetch (${path})`);
};

const GENERATED = ['shapes', 'shapes16', 'blobs', 'rings', 'spirals'];

describe('dataset registry', () => {
  it('registers the seven datasets under their own ids, shapes first', () => {
    expect(Object.keys(DATASETS)).toEqual(['shapes', 'shapes16', 'mnist', 'fashion', 'blobs', 'rings', 'spirals']);
    for (const [id, source] of Object.entries(DATASETS)) expect(source.spec.id).toBe(id);
    expect(datasetSpecs().map((s) => s.id)).toEqual(Object.keys(DATASETS));
  });

  it('describes each dataset consistently', () => {
    for (const spec of datasetSpecs()) {
      expect(spec.kind === 'image' ? spec.shape.length : 1).toBe(spec.kind === 'image' ? 3 : spec.shape.length);
      if (spec.kind === 'points') expect(spec.shape).toEqual([2]);
      expect(spec.classes.length).toBeGreaterThanOrEqual(3);
      expect(new Set(spec.classes).size).toBe(spec.classes.length);
      expect(spec.label.length).toBeGreaterThan(0);
      expect(spec.source.length).toBeGreaterThan(10);
    }
  });

  it('names the known ids when asked for an unknown one', () => {
    expect(datasetSource('rings')).toBe(DATASETS.rings);
    expect(() => datasetSource('cifar')).toThrow(/Unknown dataset "cifar".*shapes, shapes16, mnist/);
  });

  it.each(GENERATED)('%s loads without fetching: sizes, label range, mean per channel', async (id) => {
    const source = datasetSource(id);
    const d = await source.load(1, noFetch);
    const per = source.spec.shape.reduce((a, b) => a * b, 1);
    const channels = source.spec.shape[source.spec.shape.length - 1]!;
    expect(d.spec).toBe(source.spec);
    expect(d.trainY.length).toBeGreaterThanOrEqual(1000);
    expect(d.testY.length).toBeGreaterThanOrEqual(200);
    expect(d.trainX.length).toBe(d.trainY.length * per);
    expect(d.testX.length).toBe(d.testY.length * per);
    const K = source.spec.classes.length;
    expect(d.trainY.every((y) => y >= 0 && y < K)).toBe(true);
    expect(d.testY.every((y) => y >= 0 && y < K)).toBe(true);
    expect(d.mean.length).toBe(channels);
  });

  it.each(GENERATED)('%s draws a picker thumbnail between 64 and 96 px', async (id) => {
    const t = await datasetSource(id).thumbnail(noFetch);
    expect(t.width).toBeGreaterThanOrEqual(64);
    expect(t.width).toBeLessThanOrEqual(96);
    expect(t.height).toBe(t.width);
    expect(t.rgba.length).toBe(t.width * t.height * 4);
    const colours = new Set<number>();
    let opaque = 0;
    for (let p = 0; p < t.rgba.length; p += 4) {
      if (t.rgba[p + 3] === 255) opaque++;
      colours.add((t.rgba[p]! << 16) | (t.rgba[p + 1]! << 8) | t.rgba[p + 2]!);
    }
    expect(opaque).toBe(t.width * t.height);
    if (datasetSource(id).spec.kind === 'image') {
      expect(colours.size).toBeGreaterThan(100); // anti-aliased shapes in many colours
    } else {
      // The backdrop plus every class in its own colour.
      expect(colours.size).toBe(datasetSource(id).spec.classes.length + 1);
      // Every class appears in its own colour.
      datasetSource(id).spec.classes.forEach((_, k) => {
        const [r, g, b] = classColour(k);
        expect(colours.has((r << 16) | (g << 8) | b)).toBe(true);
      });
    }
  });
});
