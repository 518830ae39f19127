/**
 * The same seed must give the same views on every backend: compare the plain-JS CPU
 * backend with the WASM backend (the only other one that runs in Node).
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { maxAbsDiff } from '../../test/support/differences';
import { Rng } from '../util/rng';
import { makeTwoViews } from './augment';

async function viewsOn(backend: string, kind: 'image' | 'points', values: Float32Array, shape: number[]): Promise<Float32Array[]> {
  expect(await tf.setBackend(backend)).toBe(true);
  await tf.ready();
  const x = tf.tensor(values, shape);
  const views = makeTwoViews(x, kind, new Rng(5));
  const out = await Promise.all(views.map((v) => v.data() as Promise<Float32Array>));
  tf.dispose([x, ...views]);
  return out;
}

describe('makeTwoViews across backends', () => {
  it('gives the same image and point views on cpu and wasm for the same seed', async () => {
    const img = new Float32Array(6 * 12 * 12 * 3).map((_, i) => ((i * 7919) % 1000) / 1000);
    const pts = new Float32Array(20).map((_, i) => Math.sin(i));
    const cpuImg = await viewsOn('cpu', 'image', img, [6, 12, 12, 3]);
    const cpuPts = await viewsOn('cpu', 'points', pts, [10, 2]);
    const wasmImg = await viewsOn('wasm', 'image', img, [6, 12, 12, 3]);
    const wasmPts = await viewsOn('wasm', 'points', pts, [10, 2]);
    cpuImg.forEach((view, k) => expect(maxAbsDiff(view, wasmImg[k]!)).toBeLessThan(1e-5));
    cpuPts.forEach((view, k) => expect(maxAbsDiff(view, wasmPts[k]!)).toBeLessThan(1e-6));
    // Not trivially equal: the views really are augmented.
    expect(maxAbsDiff(cpuImg[0]!, img)).toBeGreaterThan(0.05);
  });
});
