/**
 * The Trainer's restore contract: weights come back, the skip count and optimiser state
 * start afresh, and steps recorded before the restore are marked stale.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from './config';
import { DATASETS } from './data/registry';
import { disposeRecorded, Trainer, type RecordedStep } from './trainer';

const config: RunConfig = { ...DEFAULT_CONFIG, dataset: 'blobs', model: 'mlp', width: 16, depth: 1, embedDim: 8, batchSize: 64, backend: 'cpu', optimizer: 'sgd', lr: 1 };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function read(rec: RecordedStep): Promise<{ total: number; skipped: number }> {
  const total = (await rec.losses.total!.data())[0]!;
  const skipped = (await rec.skippedSteps.data())[0]!;
  disposeRecorded(rec);
  return { total, skipped };
}

describe('Trainer.restore', () => {
  it('after a divergence, restores the weights with a zero skip count, a fresh optimiser and a new generation', async () => {
    const dataset = await DATASETS.blobs!.load(config.seed, async () => new Uint8Array());
    const trainer = new Trainer(config, dataset);
    const snap = await trainer.snapshot();
    // Diverge: SGD with momentum at lr 1 skips non-finite updates on device.
    let stale: RecordedStep | null = null;
    for (let i = 0; i < 40; i++) {
      const rec = trainer.trainStep(i === 39);
      if (rec) stale = rec;
    }
    const before = await read(stale!);
    expect(before.skipped).toBeGreaterThan(0);
    expect(stale!.generation).toBe(0);

    trainer.restore(snap);
    expect(trainer.step).toBe(0);
    expect(trainer.generation).toBe(1);
    const restored = await trainer.snapshot();
    for (const [name, values] of snap.values) expect(Array.from(restored.values.get(name)!)).toEqual(Array.from(values));

    // At a sane learning rate with Adam the run goes on with a clean count.
    trainer.setConfig({ ...config, optimizer: 'adam', lr: 0.01 });
    let rec: RecordedStep | null = null;
    for (let i = 0; i < 5; i++) rec = trainer.trainStep(i === 4) ?? rec;
    expect(rec!.generation).toBe(1);
    const after = await read(rec!);
    expect(after.skipped).toBe(0);
    expect(Number.isFinite(after.total)).toBe(true);
    trainer.dispose();
  });
});

describe('Trainer.trainStep failure', () => {
  it('a step that throws frees every tensor it kept, recorded or not, and the run can go on', async () => {
    const ssl: RunConfig = { ...config, task: 'ssl', objective: 'vicreg', optimizer: 'adam', lr: 0.01 };
    const dataset = await DATASETS.blobs!.load(ssl.seed, async () => new Uint8Array());
    const trainer = new Trainer(ssl, dataset);
    await read(trainer.trainStep(true)!); // optimiser slots exist from here on
    const optimizer = (trainer as unknown as { optimizer: tf.Optimizer }).optimizer;
    const apply = optimizer.applyGradients.bind(optimizer);
    optimizer.applyGradients = () => {
      throw new Error('injected: op missing on this backend');
    };
    for (const record of [false, true]) {
      const before = tf.memory().numTensors;
      expect(() => trainer.trainStep(record)).toThrow(/injected/);
      expect(tf.memory().numTensors).toBe(before);
    }
    optimizer.applyGradients = apply;
    const ok = await read(trainer.trainStep(true)!);
    expect(Number.isFinite(ok.total)).toBe(true);
    trainer.dispose();
  });
});

describe('Trainer lifetime', () => {
  it('builds, trains and disposes again and again without leaking a tensor (initial weights, optimiser constants)', async () => {
    const data = await DATASETS.blobs!.load(1, async () => new Uint8Array());
    const cycle = (c: RunConfig): void => {
      const t = new Trainer(c, data);
      t.trainStep(false);
      t.setConfig({ ...c, lr: c.lr / 2, optimizer: c.optimizer === 'sgd' ? 'adam' : 'sgd' });
      t.trainStep(false);
      t.dispose();
    };
    for (const c of [{ ...config, norm: 'batch' as const, headNorm: 'batch' as const }, { ...config, methods: ['corinfomax'] }]) {
      cycle(c);
      const before = tf.memory().numTensors;
      for (let i = 0; i < 5; i++) cycle(c);
      expect(tf.memory().numTensors, JSON.stringify(c.methods)).toBe(before);
    }
  });

  it('a live learning-rate change reaches SGD: a run built at 0.1 and changed to 1e-5 barely moves', async () => {
    const data = await DATASETS.blobs!.load(1, async () => new Uint8Array());
    const t = new Trainer({ ...config, optimizer: 'sgd', lr: 0.1 }, data);
    t.trainStep(false);
    t.setConfig({ ...t.currentConfig, lr: 1e-5 });
    const before = await t.snapshot();
    t.trainStep(false);
    const after = await t.snapshot();
    let moved = 0;
    for (const [name, v] of before.values) {
      // Weights only: batch norm's running statistics move with the data, not the rate.
      if (name.includes('running_')) continue;
      const w = after.values.get(name)!;
      for (let i = 0; i < v.length; i++) moved = Math.max(moved, Math.abs(w[i]! - v[i]!));
    }
    // Momentum carries 0.9 of the first step (at most ~0.1 x gradient); the new rate adds almost nothing.
    expect(moved).toBeLessThan(0.1);
    t.dispose();
  });
});
