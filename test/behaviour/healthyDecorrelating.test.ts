/**
 * The decorrelating and information-maximising objectives do not collapse (docs/methods.md
 * §3, §4, §6, §7): VICReg, Barlow Twins, and CorInfoMax and IMSVD alone, as their authors
 * train them (CorInfoMax without batch norm in the projector, α scaled to D = 32 from the
 * authors' 250 at D = 64 as α ∝ D²), trained with the project's own Trainer on WASM, seeded,
 * end healthy (spread at least 0.5/√D and RankMe at least D/8).
 */
import { describe, expect, it } from 'vitest';
import { trainToVerdict } from '../support/trainToVerdict';

describe('no collapse with decorrelation or information maximisation, as the literature says', { timeout: 150_000 }, () => {
  it('VICReg does not collapse', async () => {
    const r = await trainToVerdict({ objective: 'vicreg' }, 300);
    expect(r.level, JSON.stringify(r)).toBe('healthy');
  });

  it('Barlow Twins does not collapse', async () => {
    const r = await trainToVerdict({ objective: 'barlow' }, 300);
    expect(r.level, JSON.stringify(r)).toBe('healthy');
  });

  it('CorInfoMax alone does not collapse', async () => {
    const r = await trainToVerdict({ objective: 'corinfomax', headNorm: 'none', params: { corinfomax: { alpha: 62.5 } } }, 300);
    expect(r.level, JSON.stringify(r)).toBe('healthy');
  });

  it('IMSVD alone does not collapse', async () => {
    const r = await trainToVerdict({ objective: 'imsvd' }, 300);
    expect(r.level, JSON.stringify(r)).toBe('healthy');
  });
});
