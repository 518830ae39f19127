import { describe, expect, it } from 'vitest';
import { columnGram, gramFromCovariance, rowDot, rowGram } from './gram';
import { covarianceWithMean } from './covariance';
import { gaussian } from '../../test/support/random';

describe('gram matrices', () => {
  it('match hand-computed products of a 3 x 2 matrix', () => {
    // X = [[1,2],[3,4],[5,6]]: X^T X = [[35,44],[44,56]]; X X^T rows (5,11,17), (11,25,39), (17,39,61).
    const x = new Float64Array([1, 2, 3, 4, 5, 6]);
    expect(Array.from(columnGram(x, 3, 2))).toEqual([35, 44, 44, 56]);
    expect(Array.from(rowGram(x, 3, 2))).toEqual([5, 11, 17, 11, 25, 39, 17, 39, 61]);
  });

  it('accumulate every row, including those past the last block of four', () => {
    // Nine rows (two blocks of four and one left over), each a unit vector along column i % 3.
    const x = new Float64Array(9 * 3);
    for (let i = 0; i < 9; i++) x[i * 3 + (i % 3)] = i + 1;
    // Column j collects the squares of (j+1), (j+4), (j+7).
    const expected = [1 + 16 + 49, 0, 0, 0, 4 + 25 + 64, 0, 0, 0, 9 + 36 + 81];
    expect(Array.from(columnGram(x, 9, 3))).toEqual(expected);
  });

  it('recover Z^T Z from the covariance and the mean', () => {
    const n = 13;
    const d = 7;
    const z = gaussian(n * d, 6).map((v) => v + 2);
    const { mean, covariance } = covarianceWithMean(z, n, d);
    const fromCov = gramFromCovariance(covariance, mean, n);
    const direct = columnGram(z, n, d);
    for (let i = 0; i < d * d; i++) expect(Math.abs(fromCov[i]! - direct[i]!)).toBeLessThan(1e-12 * Math.abs(direct[i]!) + 1e-12);
  });

  it('rowDot handles widths that are not a multiple of four', () => {
    const x = new Float64Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    // Rows of width 7 at offsets 0 and 7: 1*8 + 2*9 + ... + 7*14 = 336.
    expect(rowDot(x, 0, 7, 7)).toBe(336);
  });
});
