/**
 * One training run: the model, the optimiser, the state of every method, the data
 * on the backend. `step()` does batch -> two views -> model -> enabled loss terms ->
 * guarded optimiser update, with no GPU read-back; on metrics steps it also keeps the
 * tensors the metrics reader will read asynchronously.
 */
import * as tf from '@tensorflow/tfjs';
import type { RunConfig } from './config';
import { termParams } from './config';
import { makeTwoViews } from './data/augment';
import { EpochBatcher } from './data/batcher';
import type { LoadedDataset } from './data/dataset';
import { MODELS } from './models/registry';
import type { ForwardOutput, Model } from './models/model';
import { crossEntropyLoss } from './objectives/crossEntropy';
import { TERMS } from './objectives/registry';
import type { LossTerm, StepContext, TermState } from './objectives/term';
import { NO_STATE } from './objectives/term';
import { stopGradient } from './util/stopGradient';
import { Rng } from './util/rng';

/** Tensors kept from a metrics step, owned by the caller (dispose them after reading). */
export interface RecordedStep {
  step: number;
  /** Per-term weighted losses and `total`, scalars. */
  losses: Record<string, tf.Scalar>;
  /** Embeddings of the two views [N, D] used for the spectrum, RankMe, alignment. */
  z1: tf.Tensor2D;
  z2: tf.Tensor2D;
  /** Per-term diagnostic tensors. */
  diagnostics: Record<string, Record<string, tf.Tensor>>;
  /** Count of steps skipped since the last restore because the loss was not finite. */
  skippedSteps: tf.Scalar;
  /** How many restores preceded this step: a report from before the latest restore is stale. */
  generation: number;
}

/** Frees the tensors a step kept for recording, when the step failed before returning them. */
function disposeRecorded(rec: RecordedStep): void {
  // skippedSteps still aliases the trainer's own counter here: not ours to free.
  tf.dispose([...Object.values(rec.losses), rec.z1, rec.z2, ...Object.values(rec.diagnostics).flatMap((d) => Object.values(d))]);
}

/** Embeddings of the fixed evaluation subsets, for kNN and test accuracy. */
export interface RecordedEval {
  bank: tf.Tensor2D;
  queries: tf.Tensor2D;
  /** Classifier (or online linear probe) predictions for the queries. */
  predictions: tf.Tensor1D;
  bankLabels: Int32Array;
  queryLabels: Int32Array;
  classes: number;
}

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
  private stepCount = 0;
  private restores = 0;
  /** Every variable the optimiser has seen, in first-seen order (see trainStep). */
  private optimized: tf.Variable[] = [];

  constructor(config: RunConfig, dataset: LoadedDataset) {
    this.config = config;
    this.dataset = dataset;
    const source = MODELS[config.model];
    if (!source) throw new Error(`Unknown model ${config.model}`);
    const spec = dataset.spec;
    const shape = [...spec.shape];
    const nTrain = dataset.trainY.length;
    const nTest = dataset.testY.length;
    this.model = source.create({
      inputShape: shape,
      classes: spec.classes.length,
      width: config.width,
      depth: config.depth,
      embedDim: config.embedDim,
      seed: config.seed,
    });
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
    this.skipped = tf.variable(tf.scalar(0), false);
    this.optimizer = this.makeOptimizer();
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
    if (prev.optimizer !== next.optimizer) {
      this.optimizer.dispose();
      this.optimized = [];
      this.optimizer = this.makeOptimizer();
    } else if (prev.lr !== next.lr) {
      this.setLearningRate(next.lr);
    }
  }

  private makeOptimizer(): tf.Optimizer {
    return this.config.optimizer === 'sgd' ? tf.train.momentum(this.config.lr, 0.9) : tf.train.adam(this.config.lr);
  }

  private setLearningRate(lr: number): void {
    (this.optimizer as unknown as { learningRate: number }).learningRate = lr;
  }

  /** The enabled terms: the objective first, then the methods in config order. */
  private enabledTerms(): LossTerm[] {
    const ids = [this.config.objective, ...this.config.methods];
    return ids.map((id) => {
      const t = TERMS[id];
      if (!t) throw new Error(`Unknown loss term ${id}`);
      return t;
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
      });
      this.states.set(term.spec.id, s);
    }
    return s;
  }

  /**
   * One optimiser step. With `record`, returns kept tensors for the metrics reader
   * (the caller disposes them); otherwise returns null. Never reads from the GPU.
   */
  trainStep(record: boolean): RecordedStep | null {
    const terms = this.enabledTerms();
    const states = terms.map((t) => this.stateOf(t));
    const params = terms.map((t) => termParams(this.config, t.spec));
    const kind = this.dataset.spec.kind;
    const ssl = this.config.task === 'ssl';
    const needTrace = terms.some((t) => t.spec.needs.blocks || t.spec.id === 'sim');
    const stepRng = this.rng.fork();
    const idx = this.batcher.next(this.config.batchSize);
    const kept: tf.Tensor[] = [];
    const keep = <T extends tf.Tensor>(t: T): T => {
      kept.push(tf.keep(t));
      return t;
    };
    let recorded: RecordedStep | null = null;
    let ctx: StepContext | null = null;

    // tfjs optimisers key their slots by position, so the list only ever grows, in a
    // fixed order: a method switched on mid-run appends its heads, one switched off keeps
    // its place and gets zero gradients.
    const known = new Set(this.optimized);
    for (const v of this.model.variables.values()) if (!known.has(v)) this.optimized.push(v);
    states.forEach((s) => s.variables?.forEach((v) => {
      if (!known.has(v)) this.optimized.push(v);
    }));
    const varList = this.optimized;

    const lossFn = (): tf.Scalar => {
      const idxT = tf.tensor1d(idx, 'int32');
      const xb = tf.gather(this.trainX, idxT);
      const labels = tf.gather(this.trainY, idxT) as tf.Tensor1D;
      let [x1, x2] = makeTwoViews(xb, kind, stepRng);
      terms.forEach((t, i) => {
        if (t.transformInputs) [x1, x2] = t.transformInputs(x1, x2, params[i]!, { rng: stepRng, dataMean: this.dataset.mean });
      });
      const view1: ForwardOutput = this.model.forward(x1, { trace: needTrace });
      const view2: ForwardOutput = this.model.forward(x2);
      let taskFeatures1 = view1.features;
      if (!ssl) {
        terms.forEach((t, i) => {
          if (t.perturbFeatures) taskFeatures1 = t.perturbFeatures(taskFeatures1, labels, params[i]!, states[i]!, stepRng);
        });
      }
      ctx = {
        x1: keep(x1),
        x2: keep(x2),
        labels: keep(labels),
        classes: this.dataset.spec.classes.length,
        view1: { features: keep(view1.features), z: keep(view1.z), blocks: view1.blocks },
        view2: { features: keep(view2.features), z: keep(view2.z), blocks: [] },
        taskFeatures1: keep(taskFeatures1),
        model: this.model,
        rng: stepRng,
        step: this.stepCount,
        dataMean: this.dataset.mean,
        objectiveId: this.config.objective,
        objectiveParams: termParams(this.config, TERMS[this.config.objective]!.spec),
      };
      const parts: tf.Scalar[] = [];
      const losses: Record<string, tf.Scalar> = {};
      const diagnostics: Record<string, Record<string, tf.Tensor>> = {};
      terms.forEach((t, i) => {
        const out = t.compute(ctx!, params[i]!, states[i]!);
        parts.push(out.loss);
        if (record) {
          losses[t.spec.id] = tf.keep(out.loss);
          if (out.diagnostics) {
            diagnostics[t.spec.id] = {};
            for (const [k, v] of Object.entries(out.diagnostics)) diagnostics[t.spec.id]![k] = tf.keep(v);
          }
        }
      });
      const total = parts.length === 1 ? parts[0]! : (tf.addN(parts) as tf.Scalar);
      // In SSL runs the classifier head is an online linear probe on frozen features.
      const probe = ssl ? crossEntropyLoss(this.model.classify(stopGradient(view1.features)), labels, this.dataset.spec.classes.length) : null;
      if (record) {
        losses.total = tf.keep(total);
        recorded = {
          step: this.stepCount + 1,
          losses,
          // Clones: the originals are freed with the step context.
          z1: tf.keep(tf.clone(ssl ? view1.z : view1.features)),
          z2: tf.keep(tf.clone(ssl ? view2.z : view2.features)),
          diagnostics,
          skippedSteps: this.skipped as unknown as tf.Scalar,
          generation: this.restores,
        };
      }
      return probe ? tf.add(total, probe) : total;
    };

    try {
      tf.tidy(() => {
        const { value, grads } = tf.variableGrads(lossFn, varList);
        // Skip the update on device when the loss or a gradient is not finite: no read-back.
        const ok = tf.all(tf.isFinite(value));
        // An array, not a map: object keys that look like integers (tfjs's unnamed
        // variables) would be reordered, and the optimiser's slots with them.
        const safe: { name: string; tensor: tf.Tensor }[] = varList.map((v) => {
          const g = grads[v.name];
          return { name: v.name, tensor: g ? tf.where(tf.logicalAnd(ok, tf.isFinite(g)), g, tf.zerosLike(g)) : tf.zerosLike(v) };
        });
        this.optimizer.applyGradients(safe);
        this.skipped.assign(tf.add(this.skipped, tf.sub(1, tf.cast(ok, 'float32'))));
      });
      if (ctx) terms.forEach((t, i) => t.afterStep?.(states[i]!, ctx!, params[i]!));
    } catch (e) {
      // A failed step (an op missing on this backend, out of memory) must not leak what it kept.
      if (recorded) disposeRecorded(recorded);
      throw e;
    } finally {
      kept.forEach((t) => t.dispose());
    }
    this.stepCount++;
    if (recorded) {
      const r = recorded as RecordedStep;
      r.skippedSteps = tf.clone(this.skipped) as tf.Scalar;
      return r;
    }
    return null;
  }

  /** Embeddings and predictions of the fixed evaluation subsets (no gradients, no augmentation). */
  evaluate(): RecordedEval {
    const ssl = this.config.task === 'ssl';
    return tf.tidy(() => {
      const b = this.model.forward(this.bankX);
      const q = this.model.forward(this.queryX);
      const predictions = tf.argMax(this.model.classify(q.features), 1).toInt() as tf.Tensor1D;
      return {
        bank: ssl ? b.z : b.features,
        queries: ssl ? q.z : q.features,
        predictions,
        bankLabels: this.bankY,
        queryLabels: this.queryY,
        classes: this.dataset.spec.classes.length,
      };
    });
  }

  /** Every trainable variable of the run, by stable name (model and method heads). */
  private namedVariables(): Map<string, tf.Variable> {
    const out = new Map(this.model.variables);
    for (const [id, s] of this.states) s.variables?.forEach((v, i) => out.set(`${id}/${i}`, v));
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
    });
    // The optimiser's moments belong to the discarded trajectory (after a divergence they
    // are huge): start them afresh with the restored weights.
    this.optimizer.dispose();
    this.optimized = [];
    this.optimizer = this.makeOptimizer();
    this.stepCount = snap.step;
    this.restores++;
  }

  /** Frees every tensor the run owns. */
  dispose(): void {
    this.model.dispose();
    for (const s of this.states.values()) s.dispose();
    this.states.clear();
    this.optimizer.dispose();
    for (const t of [this.trainX, this.trainY, this.bankX, this.queryX, this.skipped]) t.dispose();
  }
}
