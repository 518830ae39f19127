/**
 * An MLP: an input layer to `width` units, then `depth` residual blocks that keep the
 * width (h + W2 relu(W1 h)), where ρSIM heads attach with the batch as token axis.
 * Inputs [N, F]; images are flattened.
 */
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../util/rng';
import { createHeads, classify, predict, project } from './heads';
import { dense, denseInit, type DenseWeights } from './layers';
import type { BlockShape, BlockTrace, ForwardOutput, Model, ModelOptions } from './model';

/** Builds the MLP. */
export function createMlp(opts: ModelOptions): Model {
  const inputDim = opts.inputShape.reduce((a, b) => a * b, 1);
  const rng = new Rng(opts.seed * 7919 + 29);
  const vars = new Map<string, tf.Variable>();
  const width = opts.width;
  const input = denseInit(vars, 'input', inputDim, width, rng);
  const blocks: { a: DenseWeights; b: DenseWeights }[] = [];
  for (let i = 0; i < opts.depth; i++) {
    blocks.push({
      a: denseInit(vars, `block${i + 1}/a`, width, width, rng),
      b: denseInit(vars, `block${i + 1}/b`, width, width, rng, { gain: 0.5 }),
    });
  }
  const heads = createHeads(vars, width, opts.embedDim, opts.classes, rng);
  const shapes: BlockShape[] = blocks.map(() => ({ height: 1, width: 1, channelsIn: width, channelsOut: width }));

  return {
    variables: vars,
    featureDim: width,
    embedDim: opts.embedDim,
    blocks: shapes,
    forward(x: tf.Tensor, fopts = {}): ForwardOutput {
      const flat = x.rank === 2 ? (x as tf.Tensor2D) : (tf.reshape(x, [x.shape[0]!, inputDim]) as tf.Tensor2D);
      let h = tf.relu(dense(flat, input)) as tf.Tensor2D;
      const traces: BlockTrace[] = [];
      for (const blk of blocks) {
        const out = tf.relu(tf.add(h, dense(tf.relu(dense(h, blk.a)), blk.b))) as tf.Tensor2D;
        if (fopts.trace) traces.push({ input: h, output: out });
        h = out;
      }
      return { features: h, z: project(heads, h), blocks: traces };
    },
    predict: (z) => predict(heads, z),
    classify: (f) => classify(heads, f),
    dispose() {
      for (const v of vars.values()) v.dispose();
      vars.clear();
    },
  };
}
