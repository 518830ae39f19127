/**
 * The contract of one loss term (a baseline objective or a seed method): its metadata
 * (sent to the UI as part of the catalog) plus the tensor code. The trainer sums the
 * enabled terms; adding a method is one file exporting a `LossTerm` and one registry line.
 */
import type * as tf from '@tensorflow/tfjs';
import type { TermSpec } from '../catalog';
import type { ParamValues } from '../params';
import type { BlockShape, ForwardOutput, Model } from '../models/model';
import type { Rng } from '../util/rng';

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
  model: Model;
  /** Seeded random source for this step's draws (masks, permutations, ...). */
  rng: Rng;
  step: number;
  /** The dataset's per-channel mean, [C] for images (used by masking). */
  dataMean: number[];
  /** The chosen base objective and its knob values (a method may reuse its predictor or distance). */
  objectiveId: string;
  objectiveParams: ParamValues;
}

/** What a term's `compute` returns. */
export interface TermOutput {
  /** The term's contribution to the total loss (already weighted), a scalar. */
  loss: tf.Scalar;
  /**
   * Diagnostic tensors read only on metrics steps: scalars become lines on the term's
   * chart; a 2-D tensor named `heatmap` becomes its heatmap; `images` (NHWC in [0,1]) its preview.
   */
  diagnostics?: Record<string, tf.Tensor>;
}

/** Context a term's state is created with. */
export interface StateContext {
  model: Model;
  blocks: readonly BlockShape[];
  embedDim: number;
  featureDim: number;
  classes: number;
  seed: number;
}

/** State a term keeps across steps (tensors it owns, trainable heads, running statistics). */
export interface TermState {
  /** Trainable variables of the term's own heads; optimised with the model. */
  variables?: tf.Variable[];
  /** Frees all tensors the state owns. */
  dispose(): void;
}

/** One loss term: metadata + implementation. `S` is its state type. */
export interface LossTerm<S extends TermState = TermState> {
  spec: TermSpec;
  /** Creates the state (called at build and on Reset). Terms without state omit it. */
  createState?(ctx: StateContext): S;
  /** Optional: rewrites the two input views before the forward pass (masking). */
  transformInputs?(x1: tf.Tensor, x2: tf.Tensor, params: ParamValues, ctx: { rng: Rng; dataMean: number[] }): [tf.Tensor, tf.Tensor];
  /** Optional: perturbs the features fed to the supervised loss, training only (CIR). */
  perturbFeatures?(features: tf.Tensor2D, labels: tf.Tensor1D, params: ParamValues, state: S, rng: Rng): tf.Tensor2D;
  /** The loss and its diagnostics. Must be differentiable w.r.t. model (and state) variables. */
  compute(ctx: StepContext, params: ParamValues, state: S): TermOutput;
  /**
   * Optional: updates state after the optimiser step, outside the gradient tape
   * (running means, covariance memory). Receives the values the step computed.
   */
  afterStep?(state: S, ctx: StepContext, params: ParamValues): void;
}

/** Stateless terms use this. */
export const NO_STATE: TermState = { dispose() {} };
