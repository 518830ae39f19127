import { describe, expect, it } from 'vitest';
import { lossLines } from './lossLines';

describe('lossLines', () => {
  it('draws a single term as the total, named for both', () => {
    expect(lossLines(['naive', 'total', 'naive'])).toEqual([{ key: 'total', name: 'total = naive' }]);
  });

  it('draws the total first and each term beside it when there are several', () => {
    expect(lossLines(['vicreg', 'total', 'imsvd'])).toEqual([
      { key: 'total', name: 'total' },
      { key: 'imsvd', name: 'imsvd' },
      { key: 'vicreg', name: 'vicreg' },
    ]);
  });

  it('keeps the total line before the first report names any term', () => {
    expect(lossLines([])).toEqual([{ key: 'total', name: 'total' }]);
  });
});
