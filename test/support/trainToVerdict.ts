/**
 * Trains a small run with the project's own Trainer (Node, tfjs WASM backend, the MLP on the
 * 16 px shapes) and reads its collapse level the way the app does: RankMe and the std of the
 * L2-normalised embeddings of the last training batch, through src/metrics/collapseVerdict.ts.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { DEFAULT_CONFIG, type RunConfig } from '../../src/config';
import type { LoadedDataset } from '../../src/data/dataset';
import { datasetSource } from '../../src/data/registry';
import { collapseLevel, type CollapseLevel } from '../../src/metrics/collapseVerdict';
import { computeCollapseMetrics } from '../../src/metrics/registry';
import { disposeRecorded, Trainer } from '../../src/trainer';

/** The small run every behaviour test starts from: 16 px shapes, MLP 64 x 2 blocks, D 32, batch 128, batch norm. */
export const SMALL_RUN: RunConfig = {
  ...DEFAULT_CONFIG,
  dataset: 'shapes16',
  model: 'mlp',
  width: 64,
  depth: 2,
  embedDim: 32,
  norm: 'batch',
  headNorm: 'batch',
  batchSize: 128,
  optimizer: 'adam',
  lr: 0.002,
  seed: 1,
  methods: [],
  params: {},
  backend: 'wasm',
};

/** What a run ended with. */
export interface RunReading {
  rankme: number;
  stdL2: number;
  /** stdL2 in units of 1/sqrt(D). */
  stdShare: number;
  level: CollapseLevel;
}

let shapes: Promise<LoadedDataset> | null = null;

/** Trains `steps` steps of SMALL_RUN with `patch` on WASM and reads the last batch's embeddings. */
export async function trainToVerdict(patch: Partial<RunConfig>, steps: number): Promise<RunReading> {
  if (tf.getBackend() !== 'wasm') {
    if (!(await tf.setBackend('wasm'))) throw new Error('tfjs could not start its WASM backend');
    await tf.ready();
  }
  const config: RunConfig = { ...SMALL_RUN, ...patch };
  shapes ??= datasetSource('shapes16').load(1, async () => new Uint8Array());
  const trainer = new Trainer(config, await shapes);
  try {
    for (let s = 1; s < steps; s++) trainer.trainStep(false);
    const rec = trainer.trainStep(true)!;
    const [z, z2] = await Promise.all([rec.z1.data(), rec.z2.data()]);
    const [n, d] = rec.z1.shape;
    disposeRecorded(rec);
    const { scalars } = computeCollapseMetrics({ z, z2, n, d });
    const rankme = scalars.rankme!;
    const stdL2 = scalars.stdL2!;
    return { rankme, stdL2, stdShare: stdL2 * Math.sqrt(d), level: collapseLevel(rankme, stdL2, d) };
  } finally {
    trainer.dispose();
  }
}
