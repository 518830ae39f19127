/**
 * The exported PyTorch project, checked with Debian's PyTorch (/usr/bin/python3; .ci/run
 * installs python3-torch, so CI never skips; a machine without it skips, saying so):
 *
 * - the Python package's own unit tests (python/tests): the authors' fixtures for ρSIM,
 *   IMSVD and CorInfoMax, the app's generator, the CIFAR / image-folder loaders on tiny
 *   archives made in the test, ResNet-18/50 at CIFAR and Tiny ImageNet sizes, the tensors file;
 * - parity: the app's Trainer (tfjs CPU backend) takes the first steps of a tiny run per
 *   objective and method (test/support/exportParity.ts) and python/tests/test_parity.py
 *   takes them from the same weights with the same draws: same losses (1e-3 relative),
 *   same weights after the update;
 * - distributed: a project exported by `npm run export`'s code trains on 2 gloo ranks
 *   started by environment variables (Debian's torchrun is broken on its Python 3.11), and
 *   the ranks end with identical weights.
 */
import { execFile, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../../src/config';
import { decodeTensorFile } from '../../src/export/tensorFile';
import { buildProjectZip } from '../../src/export/projectZip';
import { PYTHON_DIR, projectPartsFromSeed } from '../../scripts/export/nodeExport';
import { parityFixture } from '../support/exportParity';

const PYTHON = '/usr/bin/python3';
const run = promisify(execFile);
const hasTorch = spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
if (!hasTorch) console.warn(`SKIPPED: ${PYTHON} has no torch (apt-get install python3-torch): the exported PyTorch project is not checked.`);

const work = mkdtempSync(path.join(tmpdir(), 'collapselab-export-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the Python unit tests named (modules of python/tests) and returns unittest's report. */
async function unittest(modules: string[], env: Record<string, string> = {}): Promise<string> {
  const { stderr } = await run(PYTHON, ['-m', 'unittest', '-v', ...modules], { cwd: PYTHON_DIR, env: { ...process.env, ...env }, maxBuffer: 1 << 24 });
  return stderr;
}

/** A TCP port nobody listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Runs one rank of train.py; resolves with its output, rejects with it on failure. */
function rank(dir: string, r: number, port: number, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, RANK: String(r), WORLD_SIZE: '2', MASTER_ADDR: '127.0.0.1', MASTER_PORT: String(port) };
    const child = spawn(PYTHON, ['train.py', ...args], { cwd: dir, env });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`rank ${r} exited with ${code}:\n${out}`))));
  });
}

describe.skipIf(!hasTorch)('the exported PyTorch project', () => {
  it("passes its own unit tests: the authors' fixtures, the app's generator, the data loaders, the paper-sized models", async () => {
    const report = await unittest(['tests.test_authors_fixtures', 'tests.test_rng', 'tests.test_data', 'tests.test_models']);
    expect(report).toMatch(/\nOK\b/);
    expect(report).not.toMatch(/skipped/);
  }, 120_000);

  it('takes the same first steps as the browser engine for every objective and method', async () => {
    const fixture = path.join(work, 'parity.json');
    writeFileSync(fixture, JSON.stringify(await parityFixture()));
    const report = await unittest(['tests.test_parity'], { COLLAPSELAB_PARITY_FIXTURE: fixture });
    expect(report).toMatch(/test_every_case .* ok/);
  }, 180_000);

  it('trains on two gloo ranks started by environment variables, which end with identical weights', async () => {
    const config: RunConfig = { ...DEFAULT_CONFIG, dataset: 'shapes16', model: 'mlp', width: 16, depth: 2, embedDim: 16, batchSize: 16, objective: 'simsiam', methods: ['corinfomax'], seed: 4 };
    const zip = unzipSync(buildProjectZip(await projectPartsFromSeed(config)));
    const names = Object.keys(zip);
    const root = path.join(work, 'project');
    for (const name of names) {
      const target = path.join(root, name);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, zip[name]!);
    }
    const dir = path.join(root, names[0]!.split('/')[0]!);
    const port = await freePort();
    const args = ['--steps', '3', '--metrics-every', '1', '--out', 'out', '--every-rank-checkpoints'];
    const [log0] = await Promise.all([rank(dir, 0, port, args), rank(dir, 1, port, args)]);
    expect(log0).toContain('2 process(es) on cpu');
    expect(log0).toContain('per rank');
    const weights = (r: number) => decodeTensorFile(new Uint8Array(readFileSync(path.join(dir, 'out', `weights-rank${r}.bin`)))).tensors;
    const [w0, w1] = [weights(0), weights(1)];
    const exported = decodeTensorFile(new Uint8Array(readFileSync(path.join(dir, 'run', 'weights.bin')))).tensors;
    expect(w0.map((t) => t.name)).toEqual(w1.map((t) => t.name));
    w0.forEach((t, i) => expect(Buffer.from(t.data.buffer).equals(Buffer.from(w1[i]!.data.buffer)), t.name).toBe(true));
    // Training moved the weights away from the exported ones.
    const moved = exported.filter((e) => {
      const t = w0.find((x) => x.name === e.name);
      return t && !Buffer.from(t.data.buffer).equals(Buffer.from(e.data.buffer));
    });
    expect(moved.length).toBeGreaterThan(exported.length / 2);
    const csv = readFileSync(path.join(dir, 'out', 'metrics.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toContain('loss_simsiam,loss_corinfomax,loss_total,rankme');
    expect(csv).toHaveLength(4);
  }, 180_000);
});
