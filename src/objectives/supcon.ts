/**
 * Supervised contrastive loss, SupCon (Khosla et al. 2020, L_out), on L2-normalised task
 * features of one view: every sample is an anchor whose positives are the other samples
 * of its class in the batch, contrasted against every other sample.
 *
 *   s_ij = u_i . u_j / tau,  u_i = f_i / ||f_i||
 *   L    = mean over anchors with a positive of -1/|P(i)| sum_{p in P(i)} log( exp(s_ip) / sum_{a != i} exp(s_ia) )
 *
 * It reads the task features after any perturbation (CIR), so CIR works with it.
 */
import * as tf from '@tensorflow/tfjs';
import type { ParamSpecs } from '../params';
import { labelPairMasks } from './labelPairs';
import { defineTerm } from './term';
import { l2NormalizeRows } from './vectorOps';

/** SupCon of features f [N, F] with integer labels [N]; 0 when no sample has a classmate in the batch. */
export function supConLoss(f: tf.Tensor2D, labels: tf.Tensor1D, tau: number): tf.Scalar {
  return tf.tidy(() => {
    const n = f.shape[0];
    const u = l2NormalizeRows(f);
    const sim = tf.div(tf.matMul(u, u, false, true), tau);
    // Self-similarity is left out of every denominator.
    const logProb = tf.logSoftmax(tf.sub(sim, tf.mul(tf.eye(n), 1e9)));
    const { positive } = labelPairMasks(labels);
    const count = tf.sum(positive, 1);
    const meanLogProbPositive = tf.div(tf.sum(tf.mul(positive, logProb), 1), tf.maximum(count, 1));
    const valid = tf.cast(tf.greater(count, 0), 'float32');
    return tf.neg(tf.div(tf.sum(tf.mul(meanLogProbPositive, valid)), tf.maximum(tf.sum(valid), 1))) as tf.Scalar;
  });
}

/** SupCon's temperature. */
export const SUPCON_PARAMS = {
  tau: { kind: 'number', label: 'Temperature τ', default: 0.1, min: 0.02, max: 2, log: true, help: 'Scale of the cosine similarities: small τ concentrates on the hardest other-class samples (the paper uses 0.1).' },
} as const satisfies ParamSpecs;

/** The supervised contrastive objective. */
export const supconTerm = defineTerm({
  spec: {
    id: 'supcon',
    label: 'Supervised contrastive (SupCon)',
    role: 'objective',
    tasks: ['supervised'],
    needs: { labels: true },
    params: SUPCON_PARAMS,
    formula: 'L = mean_i -1/|P(i)| Σ_{p ∈ P(i)} log( exp(u_i·u_p/τ) / Σ_{a ≠ i} exp(u_i·u_a/τ) ),  u = f / ||f||,  P(i) = the other samples of class y_i',
    formulaTex: String.raw`\mathcal{L} = \operatorname{mean}_i \frac{-1}{|P(i)|} \sum_{p \in P(i)} \log \frac{\exp(u_i \cdot u_p / \tau)}{\sum_{a \ne i} \exp(u_i \cdot u_a / \tau)}, \quad u = f / \lVert f \rVert,\ P(i) = \text{the other samples of class } y_i`,
    summary: 'Contrastive learning with labels: pulls each sample towards every classmate in the batch and away from the other classes.',
    card: null,
    reconstructed: false,
    chart: { kind: 'none', title: '' },
    stateful: false,
  },
  compute(ctx, params) {
    return { loss: supConLoss(ctx.taskFeatures1, ctx.labels, params.tau) };
  },
});
