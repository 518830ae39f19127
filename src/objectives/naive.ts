/**
 * Naive alignment: pull the two views' normalised embeddings together and nothing
 * else. Every input maps to one point: complete collapse, the demo's "before".
 */
import * as tf from '@tensorflow/tfjs';
import { defineTerm } from './term';
import { l2NormalizeRows } from './vectorOps';

/** mean((n(z1) - n(z2))^2), docs/methods.md §6. */
export function naiveAlignmentLoss(z1: tf.Tensor2D, z2: tf.Tensor2D): tf.Scalar {
  return tf.mean(tf.squaredDifference(l2NormalizeRows(z1), l2NormalizeRows(z2))) as tf.Scalar;
}

/** The naive-alignment baseline. */
export const naiveTerm = defineTerm({
  spec: {
    id: 'naive',
    label: 'Naive alignment',
    role: 'objective',
    tasks: ['ssl'],
    needs: {},
    params: {},
    formula: 'L = mean((n(z1) - n(z2))^2),  n = L2-normalise',
    formulaTex: String.raw`\mathcal{L} = \operatorname{mean}\big((n(z_1) - n(z_2))^2\big), \quad n(z) = z / \lVert z \rVert_2`,
    summary: 'Only pulls the two views together: nothing stops every image mapping to one point, so it collapses completely.',
    card: null,
    reconstructed: false,
    chart: { kind: 'none', title: '' },
    stateful: false,
  },
  compute(ctx) {
    return { loss: naiveAlignmentLoss(ctx.view1.z, ctx.view2.z) };
  },
});
