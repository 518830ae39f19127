/**
 * Where one ρSIM block's time goes on the active backend, part by part, at the block
 * shape a run gives it (its batch, the block's tokens and channels, the authors' head
 * sizes): tfjs's per-kernel profiler reports no GPU times on SwiftShader (no timer
 * queries), so each part runs on its own, forward and backward as in a training step,
 * and is timed to the end of its GPU work. The parts overlap (the block loss contains
 * the others); their sum is not the block's time.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendChoice } from '../src/backend/chooseBackend';
import { waitForGpu } from '../src/backend/waitForGpu';
import type { RunConfig } from '../src/config';
import { simBlockLoss } from '../src/objectives/sim/blockLoss';
import { applyPrediction, createSimHeads, SIM_LATENT } from '../src/objectives/sim/heads';
import { normalizedEuclideanDistance } from '../src/objectives/sim/normalizedDistance';
import { drawTokenIds, sampledTokenCount, selectTokens, toTokens } from '../src/objectives/sim/tokens';
import { SIM_PARAMS } from '../src/objectives/sim';
import { Rng } from '../src/util/rng';
import { median } from '../test/support/median';
import { loadDataset } from './datasets';
import { drain } from './gpuSync';

/** The parts timed, in the order of the table. */
export const SIM_PARTS = ['block loss, forward', 'block loss, forward + backward', 'token selection of the output, forward + backward', 'heads (projector + predictor), forward + backward', 'normalised distance, forward + backward'] as const;

/** One part's median time. */
export interface SimPartTiming {
  part: (typeof SIM_PARTS)[number];
  ms: number;
}

/** What was timed: the block tensor's shape, the sampled tokens and rows, and each part. */
export interface SimPartsResult {
  blockShape: number[];
  tokens: number;
  rows: number;
  parts: SimPartTiming[];
}

/** Times `run` (which returns what it computed) `reps` times after one warm-up; median ms, GPU work included. */
async function timePart(run: () => tf.Tensor[], reps: number, backend: BackendChoice): Promise<number> {
  const once = async (): Promise<number> => {
    const t0 = performance.now();
    const out = tf.tidy(run);
    await waitForGpu(backend);
    if (backend.info.id !== 'webgpu') await drain(out[0]!);
    const ms = performance.now() - t0;
    out.forEach((t) => t.dispose());
    return ms;
  };
  await once();
  const times: number[] = [];
  for (let i = 0; i < reps; i++) times.push(await once());
  return median(times);
}

/** Times each part of one ρSIM block of `config`'s model (its default ratio, β 1) on the started backend. */
export async function timeSimParts(config: RunConfig, reps: number, backend: BackendChoice): Promise<SimPartsResult> {
  const data = await loadDataset(config.dataset, config.seed);
  const [h, w] = data.spec.shape;
  const c = config.width;
  // The block tensor as the model hands it over: NHWC after the CNN's stride-2 stem, [B, C] for the MLP.
  const blockShape = config.model === 'cnn' ? [config.batchSize, Math.ceil(h! / 2), Math.ceil(w! / 2), c] : [config.batchSize, c];
  const rng = new Rng(config.seed);
  const { heads, variables } = createSimHeads(c, c, rng);
  const x = tf.randomNormal(blockShape, 0, 1, 'float32', 1);
  // tidy frees each initial value; the variable keeps its own reference to the data.
  const y = tf.tidy(() => tf.variable(tf.randomNormal(blockShape, 0, 1, 'float32', 2)));
  const total = toTokens(x).shape[1];
  const n = sampledTokenCount(SIM_PARAMS.ratio.default, total);
  const ids = drawTokenIds(rng, total, n);
  const rowsOf = toTokens(x).shape[0] * n;
  const trainable = [...variables, y];
  const tokensOfY = tf.tidy(() => tf.variable(selectTokens(toTokens(y), ids)));
  const latent = tf.tidy(() => tf.variable(tf.randomNormal([toTokens(x).shape[0], n, SIM_LATENT], 0, 1, 'float32', 3)));
  const target = tf.randomNormal(latent.shape, 0, 1, 'float32', 4);
  const grads = (f: () => tf.Scalar, vars: tf.Variable[]): tf.Tensor[] => Object.values(tf.variableGrads(f, vars).grads);
  const runs: Record<(typeof SIM_PARTS)[number], () => tf.Tensor[]> = {
    'block loss, forward': () => [simBlockLoss(x, y, heads, ids, 1).loss],
    'block loss, forward + backward': () => grads(() => simBlockLoss(x, y, heads, ids, 1).loss, trainable),
    'token selection of the output, forward + backward': () => grads(() => tf.sum(selectTokens(toTokens(y), ids)), [y]),
    'heads (projector + predictor), forward + backward': () => grads(() => tf.sum(applyPrediction(tokensOfY as tf.Tensor3D, heads)), [...variables, tokensOfY]),
    'normalised distance, forward + backward': () => grads(() => normalizedEuclideanDistance(latent as tf.Tensor3D, target as tf.Tensor3D), [latent]),
  };
  try {
    const parts: SimPartTiming[] = [];
    for (const part of SIM_PARTS) parts.push({ part, ms: await timePart(runs[part], reps, backend) });
    return { blockShape, tokens: n, rows: rowsOf, parts };
  } finally {
    [x, y, tokensOfY, latent, target, ...variables].forEach((t) => t.dispose());
  }
}
