/**
 * Property: any config `validateConfig` accepts trains on the CPU backend, and any it does not
 * is refused with sentences. Configs are small (the MLP, width 4 to 8, 1 or 2 blocks, embedding
 * D 2 to 8, batch 8 to 32) on any built-in dataset (generated shapes and 2-D points, MNIST and
 * Fashion read from public/data/*.u8), with any task, any objective (or stand-alone method) and
 * any subset of methods, each term's knobs drawn from its own specs (edges included), any
 * optimiser, learning rate and normalisation; about one in four also gets one value that is
 * off (out of range, not whole, unknown id, unknown knob). For each:
 * - refused: every error is a non-empty sentence of at most SENTENCE_MAX characters;
 * - accepted: the dataset loads and a Trainer trains two steps the way the engine runs them
 *   (a plain step, then a metrics step with an evaluation, read by readMetrics) without
 *   throwing; every enabled term reports a loss and the total is a number; a total that is not
 *   finite is the trainer's to report (the update skipped and counted, what went non-finite
 *   named by `health()`), and the weights stay finite either way; after `dispose()` the number
 *   of tensors is back where the case began.
 * The Trainer is driven directly rather than through Engine (which validates, loads and builds
 * it the same way) because the engine has no dispose, so its tensors could not be counted.
 * Fixed seed; CONFIG_RUNS generated cases after one example that goes non-finite at step 2
 * (about 10 to 20 s on two cores).
 */
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { canBeObjective, termUnavailableReason, type TermSpec } from '../../src/catalog';
import { DEFAULT_CONFIG, RUN_PARAMS, validateConfig, type RunConfig, type Task } from '../../src/config';
import type { LoadedDataset } from '../../src/data/dataset';
import { datasetSource } from '../../src/data/registry';
import { buildCatalog, divergenceSentence } from '../../src/engine';
import { readMetrics } from '../../src/metricsReader';
import type { ParamSpec, ParamValue, ParamValues } from '../../src/params';
import { Trainer } from '../../src/trainer';
import { SENTENCE_MAX } from '../../src/userText';

/** The number of generated configs. */
const CONFIG_RUNS = 50;
const SEED = 20_260_711;
/** Run seeds drawn from (few, so each dataset is generated or split a few times only). */
const RUN_SEEDS = [1, 7, 2 ** 31 - 1] as const;

const catalog = buildCatalog();
const fetchBytes = async (path: string) => new Uint8Array(await readFile(join(import.meta.dirname, '..', '..', 'public', path)));

/** Loaded datasets by id and seed: loading is deterministic, and the trainer only reads them. */
const loaded = new Map<string, Promise<LoadedDataset>>();
function load(id: string, seed: number): Promise<LoadedDataset> {
  const key = `${id}:${seed}`;
  let d = loaded.get(key);
  if (!d) {
    d = datasetSource(id).load(seed, fetchBytes);
    loaded.set(key, d);
  }
  return d;
}

/** Values from `min` to `max` (both > 0) spread evenly in their logarithm, on a grid of 1,001 points. */
function logUniform(min: number, max: number): fc.Arbitrary<number> {
  return fc.integer({ min: 0, max: 1000 }).map((k) => (k === 0 ? min : k === 1000 ? max : Math.min(max, Math.max(min, min * (max / min) ** (k / 1000)))));
}

/** A value its spec accepts: anywhere in a number's range (log-uniform on log knobs, edges often), a boolean, an option. */
function knobValue(spec: ParamSpec): fc.Arbitrary<ParamValue> {
  switch (spec.kind) {
    case 'boolean':
      return fc.boolean();
    case 'choice':
      return fc.constantFrom(...spec.options.map((o) => o.value));
    case 'number': {
      if (spec.integer) return fc.integer({ min: spec.min, max: spec.max });
      const edges = fc.constantFrom(spec.min, spec.max, spec.default);
      const inside = spec.log && spec.min > 0 ? logUniform(spec.min, spec.max) : fc.double({ min: spec.min, max: spec.max, noNaN: true });
      return fc.oneof({ weight: 1, arbitrary: edges }, { weight: 3, arbitrary: inside });
    }
  }
}

/** Some of a term's knobs, each with a value its spec accepts. */
function termKnobs(term: TermSpec): fc.Arbitrary<ParamValues> {
  const entries = Object.entries(term.params);
  if (entries.length === 0) return fc.constant({});
  return fc.record(Object.fromEntries(entries.map(([name, spec]) => [name, knobValue(spec)])), { requiredKeys: [] }) as fc.Arbitrary<ParamValues>;
}

const objectives = catalog.terms.filter(canBeObjective);
const methods = catalog.terms.filter((t) => t.role === 'method');
const mlp = catalog.models.find((m) => m.id === 'mlp')!;

/** The terms usable in a run of this task on this dataset with the MLP (what the UI offers). */
function usable(terms: readonly TermSpec[], task: Task, datasetId: string): TermSpec[] {
  const dataset = catalog.datasets.find((d) => d.id === datasetId);
  return terms.filter((t) => termUnavailableReason(t, task, dataset, mlp) === null);
}

/**
 * A small config: the objective and methods mostly among those the UI offers for its task and
 * dataset, else drawn from all terms (most of which the validator then refuses).
 */
const plausibleConfig: fc.Arbitrary<RunConfig> = fc
  .record({
    seed: fc.constantFrom(...RUN_SEEDS),
    dataset: fc.constantFrom(...catalog.datasets.map((d) => d.id)),
    width: fc.integer({ min: 4, max: 8 }),
    depth: fc.integer({ min: 1, max: 2 }),
    embedDim: fc.integer({ min: 2, max: 8 }),
    norm: fc.constantFrom('batch', 'layer', 'none'),
    headNorm: fc.constantFrom('batch', 'layer', 'none'),
    task: fc.constantFrom<Task>('ssl', 'supervised'),
    optimizer: fc.constantFrom('adam', 'sgd'),
    lr: logUniform(RUN_PARAMS.lr.min, RUN_PARAMS.lr.max),
    batchSize: fc.integer({ min: 8, max: 32 }),
    offered: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  })
  .chain(({ offered, ...c }) => {
    const pool = (terms: TermSpec[]) => (offered ? usable(terms, c.task, c.dataset) : terms);
    return fc.record({ objective: fc.constantFrom(...pool(objectives)), methods: fc.subarray(pool(methods), { maxLength: Math.min(3, pool(methods).length) }) }).chain(({ objective, methods: on }) => {
      const terms = [objective, ...on.filter((t) => t.id !== objective.id)];
      return fc.tuple(...terms.map(termKnobs)).map(
        (knobs): RunConfig => ({
          ...DEFAULT_CONFIG,
          ...c,
          model: mlp.id,
          backend: 'cpu',
          objective: objective.id,
          methods: terms.slice(1).map((t) => t.id),
          params: Object.fromEntries(terms.map((t, i) => [t.id, knobs[i]!] as const).filter(([, v]) => Object.keys(v).length > 0)),
        }),
      );
    });
  });

/** Every term knob with a value its spec refuses: past each end of a number's range, a choice or boolean that is no option. */
const outOfRangeKnobs: [string, string, ParamValue][] = catalog.terms.flatMap((t) =>
  Object.entries(t.params).flatMap(([name, spec]): [string, string, ParamValue][] =>
    spec.kind === 'number' ? [[t.id, name, spec.max + 1], [t.id, name, spec.min - 1]] : [[t.id, name, 'neither']],
  ),
);

/** One value that is off: a run knob out of range or not whole, an unknown id, a knob out of its range or unknown. */
const offChange: fc.Arbitrary<(c: RunConfig) => RunConfig> = fc.oneof(
  fc.constantFrom<(c: RunConfig) => RunConfig>(
    (c) => ({ ...c, width: 2 }),
    (c) => ({ ...c, batchSize: 4 }),
    (c) => ({ ...c, batchSize: 12.5 }),
    (c) => ({ ...c, embedDim: 1 }),
    (c) => ({ ...c, depth: 0 }),
    (c) => ({ ...c, lr: 0 }),
    (c) => ({ ...c, lr: Number.NaN }),
    (c) => ({ ...c, seed: -1 }),
    (c) => ({ ...c, dataset: 'mnist-but-not' }),
    (c) => ({ ...c, model: 'transformer' }),
    (c) => ({ ...c, methods: [...c.methods, 'no-such-method'] }),
    (c) => ({ ...c, methods: [...c.methods, c.objective] }),
    (c) => ({ ...c, params: { ...c.params, 'no-such-term': { x: 1 } } }),
    (c) => ({ ...c, params: { ...c.params, [c.objective]: { ...c.params[c.objective], 'no-such-knob': 1 } } }),
  ),
  fc.constantFrom(...outOfRangeKnobs).map(
    ([id, name, value]) =>
      (c: RunConfig): RunConfig => ({ ...c, params: { ...c.params, [id]: { ...c.params[id], [name]: value } } }),
  ),
);

const config: fc.Arbitrary<RunConfig> = fc.tuple(plausibleConfig, fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: offChange })).map(([c, off]) => (off ? off(c) : c));

/** A run whose loss is NaN at its second step (VICReg at the largest weights, SGD at rate 1, no normalisation): the non-finite path, every time. */
const DIVERGES_AT_STEP_2: RunConfig = {
  ...DEFAULT_CONFIG,
  seed: 1,
  dataset: 'blobs',
  model: 'mlp',
  width: 8,
  depth: 2,
  embedDim: 8,
  norm: 'none',
  headNorm: 'none',
  objective: 'vicreg',
  params: { vicreg: { invWeight: 100, varWeight: 100, covWeight: 100 } },
  optimizer: 'sgd',
  lr: 1,
  batchSize: 32,
  backend: 'cpu',
};

/** Every error is a bounded sentence. */
function expectSentences(errors: readonly string[]): void {
  expect(errors.length).toBeGreaterThan(0);
  for (const e of errors) {
    expect(typeof e).toBe('string');
    expect(e.trim().length).toBeGreaterThan(0);
    expect(e.length).toBeLessThanOrEqual(SENTENCE_MAX);
  }
}

/** What one accepted config's two steps showed. */
interface Trained {
  losses: Record<string, number>;
  skipped: number;
  nonFinite: string[];
  weightsFinite: boolean;
}

/** Builds the run, takes a plain step and a metrics step with an evaluation, reads them as the engine does, and disposes it. */
async function trainTwoSteps(valid: RunConfig): Promise<Trained> {
  const trainer = new Trainer(valid, await load(valid.dataset, valid.seed));
  try {
    expect(trainer.trainStep(false)).toBeNull();
    const rec = trainer.trainStep(true)!;
    const { report, skipped } = await readMetrics(rec, trainer.evaluate(), valid.task);
    const { nonFinite } = await trainer.health();
    const snap = await trainer.snapshot();
    const weightsFinite = [...snap.values.values()].every((v) => v.every(Number.isFinite));
    return { losses: report.losses as Record<string, number>, skipped, nonFinite, weightsFinite };
  } finally {
    trainer.dispose();
  }
}

beforeAll(async () => {
  expect(await tf.setBackend('cpu')).toBe(true);
  await tf.ready();
});

describe('any small config (property)', () => {
  it(`is refused with sentences, or trains two steps on the CPU without throwing or leaking (${CONFIG_RUNS} configs)`, async () => {
    let accepted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(config, async (candidate) => {
        const result = validateConfig(candidate, catalog);
        if (!result.ok) {
          refused++;
          expectSentences(result.errors);
          return;
        }
        accepted++;
        const valid = result.config;
        const before = tf.memory().numTensors;
        const trained = await trainTwoSteps(valid);
        expect(tf.memory().numTensors).toBe(before);

        for (const id of [valid.objective, ...valid.methods]) expect(typeof trained.losses[id]).toBe('number');
        const total = trained.losses.total;
        expect(typeof total).toBe('number');
        if (!Number.isFinite(total)) {
          // The trainer's own way: the update was skipped and counted, and the health read says what went non-finite.
          expect(trained.skipped).toBeGreaterThan(0);
          expect(trained.nonFinite.length).toBeGreaterThan(0);
          expect(divergenceSentence(trained.nonFinite, 2, catalog).length).toBeLessThanOrEqual(SENTENCE_MAX);
        }
        expect(trained.weightsFinite).toBe(true);
      }),
      { seed: SEED, numRuns: CONFIG_RUNS, examples: [[DIVERGES_AT_STEP_2]] },
    );
    // The generator reaches both sides (these hold for the fixed seed; a generator change that loses one fails here).
    expect(accepted).toBeGreaterThanOrEqual(CONFIG_RUNS / 3);
    expect(refused).toBeGreaterThanOrEqual(5);
  }, 180_000);
});
