import { describe, expect, it } from 'vitest';
import { decodePng, fixtureFolder, sizedFile } from '../../../test/support/importFixtures';
import { readImages, skippedReport } from './imageImport';
import { ImportRefusal } from './refusal';
import { resizeSquare, toBytes } from './resize';
import { sortSelection, type Selection } from './selection';

function images(folder: string): Extract<Selection, { kind: 'images' }> {
  const s = sortSelection(fixtureFolder(folder));
  if (s.kind !== 'images') throw new Error('not images');
  return s;
}

async function refusal(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (e) {
    expect(e).toBeInstanceOf(ImportRefusal);
    return (e as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('readImages', () => {
  it('decodes, resizes and labels every readable image, and lists the rest', async () => {
    const s = images('images/classes');
    const progress: number[] = [];
    const set = await readImages(s.images, s.classes, { size: 8, colour: 'rgb' }, decodePng, (done) => progress.push(done));
    expect(set.counts).toEqual([3, 3]);
    expect(Array.from(set.labels)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(set.failed).toEqual(['classes/blue/broken.png']);
    expect(set.tried).toBe(7);
    expect(progress.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(set.pixels).toHaveLength(6 * 8 * 8 * 3);
    // The stored bytes are the resized first image, exactly.
    const first = toBytes(resizeSquare(await decodePng(s.images[0]!.file.blob), 8, 'rgb'));
    expect(Array.from(set.pixels.subarray(0, 192))).toEqual(Array.from(first));
    expect(skippedReport(set.failed, set.tried)).toBe('1 of 7 files could not be decoded and were skipped: classes/blue/broken.png.');
    expect(skippedReport([], 7)).toBeNull();
  });

  it('stores one channel in grey', async () => {
    const s = images('images/classes');
    const set = await readImages(s.images, s.classes, { size: 16, colour: 'grey' }, decodePng);
    expect([set.channels, set.pixels.length]).toEqual([1, 6 * 16 * 16]);
  });

  it.each([
    ['a class left with one readable image', 'images/lonely', /Class "blue" has fewer than 2 readable images \(1 file could not be decoded\): each class needs one image to train on and one to test with/],
    ['nothing decodable', 'images/undecodable', /None of the 2 image files could be decoded \(undecodable\/blue\/y\.png, undecodable\/red\/x\.png\)/],
  ])('refuses %s', async (_, folder, message) => {
    const s = images(folder);
    expect(await refusal(() => readImages(s.images, s.classes, { size: 8, colour: 'rgb' }, decodePng))).toMatch(message);
  });

  it('refuses a size it does not offer and more pixels than a dataset keeps, before decoding anything', async () => {
    const many = Array.from({ length: 14_000 }, (_, i) => ({ file: sizedFile(`c/${i}.png`, 1), label: i % 2 }));
    const never = () => Promise.reject(new Error('decoded'));
    expect(await refusal(() => readImages(many.slice(0, 4), ['a', 'b'], { size: 30, colour: 'rgb' }, never))).toMatch(/8, 16, 24, 32, 48, 64 pixels; 30 is not one/);
    expect(await refusal(() => readImages(many, ['a', 'b'], { size: 64, colour: 'rgb' }, never))).toMatch(
      /^14,000 images at 64×64 RGB would take 164\.1 MB, more than the 160\.0 MB kept per dataset \(13,653 images at that size\)\. Choose a smaller size or grey/,
    );
  });
});
