/**
 * Batch-hard triplet loss (Hermans, Beyer, Leibe 2017, "In Defense of the Triplet Loss")
 * on L2-normalised task features: every sample is an anchor, paired with its farthest
 * same-class sample and its nearest other-class sample in the batch.
 *
 *   u_i   = f_i / ||f_i||,  d_ij = ||u_i - u_j||
 *   L     = mean over anchors with a positive and a negative of
 *           max(0, max_{y_j = y_i, j != i} d_ij - min_{y_j != y_i} d_ij + margin)
 *
 * It reads the task features after any perturbation (CIR), so CIR works with it.
 */
import * as tf from '@tensorflow/tfjs';
import type { ParamSpecs } from '../params';
import { labelPairMasks } from './labelPairs';
import { defineTerm } from './term';
import { l2NormalizeRows } from './vectorOps';

/** Squared distances below this count as 0 before the square root (its gradient is infinite at 0). */
const MIN_SQUARED_DISTANCE = 1e-12;

/** Euclidean distances between the rows of `u` [N, D]: [N, N]. */
function pairwiseDistances(u: tf.Tensor2D): tf.Tensor2D {
  const sq = tf.sum(tf.square(u), 1);
  const d2 = tf.sub(tf.add(tf.expandDims(sq, 1), tf.expandDims(sq, 0)), tf.mul(tf.matMul(u, u, false, true), 2));
  return tf.sqrt(tf.maximum(d2, MIN_SQUARED_DISTANCE)) as tf.Tensor2D;
}

/** The batch-hard triplet loss of features f [N, F] with integer labels [N]; 0 when no anchor has both a positive and a negative. */
export function batchHardTripletLoss(f: tf.Tensor2D, labels: tf.Tensor1D, margin: number): tf.Scalar {
  return tf.tidy(() => {
    const d = pairwiseDistances(l2NormalizeRows(f));
    const { positive, negative } = labelPairMasks(labels);
    const hardestPositive = tf.max(tf.mul(d, positive), 1);
    // Unit rows are at most 2 apart: adding 4 keeps same-class pairs out of the minimum.
    const hardestNegative = tf.min(tf.add(d, tf.mul(tf.sub(1, negative), 4)), 1);
    const valid = tf.mul(tf.cast(tf.greater(tf.sum(positive, 1), 0), 'float32'), tf.cast(tf.greater(tf.sum(negative, 1), 0), 'float32'));
    const hinge = tf.relu(tf.add(tf.sub(hardestPositive, hardestNegative), margin));
    return tf.div(tf.sum(tf.mul(hinge, valid)), tf.maximum(tf.sum(valid), 1)) as tf.Scalar;
  });
}

/** The triplet loss's margin. */
export const TRIPLET_PARAMS = {
  margin: {
    kind: 'number',
    label: 'Margin',
    default: 0.2,
    min: 0,
    max: 2,
    step: 0.05,
    help: 'How much nearer than its nearest other-class sample an anchor\'s farthest same-class sample must be (unit-length features are at most 2 apart).',
  },
} as const satisfies ParamSpecs;

/** The batch-hard triplet objective (supervised). */
export const tripletTerm = defineTerm({
  spec: {
    id: 'triplet',
    label: 'Triplet (batch hard)',
    role: 'objective',
    tasks: ['supervised'],
    needs: { labels: true },
    params: TRIPLET_PARAMS,
    formula: 'u = f / ||f||,  L = mean_i max(0, max_{y_j = y_i} ||u_i - u_j|| - min_{y_j ≠ y_i} ||u_i - u_j|| + margin)',
    formulaTex: String.raw`u = f / \lVert f \rVert, \quad \mathcal{L} = \operatorname{mean}_i \max\Big(0,\ \max_{y_j = y_i} \lVert u_i - u_j \rVert - \min_{y_j \ne y_i} \lVert u_i - u_j \rVert + \text{margin}\Big)`,
    summary: 'Metric learning on the backbone features: each sample must be nearer its farthest classmate than its nearest other-class sample, by a margin.',
    card: null,
    reconstructed: false,
    chart: { kind: 'none', title: '' },
    stateful: false,
  },
  compute(ctx, params) {
    return { loss: batchHardTripletLoss(ctx.taskFeatures1, ctx.labels, params.margin) };
  },
});
