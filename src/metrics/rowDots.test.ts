import { describe, expect, it } from 'vitest';
import { dotsWithRows } from './rowDots';

describe('dotsWithRows', () => {
  it('dots one row with every row of a range, in blocks of four and the rest', () => {
    // Seven rows of width 3: row r = (r, 1, -r); x = (1, 2, 3): dot = r + 2 - 3r = 2 - 2r.
    const rows = new Float64Array(7 * 3);
    for (let r = 0; r < 7; r++) rows.set([r, 1, -r], 3 * r);
    const x = new Float64Array([9, 1, 2, 3]);
    const out = new Float64Array(7);
    dotsWithRows(x, 1, rows, 0, 7, 3, out);
    expect(Array.from(out)).toEqual([2, 0, -2, -4, -6, -8, -10]);
    // A sub-range starting mid-matrix writes from out[0].
    out.fill(99);
    dotsWithRows(x, 1, rows, 2, 5, 3, out);
    expect(Array.from(out.subarray(0, 3))).toEqual([-2, -4, -6]);
    expect(out[3]).toBe(99);
  });

  it('writes nothing for an empty range', () => {
    const out = new Float64Array([5]);
    dotsWithRows(new Float64Array([1]), 0, new Float64Array([1]), 1, 1, 1, out);
    expect(out[0]).toBe(5);
  });
});
