/**
 * The families of square test matrices the kernel harness page (parity of the WGSL
 * kernels) and the benchmark draw, seeded, in float64.
 */
import { covarianceReference } from '../../src/kernels/covariance/reference';
import { gaussian, symmetricGaussian } from './random';
import { withCondition } from './spdMatrices';

/** Test-matrix families. */
export type MatrixKind =
  /** (1/2D) X^T X + 0.1 I with X Gaussian [2D, D]: SPD, condition number about 10-40. */
  | 'random-spd'
  /** Q diag(lambda) Q^T, lambda log-spaced from 1 down to 1/cond: SPD with the given condition number. */
  | 'ill-spd'
  /** Lower triangle Gaussian, mirrored: symmetric, indefinite. */
  | 'symmetric'
  /** Centred covariance of D/4 Gaussian samples: PSD, rank D/4 - 1 (a collapsed spectrum). */
  | 'low-rank-psd'
  /** 'low-rank-psd' + 1e-6 I, CorInfoMax's float32 eps: SPD, condition number about 1e6-1e7. */
  | 'low-rank-ridge';

/** A seeded [d, d] matrix of a family (`cond` is used by 'ill-spd'). */
export function matrixOfKind(kind: MatrixKind, d: number, seed: number, cond = 1e4): Float64Array {
  if (kind === 'ill-spd') return withCondition(d, cond, seed).a;
  if (kind === 'symmetric') return symmetricGaussian(d, seed);
  if (kind === 'random-spd') return gramPlusRidge(gaussian(2 * d * d, seed), 2 * d, d);
  const n = Math.max(2, Math.floor(d / 4));
  const c = covarianceReference(gaussian(n * d, seed), n, d);
  if (kind === 'low-rank-ridge') for (let i = 0; i < d; i++) c[i * d + i] = c[i * d + i]! + 1e-6;
  return c;
}

/** (1/n) X^T X + 0.1 I of X [n, d], exactly symmetric. */
function gramPlusRidge(x: Float64Array, n: number, d: number): Float64Array {
  const a = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let r = 0; r < n; r++) s += x[r * d + i]! * x[r * d + j]!;
      const v = s / n + (i === j ? 0.1 : 0);
      a[i * d + j] = v;
      a[j * d + i] = v;
    }
  }
  return a;
}
