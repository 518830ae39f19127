/**
 * What both backbones share: the heads, the training flag, the running statistics and
 * the variable bookkeeping. A backbone file builds its own layers and gives `backbone`,
 * the map from inputs to pooled features (and block traces); this wraps it into a `Model`.
 */
import type * as tf from '@tensorflow/tfjs';
import { classify, predict, project, type Heads } from './heads';
import type { BlockShape, BlockTrace, ForwardOutput, Model } from './model';
import type { RunningStats } from './normalization';

/** The parts of a model that differ between backbones. */
export interface BackboneParts {
  variables: Map<string, tf.Variable>;
  stats: RunningStats;
  heads: Heads;
  featureDim: number;
  embedDim: number;
  blocks: readonly BlockShape[];
  /** Inputs -> pooled features [N, F], with block traces when `trace`. */
  backbone(x: tf.Tensor, training: boolean, trace: boolean): { features: tf.Tensor2D; traces: BlockTrace[] };
}

/** A `Model` from a backbone and the shared heads. */
export function modelWithHeads(parts: BackboneParts): Model {
  const { variables, stats, heads } = parts;
  let training = true;
  return {
    variables,
    buffers: stats.buffers,
    featureDim: parts.featureDim,
    embedDim: parts.embedDim,
    blocks: parts.blocks,
    setTraining(on) {
      training = on;
    },
    forward(x, opts = {}): ForwardOutput {
      const { features, traces } = parts.backbone(x, training, opts.trace === true);
      return { features, z: project(heads, features, stats, training), blocks: traces };
    },
    predict: (z) => predict(heads, z, stats, training),
    classify: (f) => classify(heads, f),
    commitRunningStats: () => stats.commit(),
    discardRunningStats: () => stats.discard(),
    dispose() {
      stats.discard();
      for (const v of [...variables.values(), ...stats.buffers.values()]) v.dispose();
      variables.clear();
      stats.buffers.clear();
    },
  };
}
