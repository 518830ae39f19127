/**
 * One schema for the whole run: defaults, ranges, validation. The UI, the URL codec,
 * the presets and the worker all go through `validateConfig`, so a bad value is
 * caught once, with a sentence the user can act on. Pure: no tfjs here.
 */
import { z } from './util/zod';
import type { Catalog } from './catalog';
import { canBeObjective, termUnavailableReason } from './catalog';
import { NORM_KINDS, type NormKind } from './models/normalization';
import { checkValue, resolveValues, type ChoiceParam, type ParamSpecs, type ParamValues, type ValuesOf } from './params';
import { quoted } from './userText';

/** Backends the engine can run on, in fallback order. */
export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
/** One backend id. */
export type BackendId = (typeof BACKENDS)[number];

/** What a run learns from: self-supervised (two views, no labels) or supervised (labels). */
export const TASKS = ['ssl', 'supervised'] as const;
/** One task. */
export type Task = (typeof TASKS)[number];

/** The run-level numeric knobs (model size, optimisation, metrics cadence). */
export const RUN_PARAMS = {
  seed: { kind: 'number', label: 'Seed', default: 1, min: 0, max: 2 ** 31 - 1, integer: true, step: 1, help: 'Same seed, same run: data, init, augmentations, method draws.' },
  width: { kind: 'number', label: 'Width', default: 64, min: 4, max: 128, integer: true, step: 4, help: 'Channels of the CNN / units of the MLP.' },
  depth: { kind: 'number', label: 'Blocks', default: 2, min: 1, max: 6, integer: true, step: 1, help: 'Residual blocks of two layers each (CNN convolutions, MLP dense layers).' },
  embedDim: { kind: 'number', label: 'Embedding D', default: 32, min: 2, max: 256, integer: true, step: 1, help: 'Width of the projector output whose spectrum is charted.' },
  lr: { kind: 'number', label: 'Learning rate', default: 0.002, min: 1e-5, max: 1, log: true },
  batchSize: { kind: 'number', label: 'Batch size', default: 64, min: 8, max: 512, integer: true, step: 8 },
  metricsEvery: { kind: 'number', label: 'Metrics every K steps', default: 5, min: 1, max: 1000, integer: true, step: 1 },
  stopAt: { kind: 'number', label: 'Stop at step', default: 0, min: 0, max: 1_000_000, integer: true, step: 50, help: 'Training pauses when it reaches this step (a demo\'s budget); 0 never stops.' },
} as const satisfies ParamSpecs;

/** The two normalisation knobs (structural: they rebuild the model). */
export const NORM_CHOICES = {
  norm: {
    kind: 'choice',
    label: 'Backbone normalisation',
    default: 'batch',
    options: [
      { value: 'batch', label: 'Batch norm' },
      { value: 'layer', label: 'Layer norm' },
      { value: 'none', label: 'None' },
    ],
    help: 'After every convolution / dense layer of the backbone, as in the ResNets the recipes use. Batch norm uses batch statistics while training and running ones for evaluation.',
  },
  headNorm: {
    kind: 'choice',
    label: 'Projector / predictor normalisation',
    default: 'batch',
    options: [
      { value: 'batch', label: 'Batch norm' },
      { value: 'layer', label: 'Layer norm' },
      { value: 'none', label: 'None' },
    ],
    help: "In the hidden layers of the projector and predictor. SimSiam, BYOL, VICReg and Barlow Twins use batch norm there; CorInfoMax's authors use none.",
  },
} as const satisfies Record<string, ChoiceParam>;

/** A normalisation knob's name. */
export type NormField = keyof typeof NORM_CHOICES;

/** Names of the run-level numeric knobs. */
export type RunParamName = keyof typeof RUN_PARAMS;

/** The whole configuration of a run. */
export interface RunConfig {
  seed: number;
  dataset: string;
  model: string;
  width: number;
  depth: number;
  embedDim: number;
  /** Normalisation after the backbone's convolutions / dense layers. */
  norm: NormKind;
  /** Normalisation in the projector's and predictor's hidden layers. */
  headNorm: NormKind;
  task: Task;
  /** The base objective's term id. */
  objective: string;
  /** Seed methods switched on, by term id. */
  methods: string[];
  /** Knob values per term id (objective or method); missing knobs take their defaults. */
  params: Record<string, ParamValues>;
  optimizer: 'adam' | 'sgd';
  lr: number;
  batchSize: number;
  metricsEvery: number;
  /** Training pauses at this step (0: never). */
  stopAt: number;
  /** 'auto' tries webgpu, webgl, wasm, cpu in order. */
  backend: 'auto' | BackendId;
}

/** The structure of a config, before its values are checked against the catalog. */
export const runConfigShape = z.object({
  seed: z.number(),
  dataset: z.string(),
  model: z.string(),
  width: z.number(),
  depth: z.number(),
  embedDim: z.number(),
  norm: z.enum(NORM_KINDS),
  headNorm: z.enum(NORM_KINDS),
  task: z.enum(TASKS),
  objective: z.string(),
  methods: z.array(z.string()),
  params: z.record(z.string(), z.record(z.string(), z.union([z.number(), z.boolean(), z.string()]))),
  optimizer: z.enum(['adam', 'sgd']),
  lr: z.number(),
  batchSize: z.number(),
  metricsEvery: z.number(),
  stopAt: z.number(),
  backend: z.enum(['auto', ...BACKENDS]),
});

/**
 * The app's default run: the 16 px shapes, the residual MLP with batch norm, VICReg. It shows a
 * healthy (cured) embedding on image data within seconds on a CPU (WASM) and trains fast on a GPU;
 * switching the objective to naive alignment shows collapse, and a twin compares both.
 */
export const DEFAULT_CONFIG: RunConfig = {
  seed: RUN_PARAMS.seed.default,
  dataset: 'shapes16',
  model: 'mlp',
  width: RUN_PARAMS.width.default,
  depth: RUN_PARAMS.depth.default,
  embedDim: RUN_PARAMS.embedDim.default,
  norm: NORM_CHOICES.norm.default,
  headNorm: NORM_CHOICES.headNorm.default,
  task: 'ssl',
  objective: 'vicreg',
  methods: [],
  params: {},
  optimizer: 'adam',
  lr: RUN_PARAMS.lr.default,
  batchSize: RUN_PARAMS.batchSize.default,
  metricsEvery: RUN_PARAMS.metricsEvery.default,
  stopAt: RUN_PARAMS.stopAt.default,
  backend: 'auto',
};

/** Config fields whose change rebuilds the model (and so starts a new run). */
export const STRUCTURAL_FIELDS = ['seed', 'dataset', 'model', 'width', 'depth', 'embedDim', 'norm', 'headNorm', 'backend'] as const;

/** True when going from `a` to `b` needs a rebuild rather than a live change. */
export function needsRebuild(a: RunConfig, b: RunConfig): boolean {
  return STRUCTURAL_FIELDS.some((k) => a[k] !== b[k]);
}

/** A validated config, or the list of what is wrong with it. */
export type ConfigResult = { ok: true; config: RunConfig } | { ok: false; errors: string[] };

/**
 * Checks a candidate config (from the UI, a link, a preset or a message) against the
 * run knobs and the catalog: every id must exist, every value be in range, every
 * enabled method be usable with the chosen task, dataset and model. Missing term knobs
 * are filled with defaults.
 */
export function validateConfig(candidate: unknown, catalog: Catalog): ConfigResult {
  const parsed = runConfigShape.safeParse(candidate);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`) };
  }
  const c = parsed.data;
  const errors: string[] = [];
  for (const name of Object.keys(RUN_PARAMS) as RunParamName[]) {
    const err = checkValue(name, RUN_PARAMS[name], c[name]);
    if (err) errors.push(err);
  }
  const dataset = catalog.datasets.find((d) => d.id === c.dataset);
  if (!dataset) errors.push(`Unknown dataset ${quoted(c.dataset)}. Known: ${catalog.datasets.map((d) => d.id).join(', ')}.`);
  const model = catalog.models.find((m) => m.id === c.model);
  if (!model) errors.push(`Unknown model ${quoted(c.model)}. Known: ${catalog.models.map((m) => m.id).join(', ')}.`);
  if (dataset && model && !model.accepts.includes(dataset.kind)) {
    errors.push(`The ${model.label} cannot take ${dataset.label} (${dataset.kind} data).`);
  }
  if (dataset && c.task === 'supervised' && dataset.classes.length < 2) {
    errors.push(`${dataset.label} has no labels (one class), so it trains self-supervised only: switch the task to self-supervised.`);
  }
  const objective = catalog.terms.find((t) => t.id === c.objective && canBeObjective(t));
  if (!objective) errors.push(`Unknown objective ${quoted(c.objective)}.`);
  else {
    const why = termUnavailableReason(objective, c.task, dataset, model);
    if (why) errors.push(why);
  }
  const methods = [...new Set(c.methods)];
  for (const id of methods) {
    const term = catalog.terms.find((t) => t.id === id && t.role === 'method');
    if (!term) {
      errors.push(`Unknown method ${quoted(id)}.`);
      continue;
    }
    if (id === c.objective) {
      errors.push(`${term.label} is already the objective; it cannot be added to itself.`);
      continue;
    }
    const why = termUnavailableReason(term, c.task, dataset, model);
    if (why) errors.push(why);
  }
  const params: Record<string, ParamValues> = {};
  for (const [id, values] of Object.entries(c.params)) {
    const term = catalog.terms.find((t) => t.id === id);
    if (!term) {
      errors.push(`Settings given for unknown term ${quoted(id)}.`);
      continue;
    }
    const r = resolveValues(term.params, values, term.label);
    errors.push(...r.errors);
    params[id] = r.values;
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, config: { ...c, methods, params } as RunConfig };
}

/** The knob values of one term in a config, defaults filled in. */
export function termParams<P extends ParamSpecs>(config: RunConfig, spec: { id: string; params: P }): ValuesOf<P> {
  return resolveValues(spec.params, config.params[spec.id], spec.id).values;
}
