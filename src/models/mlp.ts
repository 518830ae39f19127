/**
 * An MLP: an input layer to `width` units (relu(norm(W0 x))), then `depth` residual blocks
 * that keep the width (relu(h + norm(W2 relu(norm(W1 h))))), where ρSIM heads attach with the
 * batch as token axis. Inputs [N, F]; images are flattened.
 */
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../util/rng';
import { createHeads } from './heads';
import { dense, denseInit, type DenseWeights } from './layers';
import type { BlockShape, BlockTrace, Model, ModelOptions } from './model';
import { applyNorm, normInit, RunningStats, type NormLayer } from './normalization';
import { modelWithHeads } from './modelWithHeads';

/** Builds the MLP. */
export function createMlp(opts: ModelOptions): Model {
  const inputDim = opts.inputShape.reduce((a, b) => a * b, 1);
  const rng = new Rng(opts.seed * 7919 + 29);
  const vars = new Map<string, tf.Variable>();
  const stats = new RunningStats();
  const width = opts.width;
  const biased = opts.norm === 'none';
  const input = denseInit(vars, 'input', inputDim, width, rng, { bias: biased });
  const inputNorm = normInit(vars, stats, 'input/norm', width, opts.norm);
  const blocks: { a: DenseWeights; norm: NormLayer | null; b: DenseWeights; outNorm: NormLayer | null }[] = [];
  for (let i = 0; i < opts.depth; i++) {
    blocks.push({
      a: denseInit(vars, `block${i + 1}/a`, width, width, rng, { bias: biased }),
      norm: normInit(vars, stats, `block${i + 1}/norm`, width, opts.norm),
      b: denseInit(vars, `block${i + 1}/b`, width, width, rng, { gain: 0.5, bias: biased }),
      outNorm: normInit(vars, stats, `block${i + 1}/outNorm`, width, opts.norm),
    });
  }
  const heads = createHeads(vars, stats, width, opts.embedDim, opts.classes, opts.headNorm, rng);
  const shapes: BlockShape[] = blocks.map(() => ({ height: 1, width: 1, channelsIn: width, channelsOut: width }));

  return modelWithHeads({
    variables: vars,
    stats,
    heads,
    featureDim: width,
    embedDim: opts.embedDim,
    blocks: shapes,
    backbone(x: tf.Tensor, training: boolean, trace: boolean): { features: tf.Tensor2D; traces: BlockTrace[] } {
      const flat = x.rank === 2 ? (x as tf.Tensor2D) : (tf.reshape(x, [x.shape[0]!, inputDim]) as tf.Tensor2D);
      let h = tf.relu(applyNorm(dense(flat, input), inputNorm, stats, training)) as tf.Tensor2D;
      const traces: BlockTrace[] = [];
      for (const blk of blocks) {
        const inner = tf.relu(applyNorm(dense(h, blk.a), blk.norm, stats, training)) as tf.Tensor2D;
        const out = tf.relu(tf.add(h, applyNorm(dense(inner, blk.b), blk.outNorm, stats, training))) as tf.Tensor2D;
        if (trace) traces.push({ input: h, output: out });
        h = out;
      }
      return { features: h, traces };
    },
  });
}
