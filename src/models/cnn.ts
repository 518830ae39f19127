/**
 * A small CNN: a stride-2 stem convolution, then `depth` residual blocks that keep
 * the spatial size (x + conv(relu(conv(x)))), where ρSIM heads attach, then global
 * average pooling. Images NHWC in [0, 1].
 */
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../util/rng';
import { createHeads, classify, predict, project } from './heads';
import { conv, convInit, type ConvWeights } from './layers';
import type { BlockShape, BlockTrace, ForwardOutput, Model, ModelOptions } from './model';

/** Builds the CNN. */
export function createCnn(opts: ModelOptions): Model {
  const [h0, w0, c0] = opts.inputShape as [number, number, number];
  const rng = new Rng(opts.seed * 7919 + 17);
  const vars = new Map<string, tf.Variable>();
  const width = opts.width;
  const stem = convInit(vars, 'stem', 3, c0, width, rng);
  const blocks: { a: ConvWeights; b: ConvWeights }[] = [];
  for (let i = 0; i < opts.depth; i++) {
    blocks.push({
      a: convInit(vars, `block${i + 1}/a`, 3, width, width, rng),
      b: convInit(vars, `block${i + 1}/b`, 3, width, width, rng, 0.5),
    });
  }
  const heads = createHeads(vars, width, opts.embedDim, opts.classes, rng);
  const hs = Math.ceil(h0 / 2);
  const ws = Math.ceil(w0 / 2);
  const shapes: BlockShape[] = blocks.map(() => ({ height: hs, width: ws, channelsIn: width, channelsOut: width }));

  return {
    variables: vars,
    featureDim: width,
    embedDim: opts.embedDim,
    blocks: shapes,
    forward(x: tf.Tensor, fopts = {}): ForwardOutput {
      let h = tf.relu(conv(x as tf.Tensor4D, stem, 2)) as tf.Tensor4D;
      const traces: BlockTrace[] = [];
      for (const blk of blocks) {
        const out = tf.relu(tf.add(h, conv(tf.relu(conv(h, blk.a)), blk.b))) as tf.Tensor4D;
        if (fopts.trace) traces.push({ input: h, output: out });
        h = out;
      }
      const features = tf.mean(h, [1, 2]) as tf.Tensor2D;
      return { features, z: project(heads, features), blocks: traces };
    },
    predict: (z) => predict(heads, z),
    classify: (f) => classify(heads, f),
    dispose() {
      for (const v of vars.values()) v.dispose();
      vars.clear();
    },
  };
}
