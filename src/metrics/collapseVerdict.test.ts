import { describe, expect, it } from 'vitest';
import { collapseLevel } from './collapseVerdict';

describe('collapseLevel', () => {
  const d = 32;
  const ref = 1 / Math.sqrt(d);
  it('calls a spread below 0.1/√D collapsed, whatever the rank', () => {
    expect(collapseLevel(20, 0.099 * ref, d)).toBe('collapsed');
    expect(collapseLevel(1, 0.05 * ref, d)).toBe('collapsed');
  });
  it('needs both a spread of 0.5/√D and a RankMe of D/8 to call it healthy', () => {
    expect(collapseLevel(4, 0.5 * ref, d)).toBe('healthy');
    expect(collapseLevel(3.9, 0.9 * ref, d)).toBe('partial');
    expect(collapseLevel(20, 0.49 * ref, d)).toBe('partial');
    expect(collapseLevel(20, 0.1 * ref, d)).toBe('partial');
  });
});
