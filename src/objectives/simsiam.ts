/**
 * SimSiam: a predictor on one branch and a stop-gradient on the other. Removing
 * either one collapses it (the textbook demo), so both are live toggles.
 */
import type * as tf from '@tensorflow/tfjs';
import * as tfn from '@tensorflow/tfjs';
import { stopGradient } from '../util/stopGradient';
import type { ParamSpecs } from '../params';
import { defineTerm, type PredictionHead } from './term';
import { meanCosine } from './vectorOps';

/**
 * -(cos(p1, sg(z2)) + cos(p2, sg(z1))) / 2, with p = h(z) when a predictor is given
 * (else p = z) and sg only when `stopGrad` is on. docs/methods.md §6.
 */
export function simsiamLoss(z1: tf.Tensor2D, z2: tf.Tensor2D, head: PredictionHead | null, stopGrad: boolean): tf.Scalar {
  const p1 = head ? head(z1) : z1;
  const p2 = head ? head(z2) : z2;
  const t1 = stopGrad ? stopGradient(z1) : z1;
  const t2 = stopGrad ? stopGradient(z2) : z2;
  return tfn.neg(tfn.div(tfn.add(meanCosine(p1, t2), meanCosine(p2, t1)), 2)) as tf.Scalar;
}

/** SimSiam's two toggles. */
export const SIMSIAM_PARAMS = {
  predictor: { kind: 'boolean', label: 'Predictor head', default: true, help: 'Without it SimSiam collapses.' },
  stopGrad: { kind: 'boolean', label: 'Stop-gradient', default: true, help: 'Without it SimSiam collapses.' },
} as const satisfies ParamSpecs;

/** The SimSiam baseline with its two toggles. */
export const simsiamTerm = defineTerm({
  spec: {
    id: 'simsiam',
    label: 'SimSiam',
    role: 'objective',
    tasks: ['ssl'],
    needs: {},
    params: SIMSIAM_PARAMS,
    formula: 'L = -( cos(p1, sg(z2)) + cos(p2, sg(z1)) ) / 2,   p = h(z)',
    formulaTex: String.raw`\mathcal{L} = -\tfrac{1}{2}\big(\cos(p_1, \operatorname{sg}(z_2)) + \cos(p_2, \operatorname{sg}(z_1))\big), \quad p = h(z)`,
    summary: 'Negative cosine between one view\'s prediction and the other view\'s (frozen) embedding; switch off the predictor or the stop-gradient to watch it collapse.',
    card: null,
    reconstructed: false,
    chart: { kind: 'none', title: '' },
    stateful: false,
  },
  predictionHead: (model, params) => (params.predictor ? (z) => model.predict(z) : null),
  compute(ctx, params) {
    return { loss: simsiamLoss(ctx.view1.z, ctx.view2.z, ctx.basePredictionHead, params.stopGrad) };
  },
});
