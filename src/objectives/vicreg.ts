/**
 * VICReg: invariance + variance hinge + covariance decorrelation. Does not collapse:
 * the non-collapsing reference the naive baseline is compared with.
 */
import * as tf from '@tensorflow/tfjs';
import type { ParamSpecs } from '../params';
import { defineTerm, scalarDiagnostic } from './term';
import { offDiagonalSquaredSum } from './vectorOps';

/** The three parts of the VICReg loss, unweighted. */
export interface VicregParts {
  invariance: tf.Scalar;
  variance: tf.Scalar;
  covariance: tf.Scalar;
}

/**
 * docs/methods.md §6: inv = mean((z1-z2)^2); var = [mean(relu(1 - s1)) + mean(relu(1 - s2))]/2
 * with s = sqrt(var_unbiased + 1e-4); cov = sum_{i!=j} cov_ij^2 / D per view, cov = zc^T zc / (N-1).
 */
export function vicregParts(z1: tf.Tensor2D, z2: tf.Tensor2D): VicregParts {
  const [n, d] = z1.shape;
  const invariance = tf.mean(tf.squaredDifference(z1, z2)) as tf.Scalar;
  const stats = (z: tf.Tensor2D) => {
    const zc = tf.sub(z, tf.mean(z, 0, true));
    const varU = tf.div(tf.sum(tf.square(zc), 0), n - 1);
    const hinge = tf.mean(tf.relu(tf.sub(1, tf.sqrt(tf.add(varU, 1e-4)))));
    const cov = tf.div(tf.matMul(zc, zc, true, false), n - 1) as tf.Tensor2D;
    return { hinge, off: tf.div(offDiagonalSquaredSum(cov), d) };
  };
  const a = stats(z1);
  const b = stats(z2);
  return {
    invariance,
    variance: tf.div(tf.add(a.hinge, b.hinge), 2) as tf.Scalar,
    covariance: tf.add(a.off, b.off) as tf.Scalar,
  };
}

/** VICReg's three weights, with the paper's values. */
export const VICREG_PARAMS = {
  invWeight: { kind: 'number', label: 'Invariance weight λ', default: 25, min: 0, max: 100, step: 1 },
  varWeight: { kind: 'number', label: 'Variance weight μ', default: 25, min: 0, max: 100, step: 1 },
  covWeight: { kind: 'number', label: 'Covariance weight ν', default: 1, min: 0, max: 100, step: 0.5 },
} as const satisfies ParamSpecs;

/** The VICReg baseline. */
export const vicregTerm = defineTerm({
  spec: {
    id: 'vicreg',
    label: 'VICReg',
    role: 'objective',
    tasks: ['ssl'],
    needs: {},
    params: VICREG_PARAMS,
    formula: 'L = λ mean((z1-z2)^2) + μ [mean relu(1-s1) + mean relu(1-s2)]/2\n  + ν (sum_{i!=j} C1_ij^2/D + sum_{i!=j} C2_ij^2/D),   s = sqrt(var + 1e-4)   (paper: λ = μ = 25, ν = 1)',
    formulaTex: String.raw`\begin{aligned} \mathcal{L} &= \lambda \operatorname{mean}\big((z_1 - z_2)^2\big) + \mu\,\tfrac{1}{2}\big[\operatorname{mean} \operatorname{relu}(1 - s_1) + \operatorname{mean} \operatorname{relu}(1 - s_2)\big] \\ &\quad + \nu \Big(\textstyle\sum_{i \ne j} (C_1)_{ij}^2 / D + \sum_{i \ne j} (C_2)_{ij}^2 / D\Big), \qquad s = \sqrt{\operatorname{var} + 10^{-4}} \quad (\text{paper: } \lambda = \mu = 25,\ \nu = 1) \end{aligned}`,
    summary: 'Keeps every dimension\'s variance above 1 and decorrelates dimensions, so the spectrum stays full.',
    card: null,
    reconstructed: false,
    chart: { kind: 'lines', title: 'VICReg parts' },
    stateful: false,
  },
  compute(ctx, params) {
    const p = vicregParts(ctx.view1.z, ctx.view2.z);
    const loss = tf.addN([
      tf.mul(p.invariance, params.invWeight),
      tf.mul(p.variance, params.varWeight),
      tf.mul(p.covariance, params.covWeight),
    ]) as tf.Scalar;
    const diagnostics = {
      invariance: scalarDiagnostic(p.invariance, 'invariance'),
      variance: scalarDiagnostic(p.variance, 'variance hinge'),
      covariance: scalarDiagnostic(p.covariance, 'covariance'),
    };
    return { loss, diagnostics };
  },
});
