/**
 * Trainer.evaluate's input-space grid: on a 2-D point dataset, the classifier's predictions
 * over a grid covering the training points (eval mode), with the query inputs to draw on
 * top; image datasets have none.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from './config';
import { DATASETS } from './data/registry';
import { inputGrid, inputGridExtent, INPUT_GRID_SIZE } from './metrics/inputGrid';
import { Trainer, type RecordedEval } from './trainer';

const config: RunConfig = { ...DEFAULT_CONFIG, dataset: 'blobs', model: 'mlp', width: 16, depth: 1, embedDim: 8, batchSize: 64, backend: 'cpu', task: 'supervised', objective: 'ce', optimizer: 'adam', lr: 0.01 };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Frees what evaluate() returned. */
function disposeEvaluation(e: RecordedEval): void {
  tf.dispose([e.bank, e.queries, e.predictions, ...(e.projected ? [e.projected.bank, e.projected.queries] : []), ...(e.inputSpace ? [e.inputSpace.predictions] : [])]);
}

describe('Trainer.evaluate: the input-space grid', () => {
  it('on blobs: the classifier over a grid covering the training points, the same as the model run on the grid', async () => {
    const dataset = await DATASETS.blobs!.load(config.seed, async () => new Uint8Array());
    const trainer = new Trainer(config, dataset);
    for (let i = 0; i < 30; i++) trainer.trainStep(false);
    const e = trainer.evaluate();
    const grid = e.inputSpace!;
    expect(grid.size).toBe(INPUT_GRID_SIZE);
    expect(grid.extent).toBe(inputGridExtent(dataset.trainX));
    expect(grid.predictions.shape).toEqual([INPUT_GRID_SIZE ** 2]);
    expect(Array.from(grid.points)).toEqual(Array.from(dataset.testX.subarray(0, 2 * e.queryLabels.length)));
    const predicted = Array.from(await grid.predictions.data());
    const expected = tf.tidy(() => {
      const x = tf.tensor2d(inputGrid(grid.extent).inputs, [INPUT_GRID_SIZE ** 2, 2]);
      return tf.argMax(trainer.model.classify(trainer.model.forward(x).features), 1);
    });
    expect(predicted).toEqual(Array.from(await expected.data()));
    // After 30 steps of cross-entropy on five blobs the map is not one class.
    expect(new Set(predicted).size).toBeGreaterThan(1);
    expected.dispose();
    disposeEvaluation(e);
    trainer.dispose();
  });

  it('has no grid on an image dataset', async () => {
    const images: RunConfig = { ...config, dataset: 'shapes16' };
    const dataset = await DATASETS.shapes16!.load(images.seed, async () => new Uint8Array());
    const trainer = new Trainer(images, dataset);
    const e = trainer.evaluate();
    expect(e.inputSpace).toBeUndefined();
    disposeEvaluation(e);
    trainer.dispose();
  });
});
