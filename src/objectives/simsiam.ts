/**
 * SimSiam: a predictor on one branch and a stop-gradient on the other. Removing
 * either one collapses it (the textbook demo), so both are live toggles.
 */
import type * as tf from '@tensorflow/tfjs';
import * as tfn from '@tensorflow/tfjs';
import { stopGradient } from '../util/stopGradient';
import type { LossTerm } from './term';
import { meanCosine } from './vectorOps';

/**
 * -(cos(p1, sg(z2)) + cos(p2, sg(z1))) / 2, with p = h(z) when a predictor is given
 * (else p = z) and sg only when `stopGrad` is on. Spec section 6.
 */
export function simsiamLoss(z1: tf.Tensor2D, z2: tf.Tensor2D, head: ((z: tf.Tensor2D) => tf.Tensor2D) | null, stopGrad: boolean): tf.Scalar {
  const p1 = head ? head(z1) : z1;
  const p2 = head ? head(z2) : z2;
  const t1 = stopGrad ? stopGradient(z1) : z1;
  const t2 = stopGrad ? stopGradient(z2) : z2;
  return tfn.neg(tfn.div(tfn.add(meanCosine(p1, t2), meanCosine(p2, t1)), 2)) as tf.Scalar;
}

/** The SimSiam baseline with its two toggles. */
export const simsiamTerm: LossTerm = {
  spec: {
    id: 'simsiam',
    label: 'SimSiam',
    role: 'objective',
    tasks: ['ssl'],
    needs: {},
    params: {
      predictor: { kind: 'boolean', label: 'Predictor head', default: true, help: 'Without it SimSiam collapses.' },
      stopGrad: { kind: 'boolean', label: 'Stop-gradient', default: true, help: 'Without it SimSiam collapses.' },
    },
    formula: 'L = -( cos(p1, sg(z2)) + cos(p2, sg(z1)) ) / 2,   p = h(z)',
    summary: 'Negative cosine between one view\'s prediction and the other view\'s (frozen) embedding; switch off the predictor or the stop-gradient to watch it collapse.',
    card: null,
    reconstructed: false,
    chart: { kind: 'none', title: '' },
    stateful: false,
  },
  compute(ctx, params) {
    const head = params.predictor === false ? null : (z: tf.Tensor2D) => ctx.model.predict(z);
    return { loss: simsiamLoss(ctx.view1.z, ctx.view2.z, head, params.stopGrad !== false) };
  },
};
