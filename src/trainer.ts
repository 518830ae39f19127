/**
 * One training run: the model, the optimiser, the state of every method, the data
 * on the backend. `step()` does batch -> two views -> model -> enabled loss terms ->
 * guarded optimiser update, with no GPU read-back; on metrics steps it also keeps the
 * tensors the metrics reader will read asynchronously.
 */
import * as tf from '@tensorflow/tfjs';
import type { RunConfig } from './config';
import { termParams } from './config';
import { augmentOptionsFor, makeTwoViews } from './data/augment';
import { EpochBatcher } from './data/batcher';
import type { LoadedDataset } from './data/dataset';
import { modelSource } from './models/registry';
import { inputGrid, inputGridExtent } from './metrics/inputGrid';
import type { Model } from './models/model';
import { crossEntropyLoss } from './objectives/crossEntropy';
import { termById, TERMS } from './objectives/registry';
import type { Diagnostic, LossTerm, StepContext, TermOutput, TermState } from './objectives/term';
import { NO_STATE } from './objectives/term';
import type { ParamSpecs, ValuesOf } from './params';
import { stopGradient } from './util/stopGradient';
import { Rng } from './util/rng';
import { disposeOptimizer, makeOptimizer, setLearningRate } from './optimizer';
import { variableFrom } from './models/layers';

/** Tensors kept from a metrics step, owned by the caller (dispose them after reading). */
export interface RecordedStep {
  step: number;
  /** Per-term weighted losses and `total`, scalars. */
  losses: Record<string, tf.Scalar>;
  /** Embeddings of the two views [N, D] used for the spectrum, RankMe, alignment. */
  z1: tf.Tensor2D;
  z2: tf.Tensor2D;
  /** Per-term diagnostics, each with its own labels. */
  diagnostics: Record<string, Record<string, Diagnostic>>;
  /** Count of steps skipped since the last restore because the loss was not finite. */
  skippedSteps: tf.Scalar;
  /** How many restores preceded this step: a report from before the latest restore is stale. */
  generation: number;
}

/** The tensors a metrics step records inside its gradient scope (the rest is added after the update). */
type RecordedTensors = Pick<RecordedStep, 'losses' | 'z1' | 'z2' | 'diagnostics'>;

/** Frees recorded tensors. */
export function disposeRecorded(rec: RecordedTensors & { skippedSteps?: tf.Scalar }): void {
  const diagnostics = Object.values(rec.diagnostics).flatMap((d) => Object.values(d).map((x) => x.value));
  tf.dispose([...Object.values(rec.losses), rec.z1, rec.z2, ...diagnostics]);
  rec.skippedSteps?.dispose();
}

/** One enabled term for one step: the term, its state and its typed knob values. */
interface ActiveTerm {
  term: LossTerm;
  state: TermState;
  params: ValuesOf<ParamSpecs>;
}

/** What one step works with, fixed before the gradient scope opens. */
interface StepPlan {
  terms: ActiveTerm[];
  /** The base objective (the first of `terms`): its prediction head is offered to methods. */
  objective: ActiveTerm;
  /** This step's random source (views, masks, token ids, permutations). */
  rng: Rng;
  /** Training-set rows of this batch. */
  rows: Int32Array;
  /** Whether block inputs and outputs are traced (a term needs the blocks). */
  traceBlocks: boolean;
  /** Whether this is a metrics step. */
  record: boolean;
}

/** What the loss closure hands back out of the gradient scope. */
interface StepLoss {
  ctx: StepContext;
  recorded: RecordedTensors | null;
  /** 1 where a term's loss was not finite this step, one entry per slot of DIVERGENCE_LABELS (terms only). */
  nonFiniteTerms: tf.Tensor1D;
}

/** What can go non-finite, by slot: every registered term (registry order), then the gradient. */
export const DIVERGENCE_LABELS: readonly string[] = [...Object.keys(TERMS), 'gradient'];

/** What the run's health read holds: the skipped-step count, then one 0/1 per DIVERGENCE_LABELS slot (1: went non-finite since the last restore). */
export interface RunHealth {
  skipped: number;
  /** The slots that went non-finite, by label (term ids, or 'gradient'). */
  nonFinite: string[];
}

/** Features of the fixed evaluation subsets (eval mode), for kNN and test accuracy (a type alias, so tf.tidy can return it). */
export type RecordedEval = {
  /** Backbone features [nb, F] and [nq, F]: where the field evaluates a representation. */
  bank: tf.Tensor2D;
  queries: tf.Tensor2D;
  /** SSL runs: the projector outputs [nb, D], [nq, D], for the projector's kNN as well. */
  projected: { bank: tf.Tensor2D; queries: tf.Tensor2D } | null;
  /** Classifier (or online linear probe) predictions for the queries. */
  predictions: tf.Tensor1D;
  bankLabels: Int32Array;
  queryLabels: Int32Array;
  classes: number;
  /**
   * 2-D point datasets: the classifier's (or online probe's) predictions over a grid of the
   * input plane, and the query inputs [x0, y0, ...] to draw on top.
   */
  inputSpace?: { predictions: tf.Tensor1D; size: number; extent: number; points: Float32Array };
};

/** Weights copied to the CPU, by name: the restore point after a NaN or a lost GPU. */
export type WeightSnapshot = { step: number; values: Map<string, Float32Array> };

const EVAL_BANK = 512;
const EVAL_QUERIES = 256;

/** A training run. Build with `new Trainer(config, dataset)`; dispose when done. */
export class Trainer {
  readonly model: Model;
  private config: RunConfig;
  private readonly dataset: LoadedDataset;
  private optimizer: tf.Optimizer;
  private readonly states = new Map<string, TermState>();
  private readonly trainX: tf.Tensor;
  private readonly trainY: tf.Tensor1D;
  private readonly bankX: tf.Tensor;
  private readonly queryX: tf.Tensor;
  private readonly bankY: Int32Array;
  private readonly queryY: Int32Array;
  private readonly batcher: EpochBatcher;
  private readonly rng: Rng;
  private readonly skipped: tf.Variable;
  /** 1 per DIVERGENCE_LABELS slot that went non-finite since the last restore. */
  private readonly nonFinite: tf.Variable;
  private stepCount = 0;
  private restores = 0;
  /** Every variable the optimiser has seen, in first-seen order (see trainStep). */
  private optimized: tf.Variable[] = [];

  constructor(config: RunConfig, dataset: LoadedDataset) {
    this.config = config;
    this.dataset = dataset;
    const spec = dataset.spec;
    const shape = [...spec.shape];
    const nTrain = dataset.trainY.length;
    const nTest = dataset.testY.length;
    this.model = this.createModel();
    this.trainX = tf.tensor(dataset.trainX, [nTrain, ...shape]);
    this.trainY = tf.tensor1d(dataset.trainY, 'int32');
    const nb = Math.min(EVAL_BANK, nTrain);
    const nq = Math.min(EVAL_QUERIES, nTest);
    const per = shape.reduce((a, b) => a * b, 1);
    this.bankX = tf.tensor(dataset.trainX.subarray(0, nb * per), [nb, ...shape]);
    this.queryX = tf.tensor(dataset.testX.subarray(0, nq * per), [nq, ...shape]);
    this.bankY = dataset.trainY.slice(0, nb);
    this.queryY = dataset.testY.slice(0, nq);
    this.rng = new Rng(config.seed * 104729 + 3);
    this.batcher = new EpochBatcher(nTrain, this.rng.fork());
    this.skipped = variableFrom(() => tf.scalar(0), 'skipped', false);
    this.nonFinite = variableFrom(() => tf.zeros([DIVERGENCE_LABELS.length]), 'nonFinite', false);
    this.optimizer = makeOptimizer(config);
  }

  /** A fresh model of this run's architecture, initialised from its seed. */
  private createModel(): Model {
    const c = this.config;
    return modelSource(c.model).create({
      inputShape: [...this.dataset.spec.shape],
      classes: this.dataset.spec.classes.length,
      width: c.width,
      depth: c.depth,
      embedDim: c.embedDim,
      norm: c.norm,
      headNorm: c.headNorm,
      seed: c.seed,
    });
  }

  /** A second model of this architecture holding a copy of the current weights and running statistics (BYOL's target). */
  private cloneModel(): Model {
    const copy = this.createModel();
    tf.tidy(() => {
      for (const [name, v] of [...copy.variables, ...copy.buffers]) {
        const source = this.model.variables.get(name) ?? this.model.buffers.get(name);
        if (source) v.assign(source);
      }
    });
    return copy;
  }

  /** Restores so far; each makes earlier recorded steps stale (see RecordedStep.generation). */
  get generation(): number {
    return this.restores;
  }

  /** Steps taken so far. */
  get step(): number {
    return this.stepCount;
  }

  /** The config in force. */
  get currentConfig(): RunConfig {
    return this.config;
  }

  /** Applies a live change (objective, methods, knobs, lr, batch size, optimiser). */
  setConfig(next: RunConfig): void {
    const prev = this.config;
    this.config = next;
    if (prev.optimizer !== next.optimizer) this.freshOptimizer();
    else if (prev.lr !== next.lr) setLearningRate(this.optimizer, next.lr);
  }

  /** Replaces the optimiser by a fresh one (its slots start again). */
  private freshOptimizer(): void {
    disposeOptimizer(this.optimizer);
    this.optimized = [];
    this.optimizer = makeOptimizer(this.config);
  }

  /** The enabled terms with their state and knob values: the objective first, then the methods in config order. */
  private activeTerms(): ActiveTerm[] {
    return [this.config.objective, ...this.config.methods].map((id) => {
      const term = termById(id);
      if (!term) throw new Error(`Unknown loss term ${id}`);
      return { term, state: this.stateOf(term), params: termParams(this.config, term.spec) };
    });
  }

  /** A term's state, created on first use and kept across toggles until Reset. */
  private stateOf(term: LossTerm): TermState {
    if (!term.createState) return NO_STATE;
    let s = this.states.get(term.spec.id);
    if (!s) {
      s = term.createState({
        model: this.model,
        blocks: this.model.blocks,
        embedDim: this.model.embedDim,
        featureDim: this.model.featureDim,
        classes: this.dataset.spec.classes.length,
        seed: this.config.seed,
        cloneModel: () => this.cloneModel(),
      });
      this.states.set(term.spec.id, s);
    }
    return s;
  }

  /**
   * One optimiser step: plan it, compute the loss of every enabled term under the gradient
   * tape, apply the update only where it is finite (on the device), then let stateful terms
   * commit. With `record`, returns kept tensors for the metrics reader (the caller disposes
   * them); otherwise null. Never reads from the GPU.
   */
  trainStep(record: boolean): RecordedStep | null {
    const plan = this.planStep(record);
    const variables = this.optimizedVariables(plan.terms);
    const kept: tf.Tensor[] = [];
    const out: { loss?: StepLoss } = {};
    this.model.setTraining(true);
    try {
      tf.tidy(() => {
        const { value, grads } = tf.variableGrads(() => {
          const loss = this.stepLoss(plan, (t) => {
            kept.push(tf.keep(t));
            return t;
          });
          out.loss = loss;
          return loss.objective;
        }, variables);
        this.applyFiniteUpdate(value, grads, variables, out.loss!.nonFiniteTerms);
      });
      this.model.commitRunningStats();
      const ctx = out.loss?.ctx;
      if (ctx) for (const a of plan.terms) a.term.afterStep?.(a.state, ctx, a.params);
    } catch (e) {
      // A failed step (an op missing on this backend, out of memory) must not leak what it kept.
      if (out.loss?.recorded) disposeRecorded(out.loss.recorded);
      this.model.discardRunningStats();
      throw e;
    } finally {
      kept.forEach((t) => t.dispose());
    }
    this.stepCount++;
    const recorded = out.loss?.recorded;
    if (!recorded) return null;
    return { ...recorded, step: this.stepCount, skippedSteps: tf.clone(this.skipped) as tf.Scalar, generation: this.restores };
  }

  /** Fixes what the step uses: the enabled terms, a fresh random stream, the batch rows. */
  private planStep(record: boolean): StepPlan {
    const terms = this.activeTerms();
    return {
      terms,
      objective: terms[0]!,
      traceBlocks: terms.some((a) => a.term.spec.needs.blocks),
      rng: this.rng.fork(),
      rows: this.batcher.next(this.config.batchSize),
      record,
    };
  }

  /**
   * The variables to optimise. tfjs optimisers key their slots by position, so the list only
   * ever grows, in a fixed order: a method switched on mid-run appends its heads, one switched
   * off keeps its place and gets zero gradients.
   */
  private optimizedVariables(terms: readonly ActiveTerm[]): tf.Variable[] {
    const known = new Set(this.optimized);
    const add = (v: tf.Variable) => {
      if (!known.has(v)) {
        known.add(v);
        this.optimized.push(v);
      }
    };
    for (const v of this.model.variables.values()) add(v);
    for (const a of terms) a.state.variables?.forEach(add);
    return this.optimized;
  }

  /**
   * The step's loss, inside the gradient tape: batch -> two views -> forward -> every term
   * (+ the online probe in SSL runs). `keep` marks tensors that must outlive the tape
   * (what `afterStep` reads).
   */
  private stepLoss(plan: StepPlan, keep: <T extends tf.Tensor>(t: T) => T): StepLoss & { objective: tf.Scalar } {
    const ctx = this.stepContext(plan, keep);
    const outputs = plan.terms.map((a) => a.term.compute(ctx, a.params, a.state));
    const total = outputs.length === 1 ? outputs[0]!.loss : (tf.addN(outputs.map((o) => o.loss)) as tf.Scalar);
    const probe = this.probeLoss(ctx, plan.objective);
    const recorded = plan.record ? this.recordTensors(plan, ctx, outputs, total) : null;
    // Which terms went non-finite: a 0/1 per registry slot (inactive slots 0), to name the culprit of a divergence.
    const slots = DIVERGENCE_LABELS.slice(0, -1).map((id) => {
      const i = plan.terms.findIndex((a) => a.term.spec.id === id);
      return i < 0 ? tf.scalar(0) : tf.sub(1, tf.cast(tf.all(tf.isFinite(outputs[i]!.loss)), 'float32'));
    });
    const nonFiniteTerms = keep(tf.stack(slots) as tf.Tensor1D);
    return { ctx, recorded, nonFiniteTerms, objective: probe ? (tf.add(total, probe) as tf.Scalar) : total };
  }

  /** The batch, its two augmented (and term-transformed) views, the forward passes and the task features. */
  private stepContext(plan: StepPlan, keep: <T extends tf.Tensor>(t: T) => T): StepContext {
    const spec = this.dataset.spec;
    const rowsT = tf.tensor1d(plan.rows, 'int32');
    const xb = tf.gather(this.trainX, rowsT);
    const labels = tf.gather(this.trainY, rowsT) as tf.Tensor1D;
    let [x1, x2] = makeTwoViews(xb, spec.kind, plan.rng, augmentOptionsFor(spec));
    for (const a of plan.terms) {
      if (a.term.transformInputs) [x1, x2] = a.term.transformInputs(x1, x2, a.params, { rng: plan.rng, dataMean: this.dataset.mean });
    }
    const view1 = this.model.forward(x1, { trace: plan.traceBlocks });
    const view2 = this.model.forward(x2);
    let taskFeatures1 = view1.features;
    if (this.config.task === 'supervised') {
      for (const a of plan.terms) {
        if (a.term.perturbFeatures) taskFeatures1 = a.term.perturbFeatures(taskFeatures1, labels, a.params, a.state, plan.rng);
      }
    }
    let taskLogits1 = this.model.classify(taskFeatures1);
    if (this.config.task === 'supervised') {
      for (const a of plan.terms) {
        if (a.term.perturbLogits) taskLogits1 = a.term.perturbLogits(taskLogits1, labels, a.params, a.state, plan.rng);
      }
    }
    const objective = plan.objective;
    return {
      x1: keep(x1),
      x2: keep(x2),
      labels: keep(labels),
      classes: spec.classes.length,
      view1: { features: keep(view1.features), z: keep(view1.z), blocks: view1.blocks },
      view2: { features: keep(view2.features), z: keep(view2.z), blocks: [] },
      taskFeatures1: keep(taskFeatures1),
      taskLogits1: keep(taskLogits1),
      model: this.model,
      rng: plan.rng,
      step: this.stepCount,
      dataMean: this.dataset.mean,
      basePredictionHead: objective.term.predictionHead?.(this.model, objective.params) ?? null,
    };
  }

  /**
   * The classifier head is an online linear probe on stop-gradient features whenever the
   * objective does not train it itself (SSL runs, triplet, SupCon); null when it does (cross-entropy).
   */
  private probeLoss(ctx: StepContext, objective: ActiveTerm): tf.Scalar | null {
    if (this.config.task === 'supervised' && objective.term.spec.trainsClassifier) return null;
    return crossEntropyLoss(this.model.classify(stopGradient(ctx.view1.features)), ctx.labels, ctx.classes);
  }

  /** Keeps what a metrics step reports: each term's loss and diagnostics, the total, clones of the embeddings. */
  private recordTensors(plan: StepPlan, ctx: StepContext, outputs: readonly TermOutput[], total: tf.Scalar): RecordedTensors {
    const losses: Record<string, tf.Scalar> = {};
    const diagnostics: Record<string, Record<string, Diagnostic>> = {};
    plan.terms.forEach((a, i) => {
      const o = outputs[i]!;
      losses[a.term.spec.id] = tf.keep(o.loss);
      if (o.diagnostics) {
        const kept: Record<string, Diagnostic> = {};
        for (const [k, d] of Object.entries(o.diagnostics)) kept[k] = { ...d, value: tf.keep(d.value) } as Diagnostic;
        diagnostics[a.term.spec.id] = kept;
      }
    });
    losses.total = tf.keep(total);
    const ssl = this.config.task === 'ssl';
    // Clones: the originals are freed with the step context.
    const z1 = tf.keep(tf.clone(ssl ? ctx.view1.z : ctx.view1.features));
    const z2 = tf.keep(tf.clone(ssl ? ctx.view2.z : ctx.view2.features));
    return { losses, diagnostics, z1, z2 };
  }

  /** Applies the update where the loss and each gradient are finite, zero elsewhere; counts skipped steps. No read-back. */
  private applyFiniteUpdate(value: tf.Scalar, grads: tf.NamedTensorMap, variables: readonly tf.Variable[], nonFiniteTerms: tf.Tensor1D): void {
    const ok = tf.all(tf.isFinite(value));
    const gradsFinite = tf.stack(Object.values(grads).map((g) => tf.cast(tf.all(tf.isFinite(g)), 'float32')));
    const gradientBad = tf.sub(1, tf.min(gradsFinite)).reshape([1]);
    this.nonFinite.assign(tf.maximum(this.nonFinite, tf.concat([nonFiniteTerms, gradientBad])));
    // An array, not a map: object keys that look like integers (tfjs's unnamed
    // variables) would be reordered, and the optimiser's slots with them.
    const safe: { name: string; tensor: tf.Tensor }[] = variables.map((v) => {
      const g = grads[v.name];
      return { name: v.name, tensor: g ? tf.where(tf.logicalAnd(ok, tf.isFinite(g)), g, tf.zerosLike(g)) : tf.zerosLike(v) };
    });
    this.optimizer.applyGradients(safe);
    this.skipped.assign(tf.add(this.skipped, tf.sub(1, tf.cast(ok, 'float32'))));
  }

  /**
   * The run's health, read asynchronously (one short vector): how many updates were skipped
   * since the last restore and what went non-finite. Cheap enough to read every few steps
   * whatever the metrics cadence, so a divergence is found early and named.
   */
  async health(): Promise<RunHealth> {
    const packed = tf.tidy(() => tf.concat([this.skipped.reshape([1]), this.nonFinite]));
    const values = await packed.data();
    packed.dispose();
    return { skipped: values[0]!, nonFinite: DIVERGENCE_LABELS.filter((_, i) => values[i + 1]! > 0) };
  }

  /** Training rows of the dataset (a one-image set cannot have batch statistics). */
  get trainSize(): number {
    return this.dataset.trainY.length;
  }

  /** Features, projections and predictions of the fixed evaluation subsets (eval mode, no augmentation). */
  evaluate(): RecordedEval {
    const ssl = this.config.task === 'ssl';
    this.model.setTraining(false);
    const [bank, queries, predictions, bankZ, queryZ] = tf.tidy(() => {
      const b = this.model.forward(this.bankX);
      const q = this.model.forward(this.queryX);
      return [b.features, q.features, tf.argMax(this.model.classify(q.features), 1).toInt() as tf.Tensor1D, b.z, q.z];
    });
    if (!ssl) tf.dispose([bankZ, queryZ]);
    const evaluation: RecordedEval = {
      bank,
      queries,
      projected: ssl ? { bank: bankZ, queries: queryZ } : null,
      predictions,
      bankLabels: this.bankY,
      queryLabels: this.queryY,
      classes: this.dataset.spec.classes.length,
    };
    const { kind, shape } = this.dataset.spec;
    if (kind === 'points' && shape.length === 1 && shape[0] === 2) evaluation.inputSpace = this.inputSpace();
    return evaluation;
  }

  /** The classifier's predictions over a grid covering the training points (eval mode, as set by evaluate), and the query inputs. */
  private inputSpace(): NonNullable<RecordedEval['inputSpace']> {
    const grid = inputGrid(inputGridExtent(this.dataset.trainX));
    const predictions = tf.tidy(() => {
      const x = tf.tensor2d(grid.inputs, [grid.size * grid.size, 2]);
      return tf.argMax(this.model.classify(this.model.forward(x).features), 1).toInt() as tf.Tensor1D;
    });
    return { predictions, size: grid.size, extent: grid.extent, points: this.dataset.testX.slice(0, 2 * this.queryY.length) };
  }

  /** Every variable of the run, by stable name: model weights, running statistics, method heads. */
  private namedVariables(): Map<string, tf.Variable> {
    const out = new Map([...this.model.variables, ...this.model.buffers]);
    for (const [id, s] of this.states) {
      s.variables?.forEach((v, i) => out.set(`${id}/${i}`, v));
      s.saved?.forEach((v, name) => out.set(`${id}/${name}`, v));
    }
    return out;
  }

  /** Copies every weight to the CPU (asynchronously, one batched read). */
  async snapshot(): Promise<WeightSnapshot> {
    const step = this.stepCount;
    const vars = [...this.namedVariables()];
    // Clone first: the optimiser replaces variable buffers while the read is in flight.
    const clones = vars.map(([, v]) => tf.clone(v));
    let data: Float32Array[];
    try {
      data = (await Promise.all(clones.map((c) => c.data()))) as Float32Array[];
    } finally {
      clones.forEach((c) => c.dispose());
    }
    return { step, values: new Map(vars.map(([name], i) => [name, data[i]!])) };
  }

  /**
   * Puts weights back from a snapshot (names that no longer exist are ignored), with a fresh
   * optimiser and skip count; steps recorded before it become stale.
   */
  restore(snap: WeightSnapshot): void {
    tf.tidy(() => {
      for (const [name, v] of this.namedVariables()) {
        const values = snap.values.get(name);
        if (values && values.length === v.size) v.assign(tf.tensor(values, v.shape));
      }
      this.skipped.assign(tf.scalar(0));
      this.nonFinite.assign(tf.zerosLike(this.nonFinite));
    });
    // The optimiser's moments belong to the discarded trajectory (after a divergence they
    // are huge): start them afresh with the restored weights.
    this.freshOptimizer();
    this.stepCount = snap.step;
    this.restores++;
  }

  /** Frees every tensor the run owns. */
  dispose(): void {
    this.model.dispose();
    for (const s of this.states.values()) s.dispose();
    this.states.clear();
    disposeOptimizer(this.optimizer);
    for (const t of [this.trainX, this.trainY, this.bankX, this.queryX, this.skipped, this.nonFinite]) t.dispose();
  }
}
