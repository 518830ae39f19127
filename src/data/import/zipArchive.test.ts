import { describe, expect, it } from 'vitest';
import { fixtureBytes, fixtureFile, sizedFile } from '../../../test/support/importFixtures';
import { ImportRefusal } from './refusal';
import { sortSelection } from './selection';
import { expandArchives, readZip } from './zipArchive';

async function refusal(run: () => unknown): Promise<string> {
  try {
    await run();
  } catch (e) {
    expect(e).toBeInstanceOf(ImportRefusal);
    return (e as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('readZip', () => {
  it('lists the files of an archive with their paths and bytes', async () => {
    const files = readZip(fixtureBytes('zips/classes.zip'), 'classes.zip');
    expect(files.map((f) => f.path)).toEqual(['shapes/blue/b0.png', 'shapes/blue/b1.png', 'shapes/red/r0.png', 'shapes/red/r1.png']);
    const png = new Uint8Array(await files[0]!.blob.arrayBuffer());
    expect(Array.from(png.slice(1, 4))).toEqual([0x50, 0x4e, 0x47]);
    const s = sortSelection(files, 'classes.zip');
    expect(s.kind === 'images' && [s.name, s.classes]).toEqual(['shapes', ['blue', 'red']]);
  });

  it('reads an empty archive as no files', () => {
    expect(readZip(fixtureBytes('zips/empty.zip'), 'empty.zip')).toEqual([]);
  });

  it.each([
    ['zips/not-a-zip.zip', /not-a-zip\.zip could not be read as a zip archive \(.+\): it may be damaged or not a zip/],
    ['zips/truncated.zip', /truncated\.zip could not be read as a zip archive/],
    ['zips/claims-600mb.zip', /unpacks to more than 500\.0 MB/],
  ])('refuses %s', async (path, message) => {
    expect(await refusal(() => readZip(fixtureBytes(path), path.slice(5)))).toMatch(message);
  });
});

describe('expandArchives', () => {
  it('replaces the one archive by its files and names it', async () => {
    const out = await expandArchives([fixtureFile('zips/table.zip')]);
    expect(out.archive).toBe('table.zip');
    expect(out.files.map((f) => f.path)).toEqual(['points.csv']);
    const plain = [fixtureFile('csv/flowers.csv')];
    expect((await expandArchives(plain)).files).toEqual(plain);
  });

  it.each([
    ['an archive with nothing usable', 'zips/nothing-usable.zip', /The archive nothing-usable\.zip holds no images .* it has docs\/data\.json, docs\/readme\.txt/],
    ['an empty archive', 'zips/empty.zip', /The archive empty\.zip holds no files/],
  ])('leaves %s for the selection to refuse', async (_, path, message) => {
    const out = await expandArchives([fixtureFile(path)]);
    expect(await refusal(() => sortSelection(out.files, out.archive))).toMatch(message);
  });

  it('refuses two archives, an archive among other files, and an empty or oversized archive file', async () => {
    const zip = fixtureFile('zips/classes.zip');
    expect(await refusal(() => expandArchives([zip, { ...zip, path: 'b.zip' }]))).toMatch(/one zip archive on its own/);
    expect(await refusal(() => expandArchives([zip, fixtureFile('csv/flowers.csv')]))).toMatch(/one zip archive on its own/);
    expect(await refusal(() => expandArchives([{ path: 'x.zip', blob: new Blob([]) }]))).toMatch(/x\.zip is empty \(0 bytes\)/);
    expect(await refusal(() => expandArchives([sizedFile('huge.zip', 600 * 1024 * 1024)]))).toMatch(/huge\.zip is 600\.0 MB, more than the 500\.0 MB/);
  });
});
