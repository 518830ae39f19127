import { describe, expect, it } from 'vitest';
import { fixtureFile, fixtureFolder, sizedFile } from '../../../test/support/importFixtures';
import { IMPORT_LIMITS } from './limits';
import { ImportRefusal } from './refusal';
import { sortSelection, type ImportFile } from './selection';

function refusal(files: ImportFile[], from?: string): string {
  try {
    sortSelection(files, from);
  } catch (e) {
    expect(e).toBeInstanceOf(ImportRefusal);
    return (e as Error).message;
  }
  throw new Error('expected a refusal');
}

const file = (path: string) => sizedFile(path, 10);

describe('sortSelection', () => {
  it('takes the first folder below the common parent as the class, in natural order, and lists what it ignored', () => {
    const s = sortSelection(fixtureFolder('images/classes'));
    expect(s.kind).toBe('images');
    if (s.kind !== 'images') return;
    expect(s.name).toBe('classes');
    expect(s.classes).toEqual(['blue', 'red']);
    expect(s.images.map((i) => `${i.label}:${i.file.path}`)).toEqual([
      '0:classes/blue/b0.png',
      '0:classes/blue/b1.png',
      '0:classes/blue/b2.png',
      '0:classes/blue/broken.png',
      '1:classes/red/r0.png',
      '1:classes/red/r1.png',
      '1:classes/red/r2.png',
    ]);
    expect(s.ignored).toEqual(['classes/notes.txt']);
  });

  it('works when the class folders themselves are dropped, skips hidden files, and reports images outside the classes', () => {
    const s = sortSelection([file('cat/1.png'), file('dog/1.JPG'), file('cat/.DS_Store'), file('__MACOSX/cat/._1.png'), file('cat/10.png'), file('cat/2.png')]);
    expect(s.kind === 'images' && s.images.map((i) => i.file.path)).toEqual(['cat/1.png', 'cat/2.png', 'cat/10.png', 'dog/1.JPG']);
    const loose = sortSelection([file('pets/cat/1.png'), file('pets/dog/1.png'), file('pets/stray.png')]);
    expect(loose.kind === 'images' && loose.ignored).toEqual(['pets/stray.png']);
  });

  it('recognises one CSV table', () => {
    const s = sortSelection([fixtureFile('csv/flowers.csv'), file('.hidden.csv')]);
    expect(s).toMatchObject({ kind: 'table', name: 'flowers', file: { path: 'flowers.csv' } });
  });

  it.each([
    ['nothing', [] as ImportFile[], /The selection holds no files/],
    ['only hidden files', [file('.DS_Store')], /holds no files/],
    ['images with a table', [file('a/x.png'), file('t.csv')], /both images and a CSV table/],
    ['two tables', [file('a.csv'), file('b.csv')], /holds 2 CSV tables \(a\.csv, b\.csv\)\. Import one table at a time/],
    ['no images', [file('notes/readme.txt')], /holds no images \(PNG, JPG, JPEG, GIF, WEBP, BMP, AVIF\) and no CSV table; it has notes\/readme\.txt/],
    ['images not in class folders', fixtureFolder('images/one-folder'), /All 2 images are in one folder \("one-folder"\), so there are no classes/],
    ['loose files', [file('a.png'), file('b.png')], /All 2 images are in no folder/],
    ['one class folder', [file('pets/cat/1.png'), file('pets/cat/2.png'), file('pets/x.png')], /Only one class folder holds images \("cat"\)/],
  ])('refuses %s', (_, files, message) => {
    expect(refusal(files)).toMatch(message);
  });

  it('names the archive in its refusals', () => {
    expect(refusal([file('docs/a.txt')], 'stuff.zip')).toMatch(/^The archive stuff\.zip holds no images/);
  });

  it('refuses selections over the size, image and class limits', () => {
    const big = [sizedFile('a/x.png', IMPORT_LIMITS.maxBytes), sizedFile('b/y.png', 1)];
    expect(refusal(big)).toMatch(/holds 500\.0 MB of files, more than the 500\.0 MB an import may have/);
    const many = Array.from({ length: IMPORT_LIMITS.maxImages + 1 }, (_, i) => file(`c${i % 2}/${i}.png`));
    expect(refusal(many)).toMatch(/holds 50,001 images, more than the 50,000/);
    const classes = Array.from({ length: IMPORT_LIMITS.maxClasses + 1 }, (_, i) => file(`c${i}/1.png`));
    expect(refusal(classes)).toMatch(/101 class folders, more than the 100 classes/);
  });
});
