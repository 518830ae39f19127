import { describe, expect, it } from 'vitest';
import { parseDecimal } from './decimalText';

describe('parseDecimal', () => {
  it.each([
    ['1', 1],
    ['-2.5', -2.5],
    ['+.5', 0.5],
    ['3.', 3],
    ['1e-3', 0.001],
    ['2E+2', 200],
    ['  0.01 ', 0.01],
    ['007', 7],
  ])('reads %j as %d', (text, value) => {
    expect(parseDecimal(text)).toBe(value);
  });

  it.each(['', '   ', '.', '-', '0x10', '0b1', '1e', 'e5', '1.2.3', '5abc', '1,5', 'Infinity', 'NaN', '1 000'])('refuses %j', (text) => {
    expect(parseDecimal(text)).toBeNull();
  });

  it('gives Infinity for an exponent too large, for the caller to refuse', () => {
    expect(parseDecimal('1e999')).toBe(Infinity);
    expect(parseDecimal('-1e999')).toBe(-Infinity);
  });
});
