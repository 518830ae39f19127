/**
 * Float64 reference for the log-determinant ops: Cholesky factor, log det and SPD
 * inverse of a row-major [n, n] matrix. These are the CPU/WebGL/WASM kernel bodies and
 * the yardstick every other backend is tested against. Only the lower triangle of the
 * input is read (the matrix is assumed symmetric).
 *
 * Pivot floor: inputs usually come from float32 tensors (a covariance plus eps * I),
 * which carry a relative rounding error of about 2^-24. A pivot below that level is
 * indistinguishable from zero, and rounding can even make it negative on a matrix that
 * is mathematically positive semi-definite. Instead of returning NaN, each pivot is
 * raised to `PIVOT_FLOOR_RELATIVE * max_i a_ii` (and at least `PIVOT_FLOOR_ABSOLUTE`),
 * so a singular input gives a very negative but finite log det and a large finite inverse.
 * A NaN input still gives NaN, so the trainer's NaN check keeps working.
 */

/** Pivots are floored at this fraction of the largest diagonal entry (float32 unit roundoff). */
export const PIVOT_FLOOR_RELATIVE = 2 ** -24;

/** Pivots are never floored below this, so an all-zero matrix still factors (float32-representable). */
export const PIVOT_FLOOR_ABSOLUTE = 1e-30;

/** The pivot floor used for a matrix whose largest diagonal entry is `maxDiag`. */
export function pivotFloor(maxDiag: number, relative = PIVOT_FLOOR_RELATIVE): number {
  return Math.max(relative * maxDiag, PIVOT_FLOOR_ABSOLUTE);
}

/**
 * Lower-triangular Cholesky factor L (row-major [n, n], zeros above the diagonal) with
 * a = L L^T, pivots floored as described in the module comment.
 */
export function choleskyReference(a: ArrayLike<number>, n: number, relativeFloor = PIVOT_FLOOR_RELATIVE): Float64Array {
  if (a.length !== n * n) throw new Error(`choleskyReference: expected ${n * n} values for a ${n}x${n} matrix, got ${a.length}.`);
  let maxDiag = 0;
  for (let i = 0; i < n; i++) maxDiag = Math.max(maxDiag, Math.abs(a[i * n + i] as number));
  const floor = pivotFloor(maxDiag, relativeFloor);
  const L = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const rowJ = j * n;
    let d = a[rowJ + j] as number;
    for (let k = 0; k < j; k++) {
      const v = L[rowJ + k] as number;
      d -= v * v;
    }
    // `d < floor` is false for NaN, so NaN propagates.
    if (d < floor) d = floor;
    const ljj = Math.sqrt(d);
    L[rowJ + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      const rowI = i * n;
      let s = a[rowI + j] as number;
      for (let k = 0; k < j; k++) s -= (L[rowI + k] as number) * (L[rowJ + k] as number);
      L[rowI + j] = s / ljj;
    }
  }
  return L;
}

/** log det(a) = 2 * sum_i log L_ii of the (floored) Cholesky factor. */
export function logdetReference(a: ArrayLike<number>, n: number): number {
  const L = choleskyReference(a, n);
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.log(L[i * n + i] as number);
  return 2 * s;
}

/** a^{-1} = L^{-T} L^{-1} from a Cholesky factor L (row-major [n, n]); exactly symmetric. */
export function inverseFromCholesky(L: Float64Array, n: number): Float64Array {
  // M = L^{-1}, lower triangular, by forward substitution column by column.
  const M = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    M[j * n + j] = 1 / (L[j * n + j] as number);
    for (let i = j + 1; i < n; i++) {
      let s = 0;
      for (let k = j; k < i; k++) s -= (L[i * n + k] as number) * (M[k * n + j] as number);
      M[i * n + j] = s / (L[i * n + i] as number);
    }
  }
  // X = M^T M: X_ij = sum_{k >= max(i, j)} M_ki M_kj.
  const X = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < n; k++) s += (M[k * n + i] as number) * (M[k * n + j] as number);
      X[i * n + j] = s;
      X[j * n + i] = s;
    }
  }
  return X;
}

/** Inverse of a symmetric positive definite matrix via its (floored) Cholesky factor. */
export function inverseSPDReference(a: ArrayLike<number>, n: number): Float64Array {
  return inverseFromCholesky(choleskyReference(a, n), n);
}
