/**
 * BYOL (Grill et al. 2020): the online network (backbone, projector, predictor) predicts
 * the embedding a target network gives the other view; the target is not trained but
 * follows the online weights as an exponential moving average, ξ ← m ξ + (1 - m) θ after
 * each step. No negatives, and no collapse (docs/methods.md §6).
 */
import * as tf from '@tensorflow/tfjs';
import type { Model } from '../models/model';
import type { ParamSpecs } from '../params';
import { stopGradient } from '../util/stopGradient';
import { defineTerm, type TermState } from './term';
import { meanCosine } from './vectorOps';

/** BYOL's knob: the target's momentum. */
export const BYOL_PARAMS = {
  momentum: {
    kind: 'number',
    label: 'Target momentum m',
    default: 0.99,
    min: 0,
    max: 0.9999,
    step: 0.001,
    help: 'After each step the target moves to m × target + (1 - m) × online. The paper starts at 0.996 and raises it to 1 over training; short runs use 0.99. At 0 the target is the online network itself (no moving average).',
  },
} as const satisfies ParamSpecs;

/** BYOL's state: the target network. */
export interface ByolState extends TermState {
  target: Model;
}

/** 2 - 2 cos(q, sg(t)), averaged over rows. */
export function byolDirection(q: tf.Tensor2D, t: tf.Tensor2D): tf.Scalar {
  return tf.sub(2, tf.mul(2, meanCosine(q, stopGradient(t)))) as tf.Scalar;
}

/** ξ ← m ξ + (1 - m) θ for every variable of `target` that `online` has; running statistics stay the target's own. */
export function moveTarget(target: Model, online: Model, momentum: number): void {
  tf.tidy(() => {
    for (const [name, t] of target.variables) {
      const o = online.variables.get(name);
      if (o) t.assign(tf.add(tf.mul(t, momentum), tf.mul(o, 1 - momentum)));
    }
  });
}

/** The BYOL baseline. */
export const byolTerm = defineTerm<typeof BYOL_PARAMS, ByolState>({
  spec: {
    id: 'byol',
    label: 'BYOL',
    role: 'objective',
    tasks: ['ssl'],
    needs: {},
    params: BYOL_PARAMS,
    formula: 'L = [2 - 2 cos(q(z1), sg(z2\u0302))] + [2 - 2 cos(q(z2), sg(z1\u0302))],  z\u0302 = target network (EMA of the online one: ξ ← m ξ + (1 - m) θ)',
    formulaTex: String.raw`\mathcal{L} = \big[2 - 2\cos(q(z_1), \operatorname{sg}(\hat z_2))\big] + \big[2 - 2\cos(q(z_2), \operatorname{sg}(\hat z_1))\big], \quad \hat z \text{ from the target network: } \xi \leftarrow m\,\xi + (1 - m)\,\theta`,
    summary: 'The online network predicts what a slowly moving copy of itself (the target) says about the other view; the predictor and the moving average keep it from collapsing.',
    card: null,
    reconstructed: false,
    chart: { kind: 'none', title: '' },
    stateful: true,
  },
  createState(ctx): ByolState {
    const target = ctx.cloneModel();
    const saved = new Map<string, tf.Variable>();
    for (const [name, v] of [...target.variables, ...target.buffers]) saved.set(`target/${name}`, v);
    return { target, saved, dispose: () => target.dispose() };
  },
  predictionHead: (model) => (z) => model.predict(z),
  compute(ctx, _params, state) {
    const t1 = state.target.forward(ctx.x1).z;
    const t2 = state.target.forward(ctx.x2).z;
    const q1 = ctx.model.predict(ctx.view1.z);
    const q2 = ctx.model.predict(ctx.view2.z);
    return { loss: tf.add(byolDirection(q1, t2), byolDirection(q2, t1)) as tf.Scalar };
  },
  afterStep(state, ctx, params) {
    state.target.commitRunningStats();
    moveTarget(state.target, ctx.model, params.momentum);
  },
});
