/**
 * IMSVD, Information-Maximized Soft Variable Discretization (Niu et al. 2025; spec
 * section 3), as a switchable method on the two views' projector outputs. It needs no
 * predictor, stop-gradient or negatives: the information terms alone prevent collapse.
 * Its chart is the soft-code health of view 1's codes (src/metrics/softCodeHealth.ts):
 * the mean assignment is flat both for a healthy code and for an undecided one.
 */
import * as tf from '@tensorflow/tfjs';
import { softCodeHealth } from '../metrics/softCodeHealth';
import type { ParamSpecs } from '../params';
import { imsvdLoss } from './imsvd/imsvdLoss';
import { defineTerm, scalarDiagnostic, type Diagnostic } from './term';

export { imsvdLoss, type ImsvdOptions, type ImsvdParts } from './imsvd/imsvdLoss';

/** IMSVD's knobs: the official coefficients and temperature, a browser-sized bin count. */
export const IMSVD_PARAMS = {
  binSize: {
    kind: 'number',
    label: 'Bins per variable B',
    default: 8,
    min: 2,
    max: 64,
    integer: true,
    step: 1,
    help: 'The embedding is cut into K = floor(D / B) variables of B bins; when D is not a multiple of B the last D - K*B dims are not used, and when D < B the term is inactive. The joint of two variables has B^2 cells: keep the batch well above B^2 (official B = 32 with batch 512).',
  },
  t: { kind: 'number', label: 'Temperature t', default: 1, min: 0.05, max: 10, log: true, help: 'Softmax temperature over the bins of each variable.' },
  cTi: { kind: 'number', label: 'Invariance c_ti', default: 1, min: 0, max: 10, step: 0.1, help: 'Weight of L_ti: both views should fall in the same bin.' },
  cDia: { kind: 'number', label: 'Diagonal c_dia', default: 1, min: 0, max: 10, step: 0.1, help: 'Weight of L_dia: each variable should use all its bins (entropy of its matched joint).' },
  cOff: { kind: 'number', label: 'Off-diagonal c_off', default: 1, min: 0, max: 10, step: 0.1, help: 'Weight of L_off: different variables should be independent (low redundancy).' },
} as const satisfies ParamSpecs;

/** The IMSVD seed method. */
export const imsvdTerm = defineTerm({
  spec: {
    id: 'imsvd',
    label: 'IMSVD (soft variable discretization)',
    role: 'method',
    standalone: true,
    tasks: ['ssl'],
    needs: {},
    params: IMSVD_PARAMS,
    formula: [
      'p = max(softmax(z as [N, K, B] / t over bins), 1e-8),  K = floor(D / B)',
      'L_ti  = -mean_(n,k) log sum_b p1 p2',
      'J = P1^T P2 / N  ([K*B, K*B]; block (k,l) = joint of variable k (view 1) and l (view 2))',
      'L_dia = sum_d J_dd log J_dd / K,   L_off = sum over blocks k != l of J log J / (K(K-1))',
      'L = c_dia L_dia + c_off L_off + c_ti L_ti      (optimum about -3 log B, collapse 0)',
    ].join('\n'),
    formulaTex: String.raw`\begin{aligned} p &= \max\big(\operatorname{softmax}_{\text{bins}}(z \text{ as } [N, K, B] / t),\ 10^{-8}\big), \quad K = \lfloor D / B \rfloor \\ \mathcal{L}_{ti} &= -\operatorname{mean}_{n,k} \log \textstyle\sum_b p_1 p_2 \\ J &= P_1^{\top} P_2 / N \quad ([KB, KB];\ \text{block } (k, l) = \text{joint of variable } k \text{ (view 1) and } l \text{ (view 2)}) \\ \mathcal{L}_{dia} &= \textstyle\sum_d J_{dd} \log J_{dd} / K, \quad \mathcal{L}_{off} = \sum_{\text{blocks } k \ne l} J \log J / (K(K - 1)) \\ \mathcal{L} &= c_{dia} \mathcal{L}_{dia} + c_{off} \mathcal{L}_{off} + c_{ti} \mathcal{L}_{ti} \quad (\text{optimum about } {-3} \log B, \text{ collapse } 0) \end{aligned}`,
    summary: 'Softly bins every group of B embedding dims and maximises information: views agree on their bin, each variable uses all its bins, different variables stay independent.',
    card: 'seeds/imsvd.md',
    reconstructed: false,
    chart: { kind: 'lines', title: 'Soft-code health (view 1)', yLabel: 'nats, mean over variables' },
    stateful: false,
  },
  compute(ctx, params) {
    const parts = imsvdLoss(ctx.view1.z, ctx.view2.z, params);
    if (parts.variables === 0) return { loss: parts.loss };
    // L_ti shares the nats scale (0 when the views agree, log B for flat codes); L_dia and L_off
    // are negative down to -log B and -2 log B, so they stay on the loss chart via the total.
    const health = softCodeHealth(parts.assignment);
    const diagnostics: Record<string, Diagnostic> = {
      mi: scalarDiagnostic(tf.mean(health.mutualInformation), 'mutual information I(x; code)'),
      entropy: scalarDiagnostic(tf.mean(health.entropy), 'per-sample entropy H(code | x)'),
      maxEntropy: scalarDiagnostic(tf.scalar(Math.log(params.binSize)), 'log B (most possible)'),
      ti: scalarDiagnostic(parts.ti, 'L_ti (views disagree)'),
    };
    return { loss: parts.loss, diagnostics };
  },
});
