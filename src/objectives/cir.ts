/**
 * CIR, Class Interference Regularization (Munjal, Amin, Galasso, BMVC 2020).
 * RECONSTRUCTED from the abstract (no public code), per docs/methods.md §2:
 * during training, randomly chosen features are moved part of the way towards the
 * average of the other classes' means before the task loss sees them.
 *
 *   mu_c      EMA of sg(f) per class (momentum m); unseen classes are skipped
 *   neg(i)    mean of mu_c over the seen classes c != y_i
 *   f'_i    = f_i + m_i a_i (sg(neg(i)) - f_i),  m_i ~ Bernoulli(p), a_i ~ U(0, alpha_max)
 *
 * It adds no loss of its own: `perturbFeatures` changes what the classifier sees and
 * `compute` only reports distances for the chart. Draws happen on the CPU (seeded) and
 * are uploaded; neg(i) is computed on the device, so labels are never read back.
 */
import * as tf from '@tensorflow/tfjs';
import type { ParamSpecs } from '../params';
import type { Rng } from '../util/rng';
import { stopGradient } from '../util/stopGradient';
import { defineTerm, scalarDiagnostic, type TermState } from './term';

/** CIR state: running class means and which classes have been seen. */
export interface CirState extends TermState {
  /** Class means [C, F]; rows of unseen classes are zero and unused. */
  means: tf.Tensor2D;
  /** 1 for classes seen at least once, else 0 [C]. */
  seen: tf.Tensor1D;
}

/** A fresh state for `classes` classes of `featureDim`-wide features. */
export function createCirState(classes: number, featureDim: number): CirState {
  const state: CirState = {
    means: tf.keep(tf.zeros([classes, featureDim])),
    seen: tf.keep(tf.zeros([classes])),
    dispose() {
      tf.dispose([state.means, state.seen]);
    },
  };
  return state;
}

/**
 * For each row i: the mean of the seen class means other than y_i ([N, F]) and whether
 * there is any ([N], 1 or 0). Rows without one get a zero vector.
 */
export function negativeClassMeans(labels: tf.Tensor1D, means: tf.Tensor2D, seen: tf.Tensor1D): { neg: tf.Tensor2D; has: tf.Tensor1D } {
  return tf.tidy(() => {
    const classes = means.shape[0];
    const own = tf.oneHot(tf.cast(labels, 'int32'), classes).toFloat();
    const weights = tf.mul(tf.sub(1, own), tf.expandDims(seen, 0));
    const count = tf.sum(weights, 1);
    const neg = tf.div(tf.matMul(weights, means), tf.expandDims(tf.maximum(count, 1), 1)) as tf.Tensor2D;
    const has = tf.cast(tf.greater(count, 0), 'float32') as tf.Tensor1D;
    return { neg, has };
  });
}

/**
 * The CIR perturbation with its random draws given: f'_i = f_i + mask_i * steps_i *
 * (sg(neg(i)) - f_i), no move for a row with no seen negative class.
 * f [N, F], labels [N] int, means [C, F], seen [C] (0/1), mask [N] (0/1), steps [N].
 */
export function cirPerturb(f: tf.Tensor2D, labels: tf.Tensor1D, means: tf.Tensor2D, seen: tf.Tensor1D, mask: tf.Tensor1D, steps: tf.Tensor1D): tf.Tensor2D {
  return tf.tidy(() => {
    const { neg, has } = negativeClassMeans(labels, means, seen);
    const coef = tf.expandDims(tf.mul(tf.mul(mask, steps), has), 1);
    return tf.add(f, tf.mul(coef, tf.sub(stopGradient(neg), f))) as tf.Tensor2D;
  });
}

/** Draws the Bernoulli(p) mask and U(0, alpha_max) steps for `n` rows from `rng`. */
export function drawCirPerturbation(n: number, p: number, alphaMax: number, rng: Rng): { mask: Float32Array; steps: Float32Array } {
  const mask = new Float32Array(n);
  const steps = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    mask[i] = rng.next() < p ? 1 : 0;
    steps[i] = rng.uniform(0, alphaMax);
  }
  return { mask, steps };
}

/**
 * The EMA update of the class means from a batch (features f [N, F], labels [N]):
 * a class present in the batch moves to m * mu + (1 - m) * batch mean, or takes the
 * batch mean if first seen; absent classes keep their mean. Returns new tensors.
 */
export function updateClassMeans(f: tf.Tensor2D, labels: tf.Tensor1D, means: tf.Tensor2D, seen: tf.Tensor1D, momentum: number): { means: tf.Tensor2D; seen: tf.Tensor1D } {
  return tf.tidy(() => {
    const classes = means.shape[0];
    const own = tf.oneHot(tf.cast(labels, 'int32'), classes).toFloat();
    const counts = tf.sum(own, 0);
    const batchMean = tf.div(tf.matMul(own, f, true, false), tf.expandDims(tf.maximum(counts, 1), 1));
    const present = tf.expandDims(tf.cast(tf.greater(counts, 0), 'float32'), 1);
    const old = tf.expandDims(seen, 1);
    // Per class: keep (absent), take the batch mean (first sighting) or blend (seen before).
    const blended = tf.add(tf.mul(means, momentum), tf.mul(batchMean, 1 - momentum));
    const target = tf.add(tf.mul(old, blended), tf.mul(tf.sub(1, old), batchMean));
    const next = tf.add(tf.mul(present, target), tf.mul(tf.sub(1, present), means)) as tf.Tensor2D;
    const nextSeen = tf.maximum(seen, tf.squeeze(present, [1])) as tf.Tensor1D;
    return { means: next, seen: nextSeen };
  });
}

/**
 * Mean Euclidean distance of features to their own class mean (rows whose class is seen)
 * and to the mean of the negative-class means (rows that have one).
 */
export function cirDistances(f: tf.Tensor2D, labels: tf.Tensor1D, means: tf.Tensor2D, seen: tf.Tensor1D): { ownDist: tf.Scalar; negDist: tf.Scalar } {
  return tf.tidy(() => {
    const dist = (a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor1D => tf.sqrt(tf.sum(tf.square(tf.sub(a, b)), 1)) as tf.Tensor1D;
    const weightedMean = (x: tf.Tensor1D, w: tf.Tensor1D): tf.Scalar => tf.div(tf.sum(tf.mul(x, w)), tf.maximum(tf.sum(w), 1)) as tf.Scalar;
    const idx = tf.cast(labels, 'int32');
    const ownMean = tf.gather(means, idx) as tf.Tensor2D;
    const ownSeen = tf.gather(seen, idx) as tf.Tensor1D;
    const { neg, has } = negativeClassMeans(labels, means, seen);
    return { ownDist: weightedMean(dist(f, ownMean), ownSeen), negDist: weightedMean(dist(f, neg), has) };
  });
}

/** CIR's knobs (our reconstruction's unknowns). */
export const CIR_PARAMS = {
  p: { kind: 'number', label: 'Perturb probability p', default: 0.5, min: 0, max: 1, step: 0.05, help: 'Chance that a feature is moved in a step.' },
  alpha_max: { kind: 'number', label: 'Largest step α_max', default: 0.3, min: 0, max: 1, step: 0.05, help: 'A moved feature travels a ~ U(0, α_max) of the way to the negative-class mean.' },
  momentum: { kind: 'number', label: 'Class-mean momentum', default: 0.9, min: 0, max: 0.999, step: 0.01, help: 'EMA of the class means: μ ← m μ + (1 - m) batch mean.' },
} as const satisfies ParamSpecs;

/** CIR as a seed-method loss term (supervised runs). */
export const cirTerm = defineTerm<typeof CIR_PARAMS, CirState>({
  spec: {
    id: 'cir',
    label: 'CIR',
    role: 'method',
    tasks: ['supervised'],
    needs: { labels: true },
    params: CIR_PARAMS,
    formula: "f'_i = f_i + m_i · a_i · (sg(neg(i)) - f_i),  m_i ~ Bernoulli(p),  a_i ~ U(0, α_max),  neg(i) = mean of the EMA class means μ_c, c ≠ y_i",
    summary: 'Reconstructed from the abstract (no public code): during training, randomly moves features towards the mean of the other classes so the classifier must separate harder cases.',
    card: 'seeds/cir.md',
    reconstructed: true,
    chart: { kind: 'lines', title: 'CIR: distance to own vs negative class mean', yLabel: 'mean distance' },
    stateful: true,
  },
  createState: (ctx) => createCirState(ctx.classes, ctx.featureDim),
  perturbFeatures(features, labels, params, state, rng) {
    const { mask, steps } = drawCirPerturbation(features.shape[0], params.p, params.alpha_max, rng);
    return tf.tidy(() => cirPerturb(features, labels, state.means, state.seen, tf.tensor1d(mask), tf.tensor1d(steps)));
  },
  compute(ctx, _params, state) {
    const { ownDist, negDist } = cirDistances(ctx.view1.features, ctx.labels, state.means, state.seen);
    return {
      loss: tf.scalar(0),
      diagnostics: { ownDist: scalarDiagnostic(ownDist, 'to own class mean'), negDist: scalarDiagnostic(negDist, 'to negative-class mean') },
    };
  },
  afterStep(state, ctx, params) {
    const next = updateClassMeans(ctx.view1.features, ctx.labels, state.means, state.seen, params.momentum);
    tf.dispose([state.means, state.seen]);
    state.means = tf.keep(next.means);
    state.seen = tf.keep(next.seen);
  },
});
