/**
 * ρSIM, Self Identity Mapping (Cai et al. 2025; docs/methods.md §1): every residual block
 * gets a small head that predicts a latent projection of the block's input from its
 * output, so the block is pushed to keep what it was given. Works on the CNN (spatial
 * positions are tokens) and on the MLP (the batch rows are the tokens).
 */
import * as tf from '@tensorflow/tfjs';
import type { ParamSpecs } from '../params';
import { Rng } from '../util/rng';
import { simBlockLoss } from './sim/blockLoss';
import { createSimHeads, type SimHeads } from './sim/heads';
import { meanOfFinite } from './sim/meanOfFinite';
import { drawTokenIds, sampledTokenCount, tokenCount } from './sim/tokens';
import { defineTerm, scalarDiagnostic, type Diagnostic, type StepContext, type TermOutput, type TermState } from './term';

export { normalizedEuclideanDistance } from './sim/normalizedDistance';
export { simBlockLoss } from './sim/blockLoss';

/** ρSIM's knobs, with the authors' defaults. */
export const SIM_PARAMS = {
  ratio: {
    kind: 'number',
    label: 'Token ratio',
    default: 0.2,
    min: 0.05,
    max: 1,
    step: 0.05,
    help: 'Share of tokens sampled per block and step: n = floor(ratio x tokens), one subset for the whole batch. CNN: tokens are the spatial positions. MLP: the batch rows are the tokens (n = floor(ratio x batch size)). Blocks with n < 2 are skipped.',
  },
  beta: {
    kind: 'number',
    label: 'Weight beta',
    default: 5e-3,
    min: 1e-5,
    max: 1,
    log: true,
    help: 'Each block contributes beta x d; the term is the mean over blocks.',
  },
  shapeNetwork: {
    kind: 'boolean',
    label: 'Shape the network',
    default: true,
    help: 'On: the loss flows back into the blocks, as the method does. Off: the heads still learn to predict each block\'s input from its output, but on detached blocks, so nothing reaches the network. That is the control: the reconstruction error any freshly trained head reaches on a network ρSIM does not shape.',
  },
} as const satisfies ParamSpecs;

/** The heads of every attachable block, in depth order. */
export interface SimState extends TermState {
  heads: SimHeads[];
  variables: tf.Variable[];
}

/** Seed offset so ρSIM's heads draw a stream of their own. */
const SIM_SEED_SALT = 0x5117;

/** The ρSIM seed method. */
export const simTerm = defineTerm<typeof SIM_PARAMS, SimState>({
  spec: {
    id: 'sim',
    label: 'ρSIM (Self Identity Mapping)',
    role: 'method',
    tasks: ['ssl', 'supervised'],
    needs: { blocks: true },
    params: SIM_PARAMS,
    formula: [
      'X = sg(block input), Y = block output, as tokens [B, T, C]   (MLP: the batch rows are the tokens)',
      'ids = one random subset of n = floor(ratio*T) tokens, shared by the batch',
      'T = sg(proj(X[ids])),  P = pred(proj(pre(Y[ids])))   (proj: C_in-256-128-128, pred: 128-128)',
      'S(a) = (a - mean_tokens a) / (std_tokens a + 1e-6),  d = mean_(b,i) ||S(P) - S(T)||_2',
      'L = mean over blocks of beta * d',
    ].join('\n'),
    formulaTex: String.raw`\begin{aligned} X &= \operatorname{sg}(\text{block input}),\ Y = \text{block output, as tokens } [B, T, C] \quad (\text{MLP: the batch rows are the tokens}) \\ \text{ids} &= \text{one random subset of } n = \lfloor \text{ratio} \cdot T \rfloor \text{ tokens, shared by the batch} \\ \mathbf{T} &= \operatorname{sg}(\operatorname{proj}(X[\text{ids}])), \quad \mathbf{P} = \operatorname{pred}(\operatorname{proj}(\operatorname{pre}(Y[\text{ids}]))) \\ S(a) &= \frac{a - \operatorname{mean}_{\text{tokens}} a}{\operatorname{std}_{\text{tokens}} a + 10^{-6}}, \quad d = \operatorname{mean}_{b,i} \lVert S(\mathbf{P}) - S(\mathbf{T}) \rVert_2 \\ \mathcal{L} &= \operatorname{mean}_{\text{blocks}} \beta\, d \end{aligned}`,
    summary: 'Each residual block learns to predict (a projection of) its own input from its output, so blocks keep information; on the MLP the batch rows serve as tokens.',
    card: 'seeds/sim.md',
    reconstructed: false,
    chart: { kind: 'lines', title: 'Reconstruction error (normalised distance per block)', yLabel: 'd' },
    stateful: true,
  },

  createState(ctx): SimState {
    const rng = new Rng((ctx.seed ^ SIM_SEED_SALT) * 31 + 7);
    const heads: SimHeads[] = [];
    const variables: tf.Variable[] = [];
    for (const block of ctx.blocks) {
      const created = createSimHeads(block.channelsIn, block.channelsOut, rng);
      heads.push(created.heads);
      variables.push(...created.variables);
    }
    return {
      heads,
      variables,
      dispose() {
        for (const v of variables) v.dispose();
        variables.length = 0;
        heads.length = 0;
      },
    };
  },

  compute(ctx: StepContext, params, state): TermOutput {
    const { ratio, beta, shapeNetwork } = params;
    const losses: tf.Scalar[] = [];
    const diagnostics: Record<string, Diagnostic> = {};
    ctx.view1.blocks.forEach((trace, i) => {
      const heads = state.heads[i];
      if (!heads) return;
      const total = tokenCount(trace.input);
      const n = sampledTokenCount(ratio, total);
      if (n < 2) return;
      const ids = drawTokenIds(ctx.rng, total, n);
      const block = simBlockLoss(trace.input, trace.output, heads, ids, beta, !shapeNetwork);
      losses.push(block.loss);
      diagnostics[`block${i + 1}`] = scalarDiagnostic(block.distance, `block ${i + 1}`);
    });
    return { loss: meanOfFinite(losses), diagnostics };
  },
});
