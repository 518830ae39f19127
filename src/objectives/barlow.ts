/** Barlow Twins: make the cross-correlation of the standardised views the identity. */
import * as tf from '@tensorflow/tfjs';
import type { ParamSpecs } from '../params';
import { defineTerm } from './term';
import { offDiagonalSquaredSum } from './vectorOps';

/** docs/methods.md §6: sum_i (1 - c_ii)^2 + lambda sum_{i!=j} c_ij^2, c = zn1^T zn2 / N. */
export function barlowLoss(z1: tf.Tensor2D, z2: tf.Tensor2D, lambda: number): tf.Scalar {
  const n = z1.shape[0];
  const standardise = (z: tf.Tensor2D) => {
    // As the authors' BatchNorm without affine: biased variance, eps 1e-5.
    const { mean, variance } = tf.moments(z, 0, true);
    const std = tf.sqrt(tf.add(variance, 1e-5));
    return tf.div(tf.sub(z, mean), std) as tf.Tensor2D;
  };
  const c = tf.div(tf.matMul(standardise(z1), standardise(z2), true, false), n) as tf.Tensor2D;
  const onDiag = tf.sum(tf.square(tf.sub(1, tf.sum(tf.mul(c, tf.eye(c.shape[0])), 1))));
  return tf.add(onDiag, tf.mul(offDiagonalSquaredSum(c), lambda)) as tf.Scalar;
}

/** Barlow Twins' off-diagonal weight, the paper's value by default. */
export const BARLOW_PARAMS = {
  lambda: { kind: 'number', label: 'Off-diagonal weight λ', default: 0.0051, min: 0, max: 1, step: 0.0001 },
} as const satisfies ParamSpecs;

/** The Barlow Twins baseline. */
export const barlowTerm = defineTerm({
  spec: {
    id: 'barlow',
    label: 'Barlow Twins',
    role: 'objective',
    tasks: ['ssl'],
    needs: {},
    params: BARLOW_PARAMS,
    formula: 'c = zn1^T zn2 / N,  L = sum_i (1 - c_ii)^2 + λ sum_{i!=j} c_ij^2   (paper: λ = 0.0051)',
    formulaTex: String.raw`c = \tilde z_1^{\top} \tilde z_2 / N, \quad \mathcal{L} = \sum_i (1 - c_{ii})^2 + \lambda \sum_{i \ne j} c_{ij}^2 \quad (\tilde z\text{: each dimension standardised over the batch; paper: } \lambda = 0.0051)`,
    summary: 'Redundancy reduction: standardised views must correlate per dimension and not across dimensions.',
    card: null,
    reconstructed: false,
    chart: { kind: 'none', title: '' },
    stateful: false,
  },
  compute(ctx, params) {
    return { loss: barlowLoss(ctx.view1.z, ctx.view2.z, params.lambda) };
  },
});
