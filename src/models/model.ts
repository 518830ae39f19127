/**
 * The model contract the trainer and loss terms rely on: a backbone (MLP or CNN with
 * size-keeping residual blocks), a projector, a predictor and a classifier head, all
 * plain tf.Variables so snapshots, restores and optimizers see one flat list.
 */
import type * as tf from '@tensorflow/tfjs';
import type { NormKind } from './normalization';

/** Input and output of one size-keeping residual block, for ρSIM heads. */
export interface BlockTrace {
  /** Block input, NHWC [B, H, W, C_in] (CNN) or [B, C_in] (MLP: the batch is the token axis). */
  input: tf.Tensor;
  /** Block output, NHWC [B, H, W, C_out] or [B, C_out]. */
  output: tf.Tensor;
}

/** What one forward pass returns. */
export interface ForwardOutput {
  /** Backbone embedding [N, F] (pooled features). */
  features: tf.Tensor2D;
  /** Projector output [N, D]: the embedding whose spectrum is charted in SSL runs. */
  z: tf.Tensor2D;
  /** Block traces, in depth order (empty unless `trace` was asked). */
  blocks: BlockTrace[];
}

/** Shape of one attachable block, known before any forward pass. */
export interface BlockShape {
  /** Spatial tokens per sample: H*W for the CNN, 1 for the MLP (batch = token axis). */
  height: number;
  width: number;
  channelsIn: number;
  channelsOut: number;
}

/** A built model. */
export interface Model {
  /** All trainable variables, by stable name (used for snapshots and restores). */
  readonly variables: Map<string, tf.Variable>;
  /** Non-trained state saved with the weights (batch-norm running statistics), by stable name. */
  readonly buffers: Map<string, tf.Variable>;
  /** Width of the backbone features F. */
  readonly featureDim: number;
  /** Width of the projector output D. */
  readonly embedDim: number;
  /** Attachable blocks, empty when the model has none. */
  readonly blocks: readonly BlockShape[];
  /**
   * Training mode (the default): batch norm uses batch statistics and records running
   * updates; eval mode uses the running statistics. As PyTorch's `module.train(on)`.
   */
  setTraining(on: boolean): void;
  /** Backbone + projector; `trace` records block inputs and outputs. */
  forward(x: tf.Tensor, opts?: { trace?: boolean }): ForwardOutput;
  /** The SimSiam-style predictor head h: [N, D] -> [N, D]. */
  predict(z: tf.Tensor2D): tf.Tensor2D;
  /** The classifier head: features [N, F] -> logits [N, classes]. */
  classify(features: tf.Tensor2D): tf.Tensor2D;
  /** Makes the running-statistics updates of this step's training-mode passes permanent (after the optimiser step). */
  commitRunningStats(): void;
  /** Forgets this step's running-statistics updates (a failed step). */
  discardRunningStats(): void;
  /** Frees every variable. */
  dispose(): void;
}

/** What a model factory needs. */
export interface ModelOptions {
  /** Input shape without the batch axis: [H, W, C] or [F]. */
  inputShape: readonly number[];
  classes: number;
  width: number;
  depth: number;
  embedDim: number;
  /** Normalisation in the backbone's blocks. */
  norm: NormKind;
  /** Normalisation in the projector's and predictor's hidden layers. */
  headNorm: NormKind;
  seed: number;
}
