/**
 * The CNN trains on WASM, where tfjs lacks the convolution filter gradient and
 * src/kernels/conv2dBackpropFilter provides it: a baseline, and the same with ρSIM on the
 * CNN's blocks, with batch norm and without, give finite, falling losses and leak no
 * tensors; and every objective and seed method that can run on the CNN takes a step there.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { canBeObjective, termUnavailableReason } from '../catalog';
import { DEFAULT_CONFIG, type RunConfig } from '../config';
import type { LoadedDataset } from '../data/dataset';
import { datasetSource } from '../data/registry';
import { buildCatalog } from '../engine';
import { registerWasmKernels } from '../kernels/registerWasm';
import { disposeRecorded, Trainer } from '../trainer';

/** A small CNN on the 16 px shapes. */
const SMALL_CNN: RunConfig = { ...DEFAULT_CONFIG, dataset: 'shapes16', model: 'cnn', width: 8, depth: 1, embedDim: 8, batchSize: 32, seed: 1, backend: 'wasm' };

let shapes: LoadedDataset;

beforeAll(async () => {
  registerWasmKernels();
  expect(await tf.setBackend('wasm')).toBe(true);
  await tf.ready();
  shapes = await datasetSource('shapes16').load(1, async () => new Uint8Array());
});

/** Trains `steps` steps of `config`; returns each step's losses (total and per term) and the tensor counts after the unrecorded steps. */
async function train(config: RunConfig, steps: number): Promise<{ losses: Record<string, number>[]; tensors: number[] }> {
  const trainer = new Trainer(config, shapes);
  const losses: Record<string, number>[] = [];
  const tensors: number[] = [];
  try {
    for (let s = 0; s < steps; s++) {
      const rec = trainer.trainStep(s % 2 === 0);
      if (!rec) {
        tensors.push(tf.memory().numTensors);
        continue;
      }
      const names = Object.keys(rec.losses);
      const values = await Promise.all(names.map(async (n) => (await rec.losses[n]!.data())[0]!));
      losses.push(Object.fromEntries(names.map((n, i) => [n, values[i]!])));
      disposeRecorded(rec);
    }
  } finally {
    trainer.dispose();
  }
  return { losses, tensors };
}

/** Mean of the first and of the last `k` values. */
function ends(values: number[], k: number): { first: number; last: number } {
  const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
  return { first: mean(values.slice(0, k)), last: mean(values.slice(-k)) };
}

describe('the CNN on WASM', () => {
  for (const norm of ['batch', 'none'] as const) {
    const normText = norm === 'batch' ? 'with batch norm' : 'without normalisation';
    it(`trains VICReg ${normText}: finite, falling loss, no leaked tensors`, async () => {
      const { losses, tensors } = await train({ ...SMALL_CNN, norm, objective: 'vicreg' }, 48);
      const total = losses.map((l) => l.total!);
      for (const v of total) expect(Number.isFinite(v)).toBe(true);
      const { first, last } = ends(total, 6);
      expect(last).toBeLessThan(0.9 * first);
      expect(new Set(tensors.slice(1)).size).toBe(1);
    });

    it(`trains VICReg with ρSIM on its blocks ${normText}: finite, falling loss and ρSIM term`, async () => {
      const { losses } = await train({ ...SMALL_CNN, norm, objective: 'vicreg', methods: ['sim'] }, 24);
      for (const l of losses) for (const [name, v] of Object.entries(l)) expect(Number.isFinite(v), name).toBe(true);
      const total = ends(losses.map((l) => l.total!), 3);
      const sim = ends(losses.map((l) => l.sim!), 3);
      expect(total.last).toBeLessThan(0.95 * total.first);
      expect(sim.last).toBeLessThan(0.9 * sim.first);
    });
  }

  it('takes a finite step with every objective, and with every seed method, that can run on the CNN', async () => {
    const catalog = buildCatalog();
    const dataset = catalog.datasets.find((d) => d.id === SMALL_CNN.dataset);
    const model = catalog.models.find((m) => m.id === 'cnn');
    const usable = (id: string, task: RunConfig['task']): boolean => termUnavailableReason(catalog.terms.find((t) => t.id === id)!, task, dataset, model) === null;
    const runs: Partial<RunConfig>[] = [];
    for (const task of ['ssl', 'supervised'] as const) {
      const objectives = catalog.terms.filter((t) => canBeObjective(t) && usable(t.id, task)).map((t) => t.id);
      for (const objective of objectives) runs.push({ task, objective, methods: [] });
      const base = task === 'ssl' ? DEFAULT_CONFIG.objective : 'ce';
      for (const method of catalog.terms.filter((t) => t.role === 'method' && t.id !== base && usable(t.id, task))) runs.push({ task, objective: base, methods: [method.id] });
    }
    const ran = runs.map((r) => `${r.objective}${r.methods!.map((m) => `+${m}`).join('')}`);
    expect(ran).toEqual(expect.arrayContaining(['naive', 'vicreg', 'corinfomax', 'ce', 'vicreg+sim', 'vicreg+corinfomax', 'vicreg+maskmix', 'ce+sim', 'ce+cir']));
    for (const [i, run] of runs.entries()) {
      const { losses } = await train({ ...SMALL_CNN, width: 4, batchSize: 16, ...run }, 1);
      for (const [name, v] of Object.entries(losses[0]!)) expect(Number.isFinite(v), `${ran[i]}: ${name}`).toBe(true);
    }
  });
});
