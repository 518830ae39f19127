import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collapseMetricsFromDevice, collapseMetricsOnDevice, deviceCollapseLayout } from './collapseOnDevice';
import { computeCollapseMetrics, type CollapseMetrics } from './registry';
import { expectClose, loadMetricsFixture } from '../../test/support/metricsFixture';
import { gaussian } from '../../test/support/random';

/**
 * Backends that load in Node. Their SymEigvals is the float64 read-back kernel, so what
 * differs from the host path is the float32 rounding of the covariance, the Gram matrix
 * and the scalar reductions; the WGSL kernels are compared in e2e/metricsGpu.spec.ts.
 */
const BACKENDS = ['cpu', 'wasm'] as const;

/**
 * Float32 agreement, relative to the scale of each quantity: eigenvalues within 1e-5 of
 * the largest; std and alignment within 1e-4 relative (plus 1e-6 absolute for alignment,
 * a small difference of nearly equal rows); uniformity within 1e-4 relative plus 1e-5
 * absolute (its pair distances come from 1 + 1 - 2 u_i.u_j, which cancels in float32 when
 * the rows nearly coincide); RankMe within `rankmeRel` (see EMBEDDINGS).
 */
function expectSameMetrics(device: CollapseMetrics, host: CollapseMetrics, what: string, rankmeRel = 1e-4): void {
  expect(Object.keys(device.scalars), `${what}: scalar keys and order`).toEqual(Object.keys(host.scalars));
  expect(device.spectrum.length).toBe(host.spectrum.length);
  const top = Math.max(host.spectrum[0]!, 1e-30);
  device.spectrum.forEach((v, i) => expectClose(v, host.spectrum[i]!, 0, 1e-5 * top, `${what}: eigenvalue ${i}`));
  const rel: Record<string, number> = { rankme: rankmeRel };
  const abs: Record<string, number> = { alignment: 1e-6, uniformity: 1e-5 };
  for (const [k, v] of Object.entries(host.scalars)) expectClose(device.scalars[k]!, v, rel[k] ?? 1e-4, abs[k] ?? 0, `${what}: ${k}`);
}

/** The device path end to end on the active backend: enqueue, read, unpack. */
async function onDevice(z: ArrayLike<number>, n: number, d: number, z2?: ArrayLike<number>): Promise<CollapseMetrics | null> {
  const t1 = tf.tensor2d(Float32Array.from(z), [n, d]);
  const t2 = z2 ? tf.tensor2d(Float32Array.from(z2), [n, d]) : undefined;
  const packed = collapseMetricsOnDevice(t1, t2);
  const values = await packed.data();
  tf.dispose([t1, packed]);
  t2?.dispose();
  return collapseMetricsFromDevice(values, deviceCollapseLayout(n, d), z2 !== undefined);
}

/**
 * Embedding families and the RankMe agreement each allows. 'gaussian': healthy.
 * 'offset': collapsed to a point, a large common mean with a spread of 1e-2 (the mean
 * is deflated exactly, so RankMe keeps 1e-4). 'collapsed': rank one through the origin
 * plus noise 1e-3, so the covariance spectrum spans 1e-8, beyond float32: its small
 * eigenvalues are rounding noise of size 2^-24 lambda_max on the device, the singular
 * values built from them too, and RankMe (about 1.04 there) agrees only to 1e-2.
 */
const EMBEDDINGS = { gaussian: 1e-4, offset: 1e-4, collapsed: 1e-2 } as const;

/** Seeded embeddings of one family (see EMBEDDINGS), `n x d`. */
function embeddings(kind: keyof typeof EMBEDDINGS, n: number, d: number, seed: number): Float32Array {
  const g = gaussian(n * d, seed);
  if (kind === 'gaussian') return Float32Array.from(g);
  if (kind === 'offset') return Float32Array.from(g, (v, k) => 0.01 * v + 3 + (k % d));
  const u = gaussian(d, seed + 1);
  const a = gaussian(n, seed + 2);
  return Float32Array.from(g, (v, k) => a[Math.floor(k / d)]! * u[k % d]! + 1e-3 * v);
}

for (const backend of BACKENDS) {
  describe(`collapse metrics on the device, ${backend} backend`, () => {
    let previous = '';
    beforeAll(async () => {
      previous = tf.getBackend();
      expect(await tf.setBackend(backend)).toBe(true);
      await tf.ready();
    });
    afterAll(async () => {
      await tf.setBackend(previous || 'cpu');
    });

    it('reproduces the fixture to float32 accuracy', async () => {
      for (const c of loadMetricsFixture()) {
        const m = await onDevice(c.z, c.n, c.d, c.y);
        expect(m).not.toBeNull();
        const top = c.covEigenvaluesDesc[0]!;
        c.covEigenvaluesDesc.forEach((e, i) => expectClose(m!.spectrum[i]!, e, 0, 1e-5 * top, `eigenvalue ${i}`));
        // The fixture's spectrum spans 2e7 (5 eigenvalues near 1e-6), at the edge of float32:
        // RankMe to the float32 agreement of docs/methods.md §8 (1e-3).
        expectClose(m!.scalars.rankme!, c.rankme, 1e-3, 0, 'rankme');
        expectClose(m!.scalars.stdL2!, c.stdOfL2Normalized, 1e-4, 0, 'stdL2');
        expectClose(m!.scalars.stdRef!, 1 / Math.sqrt(c.d), 1e-15, 0, 'stdRef');
        expectClose(m!.scalars.alignment!, c.alignment, 1e-4, 1e-6, 'alignment');
        expectClose(m!.scalars.uniformity!, c.uniformity, 1e-4, 0, 'uniformity');
      }
    });

    for (const kind of Object.keys(EMBEDDINGS) as (keyof typeof EMBEDDINGS)[]) {
      for (const [n, d] of [[64, 16], [256, 32], [64, 64], [24, 40]] as const) {
        it(`equals the host (CPU reference) path on ${kind} embeddings, N ${n}, D ${d}`, async () => {
          const z1 = embeddings(kind, n, d, n + d);
          const z2 = Float32Array.from(z1, (v, k) => v + 0.05 * Math.sin(k));
          const device = await onDevice(z1, n, d, z2);
          const host = computeCollapseMetrics({ z: z1, n, d, z2 });
          expectSameMetrics(device!, host, `${kind} ${n}x${d}`, EMBEDDINGS[kind]);
        });
      }
    }

    it('omits alignment without a second view, as the host path does', async () => {
      const z = embeddings('gaussian', 32, 8, 3);
      const device = await onDevice(z, 32, 8);
      expectSameMetrics(device!, computeCollapseMetrics({ z, n: 32, d: 8 }), 'one view');
      expect(device!.scalars.alignment).toBeUndefined();
    });

    it('gives no metrics for non-finite embeddings', async () => {
      const z = embeddings('gaussian', 16, 4, 5);
      const bad = Float32Array.from(z);
      bad[7] = Number.NaN;
      expect(await onDevice(bad, 16, 4, z)).toBeNull();
      expect(await onDevice(z, 16, 4, Float32Array.from(z, (v, k) => (k === 3 ? Infinity : v)))).toBeNull();
    });

    it('packs 2 D + 4 values and leaks no tensors', async () => {
      const z = tf.tensor2d(embeddings('gaussian', 12, 20, 9), [12, 20]);
      const before = tf.memory().numTensors;
      const packed = collapseMetricsOnDevice(z, z);
      expect(packed.shape).toEqual([2 * 20 + 4]);
      expect(deviceCollapseLayout(12, 20)).toMatchObject({ length: 44, gramSize: 12 });
      await packed.data();
      packed.dispose();
      expect(tf.memory().numTensors).toBe(before);
      z.dispose();
    });

    it('rejects fewer than two rows and mismatched views', () => {
      expect(() => collapseMetricsOnDevice(tf.zeros([1, 4]) as tf.Tensor2D)).toThrow(/at least 2/);
      expect(() => collapseMetricsOnDevice(tf.zeros([4, 4]) as tf.Tensor2D, tf.zeros([4, 3]) as tf.Tensor2D)).toThrow(/4x4/);
    });
  });
}

describe('collapseMetricsFromDevice', () => {
  it('reads the layout: clamps eigenvalues, RankMe from the Gram eigenvalues, kNN on the host', () => {
    const layout = deviceCollapseLayout(3, 2);
    // Spectrum [4, -1e-9]; eigenvalues of z^T z / 3 [16/3, 3] (singular values 4 and 3); std, alignment, uniformity, finite.
    const values = Float32Array.from([4, -1e-9, 16 / 3, 3, 0.25, 0.5, -1.5, 1]);
    const m = collapseMetricsFromDevice(values, layout, true, {
      bank: [1, 0, 0, 1],
      bankLabels: [0, 1],
      queries: [2, 0.1],
      queryLabels: [0],
      classes: 2,
    })!;
    expect(m.spectrum).toEqual([4, 0]);
    const p = [4 / 7 + 1e-7, 3 / 7 + 1e-7];
    expect(m.scalars.rankme).toBeCloseTo(Math.exp(-p[0]! * Math.log(p[0]!) - p[1]! * Math.log(p[1]!)), 6);
    expect(m.scalars).toMatchObject({ stdL2: 0.25, stdRef: 1 / Math.sqrt(2), alignment: 0.5, uniformity: -1.5, knnAccuracy: 1 });
    expect(Object.keys(m.scalars)).toEqual(['rankme', 'stdL2', 'stdRef', 'alignment', 'uniformity', 'knnAccuracy']);
    values[7] = 0;
    expect(collapseMetricsFromDevice(values, layout, true)).toBeNull();
    expect(() => collapseMetricsFromDevice(values.subarray(1), layout, true)).toThrow(/8 packed/);
  });
});
