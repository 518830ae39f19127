/**
 * Test support for importing the user's own data in Node: the import fixtures as the files
 * a drop would hand over, and a PNG decoder (pngjs) standing in for the browser's.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PNG } from 'pngjs';
import type { RgbaImage } from '../../src/data/import/resize';
import type { ImportFile } from '../../src/data/import/selection';

/** The import fixtures folder. */
export const IMPORT_FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'import');

/** A fixture file's bytes. */
export function fixtureBytes(path: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(readFileSync(join(IMPORT_FIXTURES, path)));
}

/** A fixture file as a dropped file (its path is its name). */
export function fixtureFile(path: string): ImportFile {
  return { path: path.slice(path.lastIndexOf('/') + 1), blob: new Blob([fixtureBytes(path)]) };
}

/** Every file under a fixture folder, with paths starting at the folder's own name (as a folder drop gives them). */
export function fixtureFolder(folder: string): ImportFile[] {
  const root = join(IMPORT_FIXTURES, folder);
  const parent = join(root, '..');
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));
  return walk(root).map((file) => ({ path: relative(parent, file).split('\\').join('/'), blob: new Blob([readFileSync(file)]) }));
}

/** Decodes a PNG file as the browser would hand it over (RGBA bytes); rejects on anything else. */
export async function decodePng(blob: Blob): Promise<RgbaImage> {
  const png = PNG.sync.read(Buffer.from(await blob.arrayBuffer()));
  return { width: png.width, height: png.height, data: new Uint8Array(png.data) };
}

/** A stand-in for a file of `size` bytes whose contents are never read (limit checks look at sizes only). */
export function sizedFile(path: string, size: number): ImportFile {
  return { path, blob: { size } as Blob };
}
