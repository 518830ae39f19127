/**
 * Checks the files `build-datasets.ts` wrote under public/data (skipped when they are
 * absent, e.g. before the first install): sizes, class balance, pixels equal to the
 * source packages, that a second run leaves valid files alone, and (into a temporary
 * folder) that a build is reproducible, repairs a truncated file and survives a missing package.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeByteImages } from '../src/data/byteImageFile';
import { FASHION_PATH, FASHION_SPEC, fashionSource } from '../src/data/fashion';
import { MNIST_PATH, MNIST_SPEC, mnistSource } from '../src/data/mnist';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PUBLIC = path.join(ROOT, 'public');
const require = createRequire(path.join(ROOT, 'package.json'));
const PER = 28 * 28;
/** Node's arguments that run scripts/build-datasets.ts (through tsx, from the repository root). */
const BUILD_DATASETS = ['--import', 'tsx', path.join(ROOT, 'scripts', 'build-datasets.ts')];

const fetchBytes = async (p: string) => new Uint8Array(readFileSync(path.join(PUBLIC, p)));

function labelCounts(labels: Uint8Array | Int32Array, k: number): number[] {
  const c = new Array<number>(k).fill(0);
  for (const y of labels) c[y]!++;
  return c;
}

/** The JSON class file of an npm data package, parsed. */
function classFile(pkg: string, dir: string, k: number): { data: number[] | number[][] } {
  return JSON.parse(readFileSync(path.join(path.dirname(require.resolve(`${pkg}/package.json`)), dir, `${k}.json`), 'utf8')) as { data: number[] | number[][] };
}

const hasMnist = existsSync(path.join(PUBLIC, MNIST_PATH));
const hasFashion = existsSync(path.join(PUBLIC, FASHION_PATH));

describe.skipIf(!hasMnist)('public/data/mnist.u8', () => {
  const d = hasMnist ? decodeByteImages(readFileSync(path.join(PUBLIC, MNIST_PATH)), MNIST_PATH) : null;

  it('holds min(1000, available) digits of each class, interleaved', () => {
    const available = Array.from({ length: 10 }, (_, k) => Math.floor((classFile('mnist', 'src/digits', k).data as number[]).length / PER));
    expect(d!.count).toBe(available.reduce((a, n) => a + Math.min(1000, n), 0));
    expect(labelCounts(d!.labels, 10)).toEqual(available.map((n) => Math.min(1000, n)));
    expect(Array.from(d!.labels.subarray(0, 10))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect([d!.height, d!.width, d!.channels, d!.classes]).toEqual([28, 28, 1, 10]);
  });

  it('stores the package pixels (floats in [0, 1]) as round(255 v)', () => {
    const three = classFile('mnist', 'src/digits', 3).data as number[];
    // Image 3 of the file is the first "3"; image 13 the second.
    for (const [fileIndex, sample] of [[3, 0], [13, 1]] as const) {
      const expected = three.slice(sample * PER, (sample + 1) * PER).map((v) => Math.round(v * 255));
      expect(Array.from(d!.pixels.subarray(fileIndex * PER, (fileIndex + 1) * PER))).toEqual(expected);
    }
  });

  it('loads through the registered source with an 80/20 stratified split', async () => {
    const loaded = await mnistSource.load(1, fetchBytes);
    expect(loaded.spec).toBe(MNIST_SPEC);
    expect(loaded.trainY.length + loaded.testY.length).toBe(d!.count);
    const test = labelCounts(loaded.testY, 10);
    labelCounts(d!.labels, 10).forEach((n, k) => expect(test[k]).toBe(Math.round(0.2 * n)));
    expect(loaded.mean[0]).toBeGreaterThan(0.05);
    expect(loaded.mean[0]).toBeLessThan(0.25);
  });
});

describe.skipIf(!hasFashion)('public/data/fashion.u8', () => {
  const d = hasFashion ? decodeByteImages(readFileSync(path.join(PUBLIC, FASHION_PATH)), FASHION_PATH) : null;

  it('holds 1000 images of each of the 10 classes', () => {
    expect(d!.count).toBe(10_000);
    expect(labelCounts(d!.labels, 10)).toEqual(new Array(10).fill(1000));
    expect(readFileSync(path.join(PUBLIC, FASHION_PATH)).length).toBe(16 + 10_000 * (PER + 1));
  });

  it('stores the package pixels (bytes) unchanged', () => {
    const bags = classFile('fashion-mnist', 'src/clothes', 8).data as number[][];
    expect(Array.from(d!.pixels.subarray(8 * PER, 9 * PER))).toEqual(bags[0]);
  });

  it('loads through the registered source and draws a thumbnail', async () => {
    const loaded = await fashionSource.load(2, fetchBytes);
    expect(loaded.spec).toBe(FASHION_SPEC);
    expect(labelCounts(loaded.trainY, 10)).toEqual(new Array(10).fill(800));
    expect(labelCounts(loaded.testY, 10)).toEqual(new Array(10).fill(200));
    const t = await fashionSource.thumbnail(fetchBytes);
    expect(t.rgba.length).toBe(t.width * t.height * 4);
  });
});

describe.skipIf(!hasMnist || !hasFashion)('build-datasets.ts', () => {
  it('leaves valid files alone on a second run', () => {
    const before = [MNIST_PATH, FASHION_PATH].map((p) => statSync(path.join(PUBLIC, p)).mtimeMs);
    const out = execFileSync(process.execPath, BUILD_DATASETS, { cwd: ROOT, encoding: 'utf8' });
    expect(out).toMatch(/mnist\.u8 is up to date/);
    expect(out).toMatch(/fashion\.u8 is up to date/);
    expect([MNIST_PATH, FASHION_PATH].map((p) => statSync(path.join(PUBLIC, p)).mtimeMs)).toEqual(before);
  });
});

describe.skipIf(!hasMnist)('build-datasets.ts building', () => {
  it('rebuilds the same bytes, repairs a truncated file, and survives a missing package', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'collapse-lab-data-'));
    try {
      const run = (...extra: string[]) =>
        execFileSync(process.execPath, [...BUILD_DATASETS, '--only', 'mnist', '--out', dir, ...extra], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' });
      const file = path.join(dir, 'mnist.u8');
      expect(run()).toMatch(/wrote .*mnist\.u8 \(\d+ images/);
      const reference = readFileSync(path.join(PUBLIC, MNIST_PATH));
      expect(readFileSync(file).equals(reference)).toBe(true);
      truncateSync(file, 1000);
      expect(run()).toMatch(/wrote/);
      expect(readFileSync(file).equals(reference)).toBe(true);
      // No package to be found from an empty folder: one clear line, exit code 0, no file.
      rmSync(file);
      const missing = spawnSync(process.execPath, [...BUILD_DATASETS, '--only', 'mnist', '--out', dir, '--resolve-from', dir], { cwd: ROOT, encoding: 'utf8' });
      expect(missing.status).toBe(0);
      expect(missing.stderr).toMatch(/package "mnist" is not installed.*build-datasets\.ts/);
      expect(existsSync(file)).toBe(false);
      const strict = spawnSync(process.execPath, [...BUILD_DATASETS, '--only', 'mnist', '--out', dir, '--resolve-from', dir, '--strict'], { cwd: ROOT, encoding: 'utf8' });
      expect(strict.status).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
