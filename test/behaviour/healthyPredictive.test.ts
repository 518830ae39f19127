/**
 * The predictive baselines that must NOT collapse do not (docs/methods.md §6, §7): SimSiam
 * with its predictor and stop-gradient (its own recipe, SGD with momentum, the same as its two
 * collapsing ablations in collapses.test.ts) and BYOL, trained with the project's own Trainer
 * on WASM, seeded, end healthy (spread at least 0.5/√D and RankMe at least D/8).
 */
import { describe, expect, it } from 'vitest';
import { trainToVerdict } from '../support/trainToVerdict';

describe('no collapse with a predictor, as the literature says', { timeout: 150_000 }, () => {
  it('SimSiam with its predictor and stop-gradient does not collapse', async () => {
    const r = await trainToVerdict({ objective: 'simsiam', optimizer: 'sgd', lr: 0.05 }, 400);
    expect(r.level, JSON.stringify(r)).toBe('healthy');
  });

  it('BYOL does not collapse', async () => {
    const r = await trainToVerdict({ objective: 'byol' }, 300);
    expect(r.level, JSON.stringify(r)).toBe('healthy');
  });
});
