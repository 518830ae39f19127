/**
 * The baselines that must collapse do (docs/methods.md §6, §7): trained with the project's
 * own Trainer on WASM, seeded, they end with a spread below 0.1/√D. SimSiam's two ablations
 * use SimSiam's own recipe (SGD with momentum); naive alignment trains with Adam.
 * The runs that must NOT collapse are in healthyPredictive.test.ts and healthyDecorrelating.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { trainToVerdict } from '../support/trainToVerdict';

const SIMSIAM_RECIPE = { objective: 'simsiam', optimizer: 'sgd', lr: 0.05 } as const;

describe('collapse, as the literature says', { timeout: 150_000 }, () => {
  it('naive alignment collapses', async () => {
    const r = await trainToVerdict({ objective: 'naive' }, 300);
    expect(r.level, JSON.stringify(r)).toBe('collapsed');
  });

  it('SimSiam without its stop-gradient collapses (Chen & He 2021)', async () => {
    const r = await trainToVerdict({ ...SIMSIAM_RECIPE, params: { simsiam: { stopGrad: false } } }, 400);
    expect(r.level, JSON.stringify(r)).toBe('collapsed');
  });

  it('SimSiam without its predictor collapses (Chen & He 2021)', async () => {
    const r = await trainToVerdict({ ...SIMSIAM_RECIPE, params: { simsiam: { predictor: false } } }, 400);
    expect(r.level, JSON.stringify(r)).toBe('collapsed');
  });
});
