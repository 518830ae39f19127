/**
 * Test helper: loads `test/fixtures/metrics.json` (values computed by the reference
 * PyTorch code, float64) and flattens its matrices to row-major Float64Arrays.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

/** One case of the metrics fixture, matrices flattened row-major. */
export interface MetricsFixtureCase {
  n: number;
  d: number;
  /** Embeddings, `n x d`. */
  z: Float64Array;
  /** Partner embeddings for alignment (already L2-normalised in the fixture), `n x d`. */
  y: Float64Array;
  covEigenvaluesDesc: number[];
  rankme: number;
  stdOfL2Normalized: number;
  alignment: number;
  uniformity: number;
}

interface RawCase {
  N: number;
  D: number;
  Z: number[][];
  Y: number[][];
  cov_eigenvalues_desc: number[];
  rankme: number;
  std_of_l2_normalized: number;
  alignment: number;
  uniformity: number;
}

/** Every case of the metrics fixture. */
export function loadMetricsFixture(): MetricsFixtureCase[] {
  const path = fileURLToPath(new URL('../fixtures/metrics.json', import.meta.url));
  const raw = JSON.parse(readFileSync(path, 'utf8')) as { cases: RawCase[] };
  return raw.cases.map((c) => ({
    n: c.N,
    d: c.D,
    z: Float64Array.from(c.Z.flat()),
    y: Float64Array.from(c.Y.flat()),
    covEigenvaluesDesc: c.cov_eigenvalues_desc,
    rankme: c.rankme,
    stdOfL2Normalized: c.std_of_l2_normalized,
    alignment: c.alignment,
    uniformity: c.uniformity,
  }));
}

/** Asserts |actual - expected| <= rel * |expected| + abs (the fixture comparison), naming `what` on failure. */
export function expectClose(actual: number, expected: number, rel: number, abs = 0, what = 'value'): void {
  expect(Math.abs(actual - expected), `${what}: got ${actual}, expected ${expected}`).toBeLessThanOrEqual(rel * Math.abs(expected) + abs);
}
