import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng';
import { EpochBatcher } from './batcher';

/** Draws batches of the given sizes (cycling) until `total` indices have been served. */
function stream(b: EpochBatcher, sizes: number[], total: number): { flat: number[]; batches: Int32Array[] } {
  const flat: number[] = [];
  const batches: Int32Array[] = [];
  for (let i = 0; flat.length < total; i++) {
    const batch = b.next(sizes[i % sizes.length]!);
    batches.push(batch);
    flat.push(...batch);
  }
  return { flat, batches };
}

function isPermutation(values: number[], n: number): boolean {
  return values.length === n && [...values].sort((a, b) => a - b).every((v, i) => v === i);
}

describe('EpochBatcher', () => {
  it.each([
    ['dividing batch size', 100, [10]],
    ['non-dividing batch size', 100, [7]],
    ['batch size changing between calls', 97, [5, 16, 3, 40]],
  ])('serves every index exactly once per epoch (%s)', (_name, n, sizes) => {
    const b = new EpochBatcher(n, new Rng(1));
    const { flat, batches } = stream(b, sizes, 6 * n);
    for (let e = 0; e < 6; e++) expect(isPermutation(flat.slice(e * n, (e + 1) * n), n)).toBe(true);
    batches.forEach((batch, i) => expect(batch.length).toBe(sizes[i % sizes.length]));
  });

  it('never repeats an index inside a batch, even across an epoch boundary', () => {
    const b = new EpochBatcher(10, new Rng(2));
    for (let i = 0; i < 500; i++) {
      const batch = b.next(7);
      expect(new Set(batch).size).toBe(7);
    }
  });

  it('counts epochs and caps the batch at the dataset size', () => {
    const b = new EpochBatcher(6, new Rng(3));
    expect(b.epoch).toBe(0);
    const all = b.next(50);
    expect(isPermutation([...all], 6)).toBe(true);
    expect(b.epoch).toBe(1);
    b.next(4);
    expect(b.position).toBe(4);
    b.next(4);
    expect(b.epoch).toBe(2);
    expect(b.position).toBe(2);
  });

  it('shuffles: deterministic per seed, different across seeds and epochs', () => {
    const a = stream(new EpochBatcher(50, new Rng(4)), [8], 100).flat;
    const again = stream(new EpochBatcher(50, new Rng(4)), [8], 100).flat;
    const other = stream(new EpochBatcher(50, new Rng(5)), [8], 100).flat;
    expect(a).toEqual(again);
    expect(a).not.toEqual(other);
    expect(a.slice(0, 50)).not.toEqual(a.slice(50, 100));
    expect(a.slice(0, 50)).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('rejects bad sizes with a message', () => {
    expect(() => new EpochBatcher(0, new Rng(1))).toThrow(/at least one sample/);
    expect(() => new EpochBatcher(5, new Rng(1)).next(0)).toThrow(/positive integer/);
    expect(() => new EpochBatcher(5, new Rng(1)).next(2.5)).toThrow(/positive integer/);
  });
});
