/**
 * CIR, Class Interference Regularization (Munjal, Amin, Galasso, BMVC 2020).
 * RECONSTRUCTED from the abstract (no public code), per docs/methods.md §2:
 * during training, randomly chosen features are moved part of the way towards the
 * negative classes' mean before the task loss sees them.
 *
 *   mu_c      EMA of sg(f) per class (momentum m); unseen classes are skipped
 *   neg(i)    from mu_c over the seen classes c != y_i: their mean (default), the mean of
 *             one of them drawn at random, or the one nearest f_i
 *   f'_i    = f_i + m_i a_i (sg(neg(i)) - f_i),  m_i ~ Bernoulli(p), a_i ~ U(0, alpha_max)
 *
 * The attach point is the backbone features (`perturbFeatures`: what the objective reads,
 * cross-entropy through the classifier, triplet, SupCon) or the classifier's logits
 * (`perturbLogits`: what cross-entropy reads), with class means kept in that space. It adds
 * no loss of its own: `compute` only reports distances for the chart. Draws happen on the CPU (seeded) and are uploaded; neg(i) is
 * computed on the device, so labels are never read back.
 */
import * as tf from '@tensorflow/tfjs';
import type { ParamSpecs, ValuesOf } from '../params';
import type { Rng } from '../util/rng';
import { stopGradient } from '../util/stopGradient';
import { defineTerm, scalarDiagnostic, type TermState } from './term';

/**
 * CIR state: running class means at both attach points (kept up to date whichever is
 * chosen, so the knob can change mid-run) and which classes have been seen.
 */
export interface CirState extends TermState {
  /** Class means of the backbone features [C, F]; rows of unseen classes are zero and unused. */
  means: tf.Tensor2D;
  /** Class means of the classifier's logits [C, C]; rows of unseen classes are zero and unused. */
  logitMeans: tf.Tensor2D;
  /** 1 for classes seen at least once, else 0 [C]. */
  seen: tf.Tensor1D;
}

/** A fresh state for `classes` classes of `featureDim`-wide features. */
export function createCirState(classes: number, featureDim: number): CirState {
  const state: CirState = {
    means: tf.keep(tf.zeros([classes, featureDim])),
    logitMeans: tf.keep(tf.zeros([classes, classes])),
    seen: tf.keep(tf.zeros([classes])),
    dispose() {
      tf.dispose([state.means, state.logitMeans, state.seen]);
    },
  };
  return state;
}

/**
 * How a row's negative mean is formed from the seen class means other than its own:
 * their mean; one of them drawn at random, the floor(u_i * count)-th for a draw u_i in [0, 1);
 * or the one nearest the row.
 */
export type NegativeRule = { kind: 'mean' } | { kind: 'random'; draws: tf.Tensor1D } | { kind: 'nearest' };

/** The rule of today's CIR: the mean of the other seen classes' means. */
const MEAN_OF_OTHERS: NegativeRule = { kind: 'mean' };

/** 1 where class c is seen and is not row i's class: [N, C]. */
function otherSeenClasses(labels: tf.Tensor1D, seen: tf.Tensor1D): tf.Tensor2D {
  const own = tf.oneHot(tf.cast(labels, 'int32'), seen.shape[0]).toFloat();
  return tf.mul(tf.sub(1, own), tf.expandDims(seen, 0)) as tf.Tensor2D;
}

/** Euclidean distances from the rows of f [N, F] to the class means [C, F]: [N, C]. */
export function classMeanDistances(f: tf.Tensor2D, means: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const diff = tf.sub(tf.expandDims(f, 1), tf.expandDims(means, 0));
    return tf.sqrt(tf.sum(tf.square(diff), 2)) as tf.Tensor2D;
  });
}

/**
 * For each row i, the weights [N, C] of the class means that make its negative mean under
 * `rule` (a row sums to 1, or is 0 when no other class is seen) and whether it has one
 * ([N], 1 or 0). The choice reads f [N, F] (nearest) but passes no gradient.
 */
export function negativeWeights(f: tf.Tensor2D, labels: tf.Tensor1D, means: tf.Tensor2D, seen: tf.Tensor1D, rule: NegativeRule): { weights: tf.Tensor2D; has: tf.Tensor1D } {
  return tf.tidy(() => {
    const classes = means.shape[0];
    const others = otherSeenClasses(labels, seen);
    const count = tf.sum(others, 1);
    const has = tf.cast(tf.greater(count, 0), 'float32') as tf.Tensor1D;
    let weights: tf.Tensor2D;
    if (rule.kind === 'mean') {
      weights = tf.div(others, tf.expandDims(tf.maximum(count, 1), 1));
    } else if (rule.kind === 'random') {
      // The k-th other class (0-based) is the one where the running count of others reaches k + 1.
      // A float32 draw can round up to 1: the pick is clamped to the last one.
      const pick = tf.minimum(tf.floor(tf.mul(rule.draws, count)), tf.sub(count, 1));
      const running = tf.matMul(others, tf.linalg.bandPart(tf.ones([classes, classes]), 0, -1));
      weights = tf.mul(others, tf.cast(tf.equal(running, tf.expandDims(tf.add(pick, 1), 1)), 'float32'));
    } else {
      const d = classMeanDistances(stopGradient(f), means);
      const nearest = tf.argMin(tf.where(tf.greater(others, 0), d, tf.fill(d.shape, Infinity)), 1);
      weights = tf.mul(others, tf.oneHot(nearest, classes).toFloat());
    }
    return { weights, has };
  });
}

/**
 * The CIR perturbation with its random draws given: f'_i = f_i + mask_i * steps_i *
 * (sg(neg(i)) - f_i), neg(i) formed by `rule` (default: the mean of the other seen classes'
 * means), no move for a row with no seen negative class.
 * f [N, F], labels [N] int, means [C, F], seen [C] (0/1), mask [N] (0/1), steps [N].
 */
export function cirPerturb(f: tf.Tensor2D, labels: tf.Tensor1D, means: tf.Tensor2D, seen: tf.Tensor1D, mask: tf.Tensor1D, steps: tf.Tensor1D, rule: NegativeRule = MEAN_OF_OTHERS): tf.Tensor2D {
  return tf.tidy(() => {
    const { weights, has } = negativeWeights(f, labels, means, seen, rule);
    const neg = tf.matMul(weights, means);
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

/** Draws u_i ~ U(0, 1) for `n` rows from `rng`: which other class each row moves towards (negative 'random'). */
export function drawNegativePicks(n: number, rng: Rng): Float32Array {
  const draws = new Float32Array(n);
  for (let i = 0; i < n; i++) draws[i] = rng.next();
  return draws;
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
 * Mean Euclidean distance of features to their own class mean (rows whose class is seen),
 * to their negative-class mean (rows that have one) and the margin between the two
 * (negative - own; positive when features sit nearer their own class). The negative is
 * the one CIR moves towards under `negative`: the mean of the other seen classes' means,
 * the nearest of them, or, for a random one, the expected distance to a uniformly drawn one.
 */
export function cirDistances(f: tf.Tensor2D, labels: tf.Tensor1D, means: tf.Tensor2D, seen: tf.Tensor1D, negative: CirNegative = 'mean'): { ownDist: tf.Scalar; negDist: tf.Scalar; margin: tf.Scalar } {
  return tf.tidy(() => {
    const dist = (a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor1D => tf.sqrt(tf.sum(tf.square(tf.sub(a, b)), 1)) as tf.Tensor1D;
    const weightedMean = (x: tf.Tensor1D, w: tf.Tensor1D): tf.Scalar => tf.div(tf.sum(tf.mul(x, w)), tf.maximum(tf.sum(w), 1)) as tf.Scalar;
    const idx = tf.cast(labels, 'int32');
    const ownMean = tf.gather(means, idx) as tf.Tensor2D;
    const ownSeen = tf.gather(seen, idx) as tf.Tensor1D;
    const ownDist = weightedMean(dist(f, ownMean), ownSeen);
    // A random pick's expected distance: the distances to the others averaged with the 'mean' rule's uniform weights.
    const { weights, has } = negativeWeights(f, labels, means, seen, negative === 'nearest' ? { kind: 'nearest' } : MEAN_OF_OTHERS);
    const perRow = negative === 'mean' ? dist(f, tf.matMul(weights, means)) : (tf.sum(tf.mul(weights, classMeanDistances(f, means)), 1) as tf.Tensor1D);
    const negDist = weightedMean(perRow, has);
    return { ownDist, negDist, margin: tf.sub(negDist, ownDist) as tf.Scalar };
  });
}

/** CIR's knobs (our reconstruction's unknowns). */
export const CIR_PARAMS = {
  p: { kind: 'number', label: 'Perturb probability p', default: 0.5, min: 0, max: 1, step: 0.05, help: 'Chance that a feature is moved in a step.' },
  alpha_max: { kind: 'number', label: 'Largest step α_max', default: 0.3, min: 0, max: 1, step: 0.05, help: 'A moved feature travels a ~ U(0, α_max) of the way to the negative-class mean.' },
  momentum: { kind: 'number', label: 'Class-mean momentum', default: 0.9, min: 0, max: 0.999, step: 0.01, help: 'EMA of the class means: μ ← m μ + (1 - m) batch mean.' },
  attach: {
    kind: 'choice',
    label: 'Attach point',
    default: 'features',
    options: [
      { value: 'features', label: 'Backbone features' },
      { value: 'logits', label: 'Classifier logits' },
    ],
    help: "Where the perturbation applies. Backbone features: the features the objective reads move towards the negative classes' mean features (cross-entropy then sees them through the classifier; triplet and SupCon see them directly). Classifier logits: cross-entropy's logits move towards the negative classes' mean logits (an EMA of the classifier's outputs per class). Triplet and SupCon read features, not logits: with them this choice moves nothing, and CIR only tracks and charts the class means of the logits.",
  },
  negative: {
    kind: 'choice',
    label: 'Negative-class mean',
    default: 'mean',
    options: [
      { value: 'mean', label: 'Mean of the other classes' },
      { value: 'random', label: 'One other class at random' },
      { value: 'nearest', label: 'Nearest other class' },
    ],
    help: 'What a moved feature travels towards, among the class means seen so far other than its own: their average; the mean of one of them, drawn uniformly per sample and step; or the mean nearest the feature (the hardest).',
  },
  perturb: {
    kind: 'boolean',
    label: 'Perturb',
    default: true,
    help: 'On: features are moved, as the method does. Off: CIR only tracks the class means and charts the distances, moving nothing. That is the control: the same chart on a run CIR does not change.',
  },
} as const satisfies ParamSpecs;

/** How CIR forms the negative-class mean. */
export type CirNegative = (typeof CIR_PARAMS.negative.options)[number]['value'];

/** CIR's knob values. */
type CirValues = ValuesOf<typeof CIR_PARAMS>;

/**
 * The CIR perturbation of x [N, X] (features or logits) towards the class means [C, X] of
 * the same space, with fresh draws from `rng`: the mask and steps, then (random rule) the picks.
 */
function perturbAt(x: tf.Tensor2D, labels: tf.Tensor1D, means: tf.Tensor2D, seen: tf.Tensor1D, params: CirValues, rng: Rng): tf.Tensor2D {
  const n = x.shape[0];
  const { mask, steps } = drawCirPerturbation(n, params.p, params.alpha_max, rng);
  return tf.tidy(() => {
    // Only the random rule draws, after the mask and steps: the other rules keep today's stream.
    const rule: NegativeRule = params.negative === 'random' ? { kind: 'random', draws: tf.tensor1d(drawNegativePicks(n, rng)) } : { kind: params.negative };
    return cirPerturb(x, labels, means, seen, tf.tensor1d(mask), tf.tensor1d(steps), rule);
  });
}

/** CIR as a seed-method loss term (supervised runs). */
export const cirTerm = defineTerm<typeof CIR_PARAMS, CirState>({
  spec: {
    id: 'cir',
    label: 'CIR',
    role: 'method',
    tasks: ['supervised'],
    needs: { labels: true },
    params: CIR_PARAMS,
    formula: "x'_i = x_i + m_i · a_i · (sg(neg(i)) - x_i),  x = backbone features or classifier logits (attach point),  m_i ~ Bernoulli(p),  a_i ~ U(0, α_max),  neg(i) = from the EMA class means μ_c of x, c ≠ y_i: their mean, a random one, or the nearest",
    formulaTex: String.raw`\begin{aligned} x'_i &= x_i + m_i\, a_i \big(\operatorname{sg}(\operatorname{neg}(i)) - x_i\big), \quad x = \text{backbone features or classifier logits (attach point)} \\ m_i &\sim \operatorname{Bernoulli}(p), \quad a_i \sim U(0, \alpha_{max}) \\ \operatorname{neg}(i) &= \text{from the EMA class means } \mu_c \text{ of } x,\ c \ne y_i\text{: their mean, a random one, or the nearest} \end{aligned}`,
    summary: 'Reconstructed from the abstract (no public code): during training, randomly moves features towards the mean of the other classes so the loss (cross-entropy, triplet or SupCon) must separate harder cases.',
    card: 'seeds/cir.md',
    reconstructed: true,
    chart: { kind: 'lines', title: 'CIR: distance to own vs negative class mean', yLabel: 'mean distance, at the attach point' },
    stateful: true,
  },
  createState: (ctx) => createCirState(ctx.classes, ctx.featureDim),
  perturbFeatures(features, labels, params, state, rng) {
    return params.perturb && params.attach === 'features' ? perturbAt(features, labels, state.means, state.seen, params, rng) : features;
  },
  perturbLogits(logits, labels, params, state, rng) {
    return params.perturb && params.attach === 'logits' ? perturbAt(logits, labels, state.logitMeans, state.seen, params, rng) : logits;
  },
  compute(ctx, params, state) {
    // Distances where the perturbation applies, of the unperturbed view 1.
    const [x, means] = params.attach === 'features' ? [ctx.view1.features, state.means] : [ctx.model.classify(ctx.view1.features), state.logitMeans];
    const { ownDist, negDist, margin } = cirDistances(x, ctx.labels, means, state.seen, params.negative);
    return {
      loss: tf.scalar(0),
      diagnostics: {
        ownDist: scalarDiagnostic(ownDist, 'to own class mean'),
        negDist: scalarDiagnostic(negDist, 'to negative-class mean'),
        margin: scalarDiagnostic(margin, 'margin (negative - own)'),
      },
    };
  },
  afterStep(state, ctx, params) {
    const next = tf.tidy(() => ({
      features: updateClassMeans(ctx.view1.features, ctx.labels, state.means, state.seen, params.momentum),
      logits: updateClassMeans(ctx.model.classify(ctx.view1.features), ctx.labels, state.logitMeans, state.seen, params.momentum),
    }));
    tf.dispose([state.means, state.logitMeans, state.seen, next.logits.seen]);
    state.means = tf.keep(next.features.means);
    state.logitMeans = tf.keep(next.logits.means);
    state.seen = tf.keep(next.features.seen);
  },
});
