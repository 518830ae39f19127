import { describe, expect, it } from 'vitest';
import { thin } from './chartFormat';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe('thin', () => {
  it('returns a copy of a history that already fits', () => {
    const items = range(5);
    const out = thin(items, 5);
    expect(out).toEqual(items);
    expect(out).not.toBe(items);
    expect(thin([], 3)).toEqual([]);
  });

  it('keeps exactly `max` evenly spaced items, the first and the last among them', () => {
    const out = thin(range(1000), 400);
    expect(out).toHaveLength(400);
    expect(out[0]).toBe(0);
    expect(out[399]).toBe(999);
    const gaps = out.slice(1, -1).map((v, i) => v - out[i]!);
    expect(new Set(gaps)).toEqual(new Set([2, 3]));
  });

  it('picks every other item, then the newest, of a history twice too long', () => {
    expect(thin(range(10), 5)).toEqual([0, 2, 4, 6, 9]);
  });

  it('keeps only the newest item when one is allowed', () => {
    expect(thin(range(7), 1)).toEqual([6]);
  });
});
