/**
 * The parity fixture of the exported PyTorch project (python/tests/test_parity.py): for a
 * tiny run per objective and method, the browser engine's own Trainer (tfjs CPU backend)
 * takes its first steps, and this records what the Python side needs to take the same
 * steps and what it must arrive at:
 *
 * - the config (as exported), the dataset (a 32-image slice), the weights before the first
 *   step (with ρSIM's heads, which the trainer creates inside its first step);
 * - the random draws: the step generator's permutations (ρSIM's token ids, the mixing
 *   partners) to cross-check the Python port of the app's generator, and the values of
 *   the tfjs-seeded draws (masking + mixing's Gamma draws and noise fill) by seed, which
 *   the Python side replays;
 * - per step the losses, the first step's embeddings z1 and masked views, and the weights
 *   after the last step.
 *
 * Generated during the test run (never committed: it follows the engine as it is).
 */
import * as tf from '@tensorflow/tfjs';
import { DEFAULT_CONFIG, validateConfig, type RunConfig } from '../../src/config';
import type { LoadedDataset } from '../../src/data/dataset';
import { buildCatalog } from '../../src/engine';
import { exportedConfig, type ExportedConfig } from '../../src/export/exportedRun';
import { simTerm } from '../../src/objectives/sim';
import { Trainer } from '../../src/trainer';
import { Rng } from '../../src/util/rng';
import { loadDatasetInNode, trainerWeights } from '../../scripts/export/nodeExport';

/** One parity run: config changes over a small MLP run, the dataset slice and how many steps. */
export interface ParityCase {
  name: string;
  patch: Partial<RunConfig>;
  steps: number;
}

const SMALL: Partial<RunConfig> = { dataset: 'shapes16', model: 'mlp', width: 8, depth: 2, embedDim: 16, batchSize: 16, optimizer: 'sgd', lr: 0.05, backend: 'cpu', norm: 'batch', headNorm: 'batch', seed: 7 };
const SUPERVISED: Partial<RunConfig> = { task: 'supervised', objective: 'ce' };

/** Every objective and method, each in a run of its own (stateful ones for two steps, so their state is used). */
export const PARITY_CASES: ParityCase[] = [
  { name: 'naive', patch: { objective: 'naive' }, steps: 1 },
  { name: 'naive-adam', patch: { objective: 'naive', optimizer: 'adam', lr: 0.01 }, steps: 2 },
  { name: 'simsiam', patch: { objective: 'simsiam' }, steps: 1 },
  { name: 'byol', patch: { objective: 'byol', params: { byol: { momentum: 0.9 } } }, steps: 2 },
  { name: 'vicreg', patch: { objective: 'vicreg' }, steps: 1 },
  { name: 'barlow', patch: { objective: 'barlow' }, steps: 1 },
  { name: 'simclr-layernorm', patch: { objective: 'simclr', norm: 'layer', headNorm: 'none' }, steps: 1 },
  { name: 'ce', patch: { ...SUPERVISED }, steps: 1 },
  { name: 'triplet', patch: { task: 'supervised', objective: 'triplet' }, steps: 1 },
  { name: 'supcon', patch: { task: 'supervised', objective: 'supcon' }, steps: 1 },
  { name: 'sim', patch: { objective: 'naive', methods: ['sim'], params: { sim: { ratio: 0.5, beta: 0.5 } } }, steps: 2 },
  { name: 'imsvd', patch: { objective: 'naive', methods: ['imsvd'], params: { imsvd: { binSize: 4 } } }, steps: 1 },
  { name: 'corinfomax', patch: { objective: 'corinfomax', params: { corinfomax: { alpha: 50 } } }, steps: 2 },
  { name: 'cir-features', patch: { ...SUPERVISED, methods: ['cir'], params: { cir: { p: 0.8, alpha_max: 0.9, negative: 'random' } } }, steps: 3 },
  { name: 'cir-logits-triplet', patch: { task: 'supervised', objective: 'triplet', methods: ['cir', 'sim'], params: { cir: { attach: 'logits', negative: 'nearest', p: 0.8 } } }, steps: 3 },
  { name: 'maskmix', patch: { objective: 'simsiam', methods: ['maskmix'], params: { maskmix: { maskedView: 'both', fill: 'noise', mixing: 'symmetric', alpha: 0.7 } } }, steps: 1 },
  { name: 'maskmix-byol-mse', patch: { objective: 'byol', methods: ['maskmix'], params: { maskmix: { fill: 'mean', distance: 'mse', patch: 3 } } }, steps: 2 },
  { name: 'cnn-vicreg-sim', patch: { model: 'cnn', objective: 'vicreg', methods: ['sim'], lr: 0.002 }, steps: 1 },
  { name: 'points-vicreg', patch: { dataset: 'blobs', objective: 'vicreg', width: 16 }, steps: 1 },
];

/** Float32 values as base64 (little-endian), to keep the fixture small. */
function base64(values: Float32Array | Int32Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

/** The first `train` and `test` rows of a dataset, same spec and mean. */
function slice(d: LoadedDataset, train: number, test: number): LoadedDataset {
  const per = d.spec.shape.reduce((a, b) => a * b, 1);
  return { spec: d.spec, mean: d.mean, trainX: d.trainX.slice(0, train * per), trainY: d.trainY.slice(0, train), testX: d.testX.slice(0, test * per), testY: d.testY.slice(0, test) };
}

/** ρSIM's heads as the trainer creates them in its first step (same seed, same stream), by snapshot name. */
function simHeadsBefore(trainer: Trainer, config: RunConfig, classes: number): Record<string, Float32Array> {
  const state = simTerm.createState!({
    model: trainer.model,
    blocks: trainer.model.blocks,
    embedDim: trainer.model.embedDim,
    featureDim: trainer.model.featureDim,
    classes,
    seed: config.seed,
    cloneModel: () => {
      throw new Error('ρSIM does not clone the model.');
    },
  });
  const out: Record<string, Float32Array> = {};
  state.variables.forEach((v, i) => (out[`sim/${i}`] = v.dataSync() as Float32Array));
  state.dispose();
  return out;
}

/** Records, during a trainer's step, the draws of the step's generator (the one fork made in the step). */
class StepDrawRecorder {
  private stepRng: Rng | null = null;
  private capturing = false;
  readonly permutations: number[][] = [];
  readonly tfSeeds: number[] = [];
  private readonly originals = { fork: Rng.prototype.fork, tfSeed: Rng.prototype.tfSeed, permutation: Rng.prototype.permutation };

  install(): void {
    const { fork, tfSeed, permutation } = this.originals;
    const onFork = (child: Rng): void => {
      if (this.capturing && !this.stepRng) this.stepRng = child;
    };
    const isStep = (rng: Rng): boolean => rng === this.stepRng;
    const { tfSeeds, permutations } = this;
    Rng.prototype.fork = function (this: Rng) {
      const child = fork.call(this);
      onFork(child);
      return child;
    };
    Rng.prototype.tfSeed = function (this: Rng) {
      const s = tfSeed.call(this);
      if (isStep(this)) tfSeeds.push(s);
      return s;
    };
    Rng.prototype.permutation = function (this: Rng, n: number) {
      const p = permutation.call(this, n);
      if (isStep(this)) permutations.push(Array.from(p));
      return p;
    };
  }

  uninstall(): void {
    Object.assign(Rng.prototype, this.originals);
  }

  /** Runs `fn` (one trainer step) recording its step generator's draws; returns what it drew. */
  around<T>(fn: () => T): { result: T; tfSeeds: number[]; permutations: number[][] } {
    this.stepRng = null;
    this.capturing = true;
    this.tfSeeds.length = 0;
    this.permutations.length = 0;
    try {
      const result = fn();
      return { result, tfSeeds: [...this.tfSeeds], permutations: this.permutations.map((p) => [...p]) };
    } finally {
      this.capturing = false;
    }
  }
}

/** One step's record. */
export interface ParityStep {
  losses: Record<string, number>;
  permutations: number[][];
  tfSeeds: number[];
}

/** One case's record. */
export interface ParityCaseRecord {
  name: string;
  config: ExportedConfig;
  dataset: string;
  steps: ParityStep[];
  before: Record<string, string>;
  after: Record<string, string>;
  /** tfjs-seeded draws by seed (base64 float32). */
  tfDraws: Record<string, string>;
  z1: string;
  /** The first (up to) 8 images of the masked view, when masking is on. */
  masked: string | null;
}

/** The whole fixture. */
export interface ParityFixture {
  source: string;
  datasets: Record<string, { spec: LoadedDataset['spec']; mean: number[]; trainX: string; trainY: string; testX: string; testY: string }>;
  cases: ParityCaseRecord[];
}

/** The tfjs-seeded values of masking + mixing's draws in a step (noise fills first, then the two Gamma draws). */
function maskmixDraws(config: RunConfig, spec: LoadedDataset['spec'], seeds: number[]): Record<string, string> {
  if (!config.methods.includes('maskmix') || seeds.length < 2) return {};
  const knobs = exportedConfig(config, buildCatalog(), 0).params.maskmix!;
  const n = config.batchSize;
  const out: Record<string, string> = {};
  const gammaSeeds = seeds.slice(-2);
  for (const s of seeds.slice(0, -2)) out[s] = base64(tf.tidy(() => tf.randomUniform([n, ...spec.shape], 0, 1, 'float32', s).dataSync() as Float32Array));
  for (const s of gammaSeeds) out[s] = base64(tf.tidy(() => tf.randomGamma([n], knobs.alpha as number, 1, 'float32', s).dataSync() as Float32Array));
  return out;
}

function namedBase64(tensors: { name: string; data: Float32Array }[]): Record<string, string> {
  return Object.fromEntries(tensors.map((t) => [t.name, base64(t.data)]));
}

/** Runs every parity case on tfjs's CPU backend and returns the fixture. */
export async function parityFixture(cases: readonly ParityCase[] = PARITY_CASES): Promise<ParityFixture> {
  await tf.setBackend('cpu');
  const catalog = buildCatalog();
  const datasets: Record<string, LoadedDataset> = {};
  const recorder = new StepDrawRecorder();
  recorder.install();
  const records: ParityCaseRecord[] = [];
  try {
    for (const c of cases) {
      const checked = validateConfig({ ...DEFAULT_CONFIG, ...SMALL, ...c.patch }, catalog);
      if (!checked.ok) throw new Error(`${c.name}: ${checked.errors.join(' ')}`);
      const config = checked.config;
      datasets[config.dataset] ??= slice(await loadDatasetInNode(config.dataset, 1), 32, 16);
      const data = datasets[config.dataset]!;
      const trainer = new Trainer(config, data);
      try {
        const before = namedBase64((await trainerWeights(trainer)).tensors);
        if (config.methods.includes('sim')) for (const [k, v] of Object.entries(simHeadsBefore(trainer, config, data.spec.classes.length))) before[k] = base64(v);
        const steps: ParityStep[] = [];
        let tfDraws: Record<string, string> = {};
        let z1 = '';
        let masked: string | null = null;
        for (let i = 0; i < c.steps; i++) {
          const { result: rec, tfSeeds, permutations } = recorder.around(() => trainer.trainStep(true));
          if (!rec) throw new Error('A recorded step returned nothing.');
          const losses = Object.fromEntries(Object.entries(rec.losses).map(([k, v]) => [k, v.dataSync()[0]!]));
          if (i === 0) {
            z1 = base64(rec.z1.dataSync() as Float32Array);
            const images = rec.diagnostics.maskmix?.images;
            masked = images ? base64(images.value.dataSync() as Float32Array) : null;
          }
          tfDraws = { ...tfDraws, ...maskmixDraws(config, data.spec, tfSeeds) };
          steps.push({ losses, permutations, tfSeeds });
          rec.z1.dispose();
          rec.z2.dispose();
          Object.values(rec.losses).forEach((t) => t.dispose());
          Object.values(rec.diagnostics).forEach((d) => Object.values(d).forEach((x) => x.value.dispose()));
          rec.skippedSteps.dispose();
        }
        const after = namedBase64((await trainerWeights(trainer)).tensors);
        records.push({ name: c.name, config: exportedConfig(config, catalog, 0), dataset: config.dataset, steps, before, after, tfDraws, z1, masked });
      } finally {
        trainer.dispose();
      }
    }
  } finally {
    recorder.uninstall();
  }
  const encoded = Object.fromEntries(
    Object.entries(datasets).map(([id, d]) => [id, { spec: d.spec, mean: d.mean, trainX: base64(d.trainX), trainY: base64(d.trainY), testX: base64(d.testX), testY: base64(d.testY) }]),
  );
  return { source: 'test/support/exportParity.ts: the app Trainer on the tfjs CPU backend', datasets: encoded, cases: records };
}
