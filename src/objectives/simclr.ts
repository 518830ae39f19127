/** SimCLR's NT-Xent: contrastive, uses the other images of the batch as negatives. */
import * as tf from '@tensorflow/tfjs';
import type { ParamSpecs } from '../params';
import { defineTerm } from './term';
import { l2NormalizeRows } from './vectorOps';

/** NT-Xent on [2N, D] normalised rows, self-similarity excluded (docs/methods.md §6). */
export function ntXentLoss(z1: tf.Tensor2D, z2: tf.Tensor2D, tau: number): tf.Scalar {
  const n = z1.shape[0];
  const z = l2NormalizeRows(tf.concat([z1, z2], 0));
  const sim = tf.div(tf.matMul(z, z, false, true), tau);
  const masked = tf.sub(sim, tf.mul(tf.eye(2 * n), 1e9));
  const targets = tf.concat([tf.range(n, 2 * n, 1, 'int32'), tf.range(0, n, 1, 'int32')]);
  const logp = tf.logSoftmax(masked);
  const picked = tf.sum(tf.mul(logp, tf.oneHot(targets, 2 * n)), 1);
  return tf.neg(tf.mean(picked)) as tf.Scalar;
}

/** SimCLR's temperature. */
export const SIMCLR_PARAMS = {
  tau: { kind: 'number', label: 'Temperature τ', default: 0.2, min: 0.01, max: 2, step: 0.01 },
} as const satisfies ParamSpecs;

/** The SimCLR baseline. */
export const simclrTerm = defineTerm({
  spec: {
    id: 'simclr',
    label: 'SimCLR (NT-Xent)',
    role: 'objective',
    tasks: ['ssl'],
    needs: {},
    params: SIMCLR_PARAMS,
    formula: 'L = -mean_i log( exp(s(i,i+)/tau) / sum_{k!=i} exp(s(i,k)/tau) ),  s = cosine',
    formulaTex: String.raw`\mathcal{L} = -\operatorname{mean}_i \log \frac{\exp(s(i, i^+)/\tau)}{\sum_{k \ne i} \exp(s(i, k)/\tau)}, \quad s = \cos`,
    summary: 'Contrastive: pushes each image away from the rest of the batch, which prevents complete collapse.',
    card: null,
    reconstructed: false,
    chart: { kind: 'none', title: '' },
    stateful: false,
  },
  compute(ctx, params) {
    return { loss: ntXentLoss(ctx.view1.z, ctx.view2.z, params.tau) };
  },
});
