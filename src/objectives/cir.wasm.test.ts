/**
 * CIR must train on every backend with each objective it perturbs (cross-entropy,
 * triplet, SupCon) and each negative rule: whole supervised training steps on WASM (the
 * only other backend in Node), with finite losses and no leaked tensors.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../config';
import { DATASETS } from '../data/registry';
import { resolveValues } from '../params';
import { Trainer } from '../trainer';
import { cirTerm } from './cir';

/** A small supervised run with CIR on WASM (its knobs checked: the trainer would quietly default bad ones). */
async function cirRun(objective: string, cir: { p: number; negative: string; attach?: string }): Promise<Trainer> {
  expect(await tf.setBackend('wasm')).toBe(true);
  expect(resolveValues(cirTerm.spec.params, cir, 'cir').errors).toEqual([]);
  const config: RunConfig = { ...DEFAULT_CONFIG, dataset: 'blobs', model: 'mlp', width: 16, depth: 1, embedDim: 8, batchSize: 32, task: 'supervised', objective, methods: ['cir'], params: { cir }, backend: 'wasm' };
  const dataset = await DATASETS.blobs!.load(config.seed, async () => new Uint8Array());
  return new Trainer(config, dataset);
}

/** Frees what a recorded step kept. */
function disposeRecord(rec: NonNullable<ReturnType<Trainer['trainStep']>>): void {
  tf.dispose([...Object.values(rec.losses), rec.z1, rec.z2, rec.skippedSteps, ...Object.values(rec.diagnostics).flatMap((d) => Object.values(d).map((x) => x.value))]);
}

/** The objective's loss at the first two steps (the second is the first with class means to move towards). */
async function firstTwoLosses(objective: string, p: number, attach = 'features'): Promise<number[]> {
  const trainer = await cirRun(objective, { p, negative: 'mean', attach });
  const losses: number[] = [];
  for (let step = 0; step < 2; step++) {
    const rec = trainer.trainStep(true)!;
    losses.push((await rec.losses[objective]!.data())[0]!);
    disposeRecord(rec);
  }
  trainer.dispose();
  return losses;
}

/** Four steps (the class means are seen from the second on): finite losses, no skipped step, no leak. */
async function trainsOnWasm(objective: string, negative: string): Promise<void> {
  const trainer = await cirRun(objective, { p: 1, negative });
  trainer.trainStep(false);
  trainer.trainStep(false);
  const before = tf.memory().numTensors;
  trainer.trainStep(false);
  expect(tf.memory().numTensors).toBe(before);
  const rec = trainer.trainStep(true)!;
  const objectiveLoss = (await rec.losses[objective]!.data())[0]!;
  const margin = (await rec.diagnostics.cir!.margin!.value.data())[0]!;
  expect(Number.isFinite(objectiveLoss)).toBe(true);
  expect(Number.isFinite(margin)).toBe(true);
  expect((await rec.skippedSteps.data())[0]).toBe(0);
  disposeRecord(rec);
  trainer.dispose();
}

describe('CIR on wasm', () => {
  for (const objective of ['ce', 'triplet', 'supcon']) {
    it(`perturbs what ${objective} reads: same run and draws, p = 1 and p = 0 differ once class means exist`, async () => {
      const moved = await firstTwoLosses(objective, 1);
      const still = await firstTwoLosses(objective, 0);
      // No class mean is seen at the first step, so nothing moves yet.
      expect(moved[0]).toBe(still[0]);
      expect(Math.abs(moved[1]! - still[1]!)).toBeGreaterThan(1e-4);
    });
    it(`attached to the logits, ${objective === 'ce' ? 'perturbs' : 'leaves alone'} what ${objective} reads`, async () => {
      const moved = await firstTwoLosses(objective, 1, 'logits');
      const still = await firstTwoLosses(objective, 0, 'logits');
      expect(moved[0]).toBe(still[0]);
      if (objective === 'ce') expect(Math.abs(moved[1]! - still[1]!)).toBeGreaterThan(1e-4);
      else expect(moved[1]).toBe(still[1]);
    });
    for (const negative of ['mean', 'random', 'nearest']) {
      it(`trains with ${objective} and the ${negative} negative rule`, async () => {
        await trainsOnWasm(objective, negative);
      });
    }
  }
});
