/**
 * The Trainer's restore contract: weights come back, the skip count and optimiser state
 * start afresh, and steps recorded before the restore are marked stale.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from './config';
import { DATASETS } from './data/registry';
import { Trainer, type RecordedStep } from './trainer';

const config: RunConfig = { ...DEFAULT_CONFIG, dataset: 'blobs', model: 'mlp', width: 16, depth: 1, embedDim: 8, batchSize: 64, backend: 'cpu', optimizer: 'sgd', lr: 1 };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function read(rec: RecordedStep): Promise<{ total: number; skipped: number }> {
  const total = (await rec.losses.total!.data())[0]!;
  const skipped = (await rec.skippedSteps.data())[0]!;
  for (const t of [...Object.values(rec.losses), rec.z1, rec.z2, rec.skippedSteps]) t.dispose();
  for (const d of Object.values(rec.diagnostics)) Object.values(d).forEach((t) => t.dispose());
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
