/**
 * CorInfoMax (Ozsoy et al., NeurIPS 2022), exactly as docs/methods.md §4
 * and the authors' `cifars-tiny/loss.py`: maximise the log det of a running
 * correlation matrix of each view's L2-normalised embedding (spreads the spectrum,
 * prevents dimensional collapse) while pulling the two views together.
 *
 * State per view: R_v [D, D] and mu_v [D]. `compute` builds the new values inside the
 * gradient closure, stashes stop-gradient copies (kept with tf.keep) and `afterStep`
 * commits them, disposing the old ones, so a step whose update is abandoned changes nothing.
 */
import * as tf from '@tensorflow/tfjs';
import { logdetSPD } from '../kernels/logdet';
import type { ParamSpecs, ValuesOf } from '../params';
import { stopGradient } from '../util/stopGradient';
import { defineTerm, scalarDiagnostic, type Diagnostic, type TermOutput, type TermState } from './term';
import { l2NormalizeRows } from './vectorOps';

/** Remembered statistics of one view. */
export interface CorInfoMaxMemory {
  /** Running correlation matrix R_v [D, D]. */
  R: tf.Tensor2D;
  /** Running mean mu_v [D]. */
  mu: tf.Tensor1D;
}

/** CorInfoMax state: the committed memory of both views and the values the current step computed. */
export interface CorInfoMaxState extends TermState {
  /** Committed [view 1, view 2]; null before the first step (then R = R_ini * I, mu = 0). */
  memory: [CorInfoMaxMemory, CorInfoMaxMemory] | null;
  /** sg(R_new), sg(mu_new) of the last `compute`, committed by `afterStep`. */
  pending: [CorInfoMaxMemory, CorInfoMaxMemory] | null;
}

/** Frees the tensors of a memory pair. */
function disposePair(pair: [CorInfoMaxMemory, CorInfoMaxMemory] | null): void {
  if (pair) for (const m of pair) tf.dispose([m.R, m.mu]);
}

/** A fresh state: no memory yet (R_ini is read from the knobs on the first step). */
export function createCorInfoMaxState(): CorInfoMaxState {
  const state: CorInfoMaxState = {
    memory: null,
    pending: null,
    dispose() {
      disposePair(state.memory);
      disposePair(state.pending);
      state.memory = null;
      state.pending = null;
    },
  };
  return state;
}

/** CorInfoMax's knobs, with the authors' values (ε raised for float32). */
export const CORINFOMAX_PARAMS = {
  alpha: { kind: 'number', label: 'Invariance weight α', default: 250, min: 0, max: 5000, step: 10, help: 'Weight of mean((z1 - z2)^2). The authors use 250 for D = 64 and 1000 for D = 128.' },
  la_R: { kind: 'number', label: 'Memory of R (λ_R)', default: 0.01, min: 0, max: 0.99, step: 0.01, help: 'Weight of the OLD correlation matrix in R_new = λ_R R + (1 - λ_R) C.' },
  la_mu: { kind: 'number', label: 'Memory of μ (λ_μ)', default: 0.01, min: 0, max: 0.99, step: 0.01, help: 'Weight of the OLD mean in μ_new = λ_μ μ + (1 - λ_μ) mean(z).' },
  eps: { kind: 'number', label: 'Diagonal ε', default: 1e-6, min: 1e-9, max: 1e-2, log: true, help: 'Added to R before the log det. The official 1e-8 is float64; in float32 keep 1e-6 or more.' },
  R_ini: { kind: 'number', label: 'Initial R scale', default: 1, min: 0.01, max: 10, log: true, help: 'R starts as R_ini · I; takes effect when the memory starts (first step after a build or Reset).' },
} as const satisfies ParamSpecs;

/** CorInfoMax's knob values. */
export type CorInfoMaxValues = ValuesOf<typeof CORINFOMAX_PARAMS>;

/** mu_new, R_new and log det(R_new + eps I) of one view. */
function updateView(z: tf.Tensor2D, prev: CorInfoMaxMemory | undefined, k: CorInfoMaxValues): { mu: tf.Tensor1D; R: tf.Tensor2D; logdet: tf.Scalar } {
  const [n, d] = z.shape;
  const muPrev = prev ? prev.mu : tf.zeros([d]);
  const rPrev = prev ? prev.R : tf.mul(tf.eye(d), k.R_ini);
  const mu = tf.add(tf.mul(muPrev, k.la_mu), tf.mul(tf.mean(z, 0), 1 - k.la_mu)) as tf.Tensor1D;
  const zc = tf.sub(z, mu);
  const c = tf.div(tf.matMul(zc, zc, true, false), n);
  const R = tf.add(tf.mul(rPrev, k.la_R), tf.mul(c, 1 - k.la_R)) as tf.Tensor2D;
  const logdet = logdetSPD(tf.add(R, tf.mul(tf.eye(d), k.eps)) as tf.Tensor2D);
  return { mu, R, logdet };
}

/**
 * The CorInfoMax loss on already L2-normalised rows z1n, z2n [N, D]:
 * L = alpha * mean((z1n - z2n)^2) - (logdet(R1_new + eps I) + logdet(R2_new + eps I)) / D.
 * Stashes sg(R_new), sg(mu_new) of both views in `state.pending` (replacing any
 * uncommitted ones); `commitCorInfoMax` makes them the memory. Diagnostics: `logdet1`,
 * `logdet2`, `inv` (unweighted invariance loss) and `cov` (L_cov).
 */
export function corinfomaxLoss(z1n: tf.Tensor2D, z2n: tf.Tensor2D, state: CorInfoMaxState, params: CorInfoMaxValues): TermOutput {
  return tf.tidy(() => corinfomaxLossInScope(z1n, z2n, state, params));
}

/** A TermOutput whose diagnostics are always present. */
type CorInfoMaxOutput = { loss: tf.Scalar; diagnostics: Record<string, Diagnostic> };

/** Body of `corinfomaxLoss`; its intermediates belong to the caller's tidy scope. */
function corinfomaxLossInScope(z1n: tf.Tensor2D, z2n: tf.Tensor2D, state: CorInfoMaxState, k: CorInfoMaxValues): CorInfoMaxOutput {
  const d = z1n.shape[1];
  const memory = state.memory && state.memory[0].R.shape[0] === d ? state.memory : null;
  const v1 = updateView(z1n, memory?.[0], k);
  const v2 = updateView(z2n, memory?.[1], k);
  const cov = tf.div(tf.neg(tf.add(v1.logdet, v2.logdet)), d) as tf.Scalar;
  const inv = tf.mean(tf.square(tf.sub(z1n, z2n))) as tf.Scalar;
  const loss = tf.add(tf.mul(inv, k.alpha), cov) as tf.Scalar;

  disposePair(state.pending);
  const keep = (v: { R: tf.Tensor2D; mu: tf.Tensor1D }): CorInfoMaxMemory => ({ R: tf.keep(stopGradient(v.R)), mu: tf.keep(stopGradient(v.mu)) });
  state.pending = [keep(v1), keep(v2)];

  const diagnostics = {
    logdet1: scalarDiagnostic(v1.logdet, 'log det R1'),
    logdet2: scalarDiagnostic(v2.logdet, 'log det R2'),
    inv: scalarDiagnostic(inv, 'L_inv (unweighted)'),
    cov: scalarDiagnostic(cov, 'L_cov'),
  };
  return { loss, diagnostics };
}

/**
 * Makes the stashed values the memory (disposing the old memory); a no-op when nothing
 * is stashed. A stash holding a non-finite value (a step the trainer skipped for NaN)
 * is dropped on the device, without a read-back: the previous memory (or R_ini * I, 0)
 * is kept, so one bad batch cannot poison every later step.
 */
export function commitCorInfoMax(state: CorInfoMaxState, rIni = 1): void {
  const pending = state.pending;
  if (!pending) return;
  const previous = state.memory;
  const committed = tf.tidy(() =>
    pending.map((p, v) => {
      const d = p.R.shape[0];
      const ok = tf.logicalAnd(tf.all(tf.isFinite(p.R)), tf.all(tf.isFinite(p.mu)));
      const oldR = previous?.[v]?.R.shape[0] === d ? previous[v]!.R : tf.mul(tf.eye(d), rIni);
      const oldMu = previous?.[v]?.mu.shape[0] === d ? previous[v]!.mu : tf.zeros([d]);
      return { R: tf.keep(tf.where(ok, p.R, oldR)) as tf.Tensor2D, mu: tf.keep(tf.where(ok, p.mu, oldMu)) as tf.Tensor1D };
    }),
  ) as [CorInfoMaxMemory, CorInfoMaxMemory];
  disposePair(previous);
  disposePair(pending);
  state.memory = committed;
  state.pending = null;
}

/** CorInfoMax as a seed-method loss term. */
export const corinfomaxTerm = defineTerm<typeof CORINFOMAX_PARAMS, CorInfoMaxState>({
  spec: {
    id: 'corinfomax',
    label: 'CorInfoMax',
    role: 'method',
    standalone: true,
    tasks: ['ssl'],
    needs: {},
    params: CORINFOMAX_PARAMS,
    formula:
      'z ← z / ‖z‖ (rows);  μ_new = λ_μ μ + (1-λ_μ) mean(z);  C = (z-μ_new)ᵀ(z-μ_new) / N;  R_new = λ_R R + (1-λ_R) C;  ' +
      'L = α mean((z1-z2)²) - [logdet(R1_new + εI) + logdet(R2_new + εI)] / D;  then R ← sg(R_new), μ ← sg(μ_new)',
    formulaTex: String.raw`\begin{aligned} z &\leftarrow z / \lVert z \rVert \text{ (rows)}, \quad \mu_{new} = \lambda_\mu \mu + (1 - \lambda_\mu) \operatorname{mean}(z), \quad C = (z - \mu_{new})^{\top} (z - \mu_{new}) / N \\ R_{new} &= \lambda_R R + (1 - \lambda_R) C \\ \mathcal{L} &= \alpha \operatorname{mean}\big((z_1 - z_2)^2\big) - \big[\log\det(R_{1,new} + \varepsilon I) + \log\det(R_{2,new} + \varepsilon I)\big] / D \\ &\text{then } R \leftarrow \operatorname{sg}(R_{new}),\ \mu \leftarrow \operatorname{sg}(\mu_{new}) \end{aligned}`,
    summary: 'Maximises the log-determinant of each view’s running correlation matrix so every embedding direction stays in use, while aligning the views.',
    card: 'seeds/corinfomax.md',
    reconstructed: false,
    chart: { kind: 'lines', title: 'CorInfoMax: log det of R and losses', yLabel: 'logdet / loss' },
    stateful: true,
  },
  createState: () => createCorInfoMaxState(),
  compute(ctx, params, state) {
    return corinfomaxLoss(l2NormalizeRows(ctx.view1.z), l2NormalizeRows(ctx.view2.z), state, params);
  },
  afterStep(state, _ctx, params) {
    commitCorInfoMax(state, params.R_ini);
  },
});
