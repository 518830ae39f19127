/**
 * Asserts two backends gave the same outputs (loss, gradients...): each output is
 * non-zero and every value agrees within `relative` of that output's largest magnitude.
 */
import { expect } from 'vitest';

/** Compares `actual[k]` with `reference[k]` for every output k, scaled per output. */
export function expectSameOutputs(reference: Float32Array[], actual: Float32Array[], relative: number): void {
  expect(actual.length).toBe(reference.length);
  reference.forEach((arr, k) => {
    const scale = Math.max(...Array.from(arr, Math.abs));
    expect(scale).toBeGreaterThan(0);
    expect(actual[k]!.length).toBe(arr.length);
    arr.forEach((v, i) => expect(Math.abs(v - actual[k]![i]!)).toBeLessThanOrEqual(relative * scale + 1e-7));
  });
}
