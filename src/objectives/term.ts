/**
 * The contract of one loss term (a baseline objective or a seed method): its metadata
 * (sent to the UI as part of the catalog) plus the tensor code. The trainer sums the
 * enabled terms; adding a method is one file exporting a `LossTerm` and one registry line.
 * A term reads its knobs as typed values of its own spec (`ValuesOf<P>`) and never checks
 * another term's id: what it needs from the run it declares in `spec.needs`, and what an
 * objective offers to methods (its prediction head) it gives through `predictionHead`.
 */
import type * as tf from '@tensorflow/tfjs';
import type { TermSpec } from '../catalog';
import type { ParamSpecs, ValuesOf } from '../params';
import type { BlockShape, ForwardOutput, Model } from '../models/model';
import type { Rng } from '../util/rng';

/** A map from embeddings to predictions of the other view's embedding, [N, D] -> [N, D]. */
export type PredictionHead = (z: tf.Tensor2D) => tf.Tensor2D;

/** Everything a term may read during one training step. All tensors are owned by the step's tidy scope. */
export interface StepContext {
  /** The two augmented views actually fed to the model (after any input transforms). */
  x1: tf.Tensor;
  x2: tf.Tensor;
  /** Integer labels [N] (int32), present in every run; only supervised terms may use them. */
  labels: tf.Tensor1D;
  classes: number;
  view1: ForwardOutput;
  view2: ForwardOutput;
  /** Backbone features fed to the supervised head, after any feature perturbation (CIR). */
  taskFeatures1: tf.Tensor2D;
  /** The classifier's logits of `taskFeatures1`, after any logit perturbation (CIR): what cross-entropy reads. */
  taskLogits1: tf.Tensor2D;
  model: Model;
  /** Seeded random source for this step's draws (masks, permutations, ...). */
  rng: Rng;
  step: number;
  /** The dataset's per-channel mean, [C] for images (used by masking). */
  dataMean: number[];
  /** The base objective's prediction head (SimSiam's predictor when on), or null when it has none. */
  basePredictionHead: PredictionHead | null;
}

// Diagnostics are type aliases, not interfaces, so tf.tidy can return them (a TensorContainer).

/** One line on a term's chart: a scalar tensor and the label its legend shows. */
export type ScalarDiagnostic = {
  kind: 'scalar';
  value: tf.Tensor;
  label: string;
};

/** A matrix drawn as a heatmap, with the names of its two axes. */
export type HeatmapDiagnostic = {
  kind: 'heatmap';
  value: tf.Tensor2D;
  rowLabel: string;
  colLabel: string;
};

/** A strip of small images, NHWC in [0, 1]. */
export type ImagesDiagnostic = {
  kind: 'images';
  value: tf.Tensor4D;
};

/** One diagnostic a term reports on metrics steps; it carries its own labels. */
export type Diagnostic = ScalarDiagnostic | HeatmapDiagnostic | ImagesDiagnostic;

/** A scalar diagnostic labelled `label`. */
export function scalarDiagnostic(value: tf.Tensor, label: string): ScalarDiagnostic {
  return { kind: 'scalar', value, label };
}

/** What a term's `compute` returns. */
export type TermOutput = {
  /** The term's contribution to the total loss (already weighted), a scalar. */
  loss: tf.Scalar;
  /** Diagnostics, keyed by a stable id, read only on metrics steps. */
  diagnostics?: Record<string, Diagnostic>;
};

/** Context a term's state is created with. */
export interface StateContext {
  model: Model;
  blocks: readonly BlockShape[];
  embedDim: number;
  featureDim: number;
  classes: number;
  seed: number;
  /** A second model of the run's architecture with a copy of its current weights (BYOL's target network). */
  cloneModel(): Model;
}

/** State a term keeps across steps (tensors it owns, trainable heads, running statistics). */
export interface TermState {
  /** Trainable variables of the term's own heads; optimised with the model. */
  variables?: tf.Variable[];
  /** Variables that are not trained but belong to the run's state (a target network), saved with snapshots, by name. */
  saved?: Map<string, tf.Variable>;
  /** Frees all tensors the state owns. */
  dispose(): void;
}

/** One loss term: metadata + implementation. `P` types its knobs, `S` is its state type. */
export interface LossTerm<P extends ParamSpecs = ParamSpecs, S extends TermState = TermState> {
  spec: TermSpec<P>;
  /** Creates the state (called at build and on Reset). Terms without state omit it. */
  createState?(ctx: StateContext): S;
  /** Optional: rewrites the two input views before the forward pass (masking). */
  transformInputs?(x1: tf.Tensor, x2: tf.Tensor, params: ValuesOf<P>, ctx: { rng: Rng; dataMean: number[] }): [tf.Tensor, tf.Tensor];
  /** Optional: perturbs the features fed to the supervised loss, training only (CIR). */
  perturbFeatures?(features: tf.Tensor2D, labels: tf.Tensor1D, params: ValuesOf<P>, state: S, rng: Rng): tf.Tensor2D;
  /** Optional: perturbs the classifier's logits of the task features, training only (CIR). */
  perturbLogits?(logits: tf.Tensor2D, labels: tf.Tensor1D, params: ValuesOf<P>, state: S, rng: Rng): tf.Tensor2D;
  /** Optional, objectives: the head that maps one view's embedding to a prediction of the other's. */
  predictionHead?(model: Model, params: ValuesOf<P>): PredictionHead | null;
  /** The loss and its diagnostics. Must be differentiable w.r.t. model (and state) variables. */
  compute(ctx: StepContext, params: ValuesOf<P>, state: S): TermOutput;
  /**
   * Optional: updates state after the optimiser step, outside the gradient tape
   * (running means, covariance memory). Receives the values the step computed.
   */
  afterStep?(state: S, ctx: StepContext, params: ValuesOf<P>): void;
}

/**
 * Declares a loss term with its knob types inferred from `spec.params`, so `compute`
 * and friends receive typed, defaulted values.
 */
export function defineTerm<P extends ParamSpecs, S extends TermState = TermState>(term: LossTerm<P, S>): LossTerm<P, S> {
  return term;
}

/** Stateless terms use this. */
export const NO_STATE: TermState = { dispose() {} };
