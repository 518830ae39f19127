/**
 * Seeded SPD test matrices with independently known log det and inverse, shared by
 * the kernel tests of every backend (reference, read-back, WebGPU).
 */
import { Rng } from '../../src/util/rng';
import { randomOrthogonal } from './random';

/** A test matrix: row-major float64 values and what its log det must be. */
export interface SPDCase {
  name: string;
  n: number;
  /** The matrix, row-major [n, n], exactly symmetric. */
  a: Float64Array;
  /** log det(a), computed without factorising `a`. */
  logdet: number;
  /** Approximate 2-norm condition number. */
  cond: number;
}

/** a = L L^T with a random lower-triangular L (diagonal in [0.5, 1.5]): log det = 2 sum log L_ii. */
export function fromKnownFactor(n: number, seed: number): SPDCase & { L: Float64Array } {
  const rng = new Rng(seed);
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) L[i * n + j] = rng.normal() / Math.sqrt(n);
    L[i * n + i] = 0.5 + rng.next();
  }
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k <= j; k++) s += (L[i * n + k] as number) * (L[j * n + k] as number);
      a[i * n + j] = s;
      a[j * n + i] = s;
    }
  }
  let logdet = 0;
  for (let i = 0; i < n; i++) logdet += 2 * Math.log(L[i * n + i] as number);
  return { name: `L L^T, n=${n}`, n, a, logdet, cond: NaN, L };
}

/** a = Q diag(lambda) Q^T with eigenvalues log-spaced from `top` down to `top / cond`: log det = sum log lambda. */
export function withCondition(n: number, cond: number, seed: number, top = 1): SPDCase & { q: Float64Array; lambda: Float64Array } {
  const q = randomOrthogonal(n, seed, 'columns');
  const lambda = new Float64Array(n);
  for (let i = 0; i < n; i++) lambda[i] = top * Math.pow(cond, -(n === 1 ? 0 : i / (n - 1)));
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += (q[i * n + k] as number) * (lambda[k] as number) * (q[j * n + k] as number);
      a[i * n + j] = s;
      a[j * n + i] = s;
    }
  }
  let logdet = 0;
  for (const l of lambda) logdet += Math.log(l);
  return { name: `cond ${cond.toExponential(0)}, n=${n}`, n, a, logdet, cond, q, lambda };
}

/** Q diag(1 / lambda) Q^T: the exact inverse of a `withCondition` matrix. */
export function knownInverse(c: { n: number; q: Float64Array; lambda: Float64Array }): Float64Array {
  const { n, q, lambda } = c;
  const x = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += ((q[i * n + k] as number) * (q[j * n + k] as number)) / (lambda[k] as number);
      x[i * n + j] = s;
    }
  }
  return x;
}

/** Row-major product of two [n, n] matrices, in float64. */
export function matmulSquare(a: ArrayLike<number>, b: ArrayLike<number>, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k] as number;
      for (let j = 0; j < n; j++) out[i * n + j] = (out[i * n + j] as number) + aik * (b[k * n + j] as number);
    }
  }
  return out;
}

/** Largest |(a b)_ij - I_ij| for two [n, n] matrices. */
export function maxIdentityError(a: ArrayLike<number>, b: ArrayLike<number>, n: number): number {
  const p = matmulSquare(a, b, n);
  let worst = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) worst = Math.max(worst, Math.abs((p[i * n + j] as number) - (i === j ? 1 : 0)));
  return worst;
}
