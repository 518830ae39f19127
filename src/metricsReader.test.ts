import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readMetrics } from './metricsReader';
import { gaussian } from '../test/support/random';
import { expectClose } from '../test/support/metricsFixture';
import type { RecordedEval, RecordedStep } from './trainer';
import { knnAccuracy } from './metrics/knn';
import { embeddingProjection } from './metrics/embeddingProjection';
import { inputSpaceMap } from './metrics/inputGrid';
import { principalPlane } from './metrics/principalPlane';
import { maxAbsDiff } from '../test/support/differences';

const N = 48;
const D = 12;

/** A recorded step as the trainer keeps it, with a loss, a diagnostic heatmap and a scalar. */
function recorded(z1: Float32Array, z2: Float32Array): RecordedStep {
  return {
    step: 7,
    losses: { vicreg: tf.scalar(1.25), total: tf.scalar(1.5) },
    z1: tf.tensor2d(z1, [N, D]),
    z2: tf.tensor2d(z2, [N, D]),
    diagnostics: {
      imsvd: {
        usage: { kind: 'heatmap', value: tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]), rowLabel: 'variable', colLabel: 'bin' },
        ti: { kind: 'scalar', value: tf.scalar(0.5), label: 'L_ti' },
      },
    },
    skippedSteps: tf.scalar(2),
    generation: 0,
  };
}

/** Backbone width of the evaluation features (not D: kNN runs on the backbone's features). */
const F = 7;
const bankLabels = Int32Array.from({ length: 30 }, (_, i) => i % 3);
const queryLabels = Int32Array.from({ length: 10 }, (_, i) => (i * 2) % 3);
const featureBank = Float32Array.from(gaussian(30 * F, 4), (v, k) => v + 2 * (bankLabels[Math.floor(k / F)]! === k % F ? 1 : 0));
const featureQueries = Float32Array.from(gaussian(10 * F, 5), (v, k) => v + 2 * (queryLabels[Math.floor(k / F)]! === k % F ? 1 : 0));
const projectedBank = Float32Array.from(gaussian(30 * D, 6));
const projectedQueries = Float32Array.from(gaussian(10 * D, 7));

/** An evaluation with 3 classes: backbone features, projector outputs and the probe's predictions. */
function evaluation(): RecordedEval {
  return {
    bank: tf.tensor2d(featureBank, [30, F]),
    queries: tf.tensor2d(featureQueries, [10, F]),
    projected: { bank: tf.tensor2d(projectedBank, [30, D]), queries: tf.tensor2d(projectedQueries, [10, D]) },
    predictions: tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1, 2, 0], 'int32'),
    bankLabels,
    queryLabels,
    classes: 3,
  };
}

const z1 = Float32Array.from(gaussian(N * D, 1), (v, k) => v + (k % D) * 0.3);
const z2 = Float32Array.from(z1, (v, k) => v + 0.1 * Math.cos(k));

describe('readMetrics: device path against the host (CPU reference) path', () => {
  beforeAll(async () => {
    expect(await tf.setBackend('cpu')).toBe(true);
  });

  it('defaults to the host path off webgpu and says which path ran', async () => {
    const { report } = await readMetrics(recorded(z1, z2), null, 'ssl');
    expect(report.spectrumSource).toBe('host');
    const device = await readMetrics(recorded(z1, z2), null, 'ssl', { path: 'device' });
    expect(device.report.spectrumSource).toBe('device');
  });

  it('gives the same report on both paths, with and without an evaluation', async () => {
    for (const withEval of [false, true]) {
      const host = await readMetrics(recorded(z1, z2), withEval ? evaluation() : null, 'ssl', { path: 'host' });
      const device = await readMetrics(recorded(z1, z2), withEval ? evaluation() : null, 'ssl', { path: 'device' });
      expect(device.skipped).toBe(2);
      expect(device.report.losses).toEqual(host.report.losses);
      expect(device.report.terms).toEqual(host.report.terms);
      expect(device.report.terms.imsvd?.heatmap).toEqual({ rows: 2, cols: 3, values: [1, 2, 3, 4, 5, 6], rowLabel: 'variable', colLabel: 'bin' });
      expect(device.report.terms.imsvd?.scalars).toEqual({ ti: 0.5 });
      expect(device.report.terms.imsvd?.labels).toEqual({ ti: 'L_ti' });
      expect(device.report.step).toBe(7);
      expect(Object.keys(device.report.scalars)).toEqual(Object.keys(host.report.scalars));
      if (withEval) {
        // kNN on the backbone features (width F), and separately on the projector outputs (width D).
        expect(device.report.scalars.knnAccuracy).toBe(knnAccuracy({ bank: featureBank, bankLabels, queries: featureQueries, queryLabels, classes: 3 }, F));
        expect(device.report.scalars.knnAccuracy).toBeGreaterThan(0.5);
        expect(device.report.scalars.knnProjector).toBe(knnAccuracy({ bank: projectedBank, bankLabels, queries: projectedQueries, queryLabels, classes: 3 }, D));
        expect(device.report.scalars.knnAccuracy).toBe(host.report.scalars.knnAccuracy);
        expect(device.report.scalars.probeAccuracy).toBe(0.4);
      }
      expect(device.report.spectrum.length).toBe(D);
      const top = host.report.spectrum[0]!;
      device.report.spectrum.forEach((v, i) => expectClose(v, host.report.spectrum[i]!, 0, 1e-5 * top, `eigenvalue ${i}`));
      for (const [k, v] of Object.entries(host.report.scalars)) expectClose(device.report.scalars[k]!, v, 1e-4, 1e-6, k);
    }
  });

  it('disposes every tensor it was given, on both paths', async () => {
    for (const path of ['host', 'device'] as const) {
      const before = tf.memory().numTensors;
      await readMetrics(recorded(z1, z2), evaluation(), 'supervised', { path });
      expect(tf.memory().numTensors, path).toBe(before);
    }
  });

  it('reports no spectrum for diverged embeddings on both paths, but keeps the losses', async () => {
    const bad = Float32Array.from(z1);
    bad[5] = Number.NaN;
    for (const path of ['host', 'device'] as const) {
      const { report } = await readMetrics(recorded(z1, bad), null, 'ssl', { path });
      expect(report.spectrum, path).toEqual([]);
      expect(report.scalars, path).toEqual({ skippedSteps: 2 });
      expect(report.collapseUnavailable, path).toBe('the embeddings are not finite');
      expect(report.losses.total).toBe(1.5);
    }
  });
});

describe('readMetrics: accuracies only where there are classes to tell apart', () => {
  beforeAll(async () => {
    expect(await tf.setBackend('cpu')).toBe(true);
  });

  it('reports no kNN, probe or test accuracy on an unlabelled (one-class) dataset, but still its scatter, on both paths', async () => {
    for (const path of ['host', 'device'] as const) {
      for (const task of ['ssl', 'supervised'] as const) {
        const labelled = (await readMetrics(recorded(z1, z2), evaluation(), task, { path })).report;
        expect(Object.keys(labelled.scalars), `${path} ${task}`).toEqual(expect.arrayContaining(['knnAccuracy', task === 'ssl' ? 'probeAccuracy' : 'testAccuracy']));
        const e = evaluation();
        e.classes = 1;
        e.bankLabels = new Int32Array(30);
        e.queryLabels = new Int32Array(10);
        const before = tf.memory().numTensors;
        const { report } = await readMetrics(recorded(z1, z2), e, task, { path });
        for (const k of ['knnAccuracy', 'knnProjector', 'probeAccuracy', 'testAccuracy']) expect(report.scalars[k], `${path} ${task} ${k}`).toBeUndefined();
        expect(report.embedding, `${path} ${task}`).toBeDefined();
        expect(tf.memory().numTensors).toBeLessThanOrEqual(before);
      }
    }
  });
});

describe('readMetrics: the evaluation batch on its principal plane and the input-space map', () => {
  beforeAll(async () => {
    expect(await tf.setBackend('cpu')).toBe(true);
  });

  it('reports the queries of the embedding the spectrum shows on their principal plane, on evaluation reports only', async () => {
    for (const [task, queries, width] of [['ssl', projectedQueries, D], ['supervised', featureQueries, F]] as const) {
      const expected = embeddingProjection(principalPlane(queries, 10, width), queryLabels, 'host')!;
      const host = (await readMetrics(recorded(z1, z2), evaluation(), task, { path: 'host' })).report.embedding!;
      expect(host, task).toEqual(expected);
      const device = (await readMetrics(recorded(z1, z2), evaluation(), task, { path: 'device' })).report.embedding!;
      expect(device.source).toBe('device');
      expect(device.labels).toEqual(Array.from(queryLabels));
      // The device path's kernel output is float32.
      expect(maxAbsDiff(device.x, expected.x)).toBeLessThan(1e-5);
      expect(maxAbsDiff(device.y, expected.y)).toBeLessThan(1e-5);
      expect(maxAbsDiff(device.explained, expected.explained)).toBeLessThan(1e-6);
      expect(device.rmsNorm).toBeCloseTo(expected.rmsNorm, 5);
      expect((await readMetrics(recorded(z1, z2), null, task, { path: 'host' })).report.embedding).toBeUndefined();
    }
  });

  it('reports no scatter for queries that are not finite', async () => {
    for (const path of ['host', 'device'] as const) {
      const e = evaluation();
      const bad = Float32Array.from(projectedQueries);
      bad[3] = Number.NaN;
      e.projected!.queries.dispose();
      e.projected!.queries = tf.tensor2d(bad, [10, D]);
      const { report } = await readMetrics(recorded(z1, z2), e, 'ssl', { path });
      expect(report.embedding, path).toBeUndefined();
    }
  });

  it('reports the classifier over the input grid of a 2-D dataset, and frees every tensor', async () => {
    for (const path of ['host', 'device'] as const) {
      const before = tf.memory().numTensors;
      const e: RecordedEval = { ...evaluation(), inputSpace: { predictions: tf.tensor1d([0, 2, 1, 1], 'int32'), size: 2, extent: 1.5, points: Float32Array.from({ length: 20 }, (_, k) => k / 4) } };
      const { report } = await readMetrics(recorded(z1, z2), e, 'ssl', { path });
      expect(report.inputSpace).toEqual(inputSpaceMap({ size: 2, extent: 1.5 }, [0, 2, 1, 1], e.inputSpace!.points, queryLabels));
      expect(report.inputSpace?.points.x).toHaveLength(10);
      expect(tf.memory().numTensors, path).toBe(before);
    }
  });
});
