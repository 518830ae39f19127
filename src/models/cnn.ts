/**
 * A small CNN: a stride-2 stem convolution, then `depth` residual blocks that keep the
 * spatial size (relu(x + norm(conv(relu(norm(conv(x))))))), where ρSIM heads attach, then
 * global average pooling. A norm follows every convolution, as in the ResNets the recipes use.
 * Images NHWC in [0, 1].
 */
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../util/rng';
import { createHeads } from './heads';
import { conv, convInit, type ConvWeights } from './layers';
import type { BlockShape, BlockTrace, Model, ModelOptions } from './model';
import { modelWithHeads } from './modelWithHeads';
import { applyNorm, normInit, RunningStats, type NormLayer } from './normalization';

/** Builds the CNN. */
export function createCnn(opts: ModelOptions): Model {
  const [h0, w0, c0] = opts.inputShape as [number, number, number];
  const rng = new Rng(opts.seed * 7919 + 17);
  const vars = new Map<string, tf.Variable>();
  const stats = new RunningStats();
  const width = opts.width;
  const bias = opts.norm === 'none';
  const stem = convInit(vars, 'stem', 3, c0, width, rng, { bias });
  const stemNorm = normInit(vars, stats, 'stem/norm', width, opts.norm);
  const blocks: { a: ConvWeights; norm: NormLayer | null; b: ConvWeights; outNorm: NormLayer | null }[] = [];
  for (let i = 0; i < opts.depth; i++) {
    blocks.push({
      a: convInit(vars, `block${i + 1}/a`, 3, width, width, rng, { bias }),
      norm: normInit(vars, stats, `block${i + 1}/norm`, width, opts.norm),
      b: convInit(vars, `block${i + 1}/b`, 3, width, width, rng, { gain: 0.5, bias }),
      outNorm: normInit(vars, stats, `block${i + 1}/outNorm`, width, opts.norm),
    });
  }
  const heads = createHeads(vars, stats, width, opts.embedDim, opts.classes, opts.headNorm, rng);
  const hs = Math.ceil(h0 / 2);
  const ws = Math.ceil(w0 / 2);
  const shapes: BlockShape[] = blocks.map(() => ({ height: hs, width: ws, channelsIn: width, channelsOut: width }));

  return modelWithHeads({
    variables: vars,
    stats,
    heads,
    featureDim: width,
    embedDim: opts.embedDim,
    blocks: shapes,
    backbone(x, training, trace) {
      let h = tf.relu(applyNorm(conv(x as tf.Tensor4D, stem, 2), stemNorm, stats, training)) as tf.Tensor4D;
      const traces: BlockTrace[] = [];
      for (const blk of blocks) {
        const inner = tf.relu(applyNorm(conv(h, blk.a), blk.norm, stats, training)) as tf.Tensor4D;
        const out = tf.relu(tf.add(h, applyNorm(conv(inner, blk.b), blk.outNorm, stats, training))) as tf.Tensor4D;
        if (trace) traces.push({ input: h, output: out });
        h = out;
      }
      return { features: tf.mean(h, [1, 2]) as tf.Tensor2D, traces };
    },
  });
}
