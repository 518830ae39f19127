/**
 * CPU reference symmetric eigen-solver: cyclic Jacobi rotations in float64.
 *
 * Slow (O(d^3) per sweep, a handful of sweeps) but simple and accurate, so it is the
 * reference a GPU symmetric-eigen kernel is checked against. A real symmetric input
 * `a` is a row-major `d x d` array; it is symmetrised as `(a + a^T) / 2` on entry, so a
 * slightly asymmetric float32 readback is accepted. The input is never modified.
 *
 * Convergence: sweeps stop once the off-diagonal Frobenius norm is at most
 * `1e-12` times the Frobenius norm of the matrix, or after `JACOBI_MAX_SWEEPS` sweeps.
 */

/** Relative off-diagonal norm at which the Jacobi iteration stops. */
export const JACOBI_TOLERANCE = 1e-12;

/** Upper bound on Jacobi sweeps; cyclic Jacobi converges quadratically, so 8-12 are typical. */
export const JACOBI_MAX_SWEEPS = 60;

/** Eigenvalues (descending) and unit eigenvectors of a symmetric matrix. */
export interface SymmetricEigenResult {
  /** Eigenvalues, sorted descending. */
  values: Float64Array;
  /**
   * Eigenvectors, row-major `d x d`: row `i` is the unit eigenvector of `values[i]`.
   * Sign convention: the largest-magnitude component of each vector is positive.
   */
  vectors: Float64Array;
  /** Sweeps the iteration used. */
  sweeps: number;
}

/** Eigenvalues of a symmetric `d x d` row-major matrix, sorted descending. */
export function symmetricEigenvalues(a: ArrayLike<number>, d: number): Float64Array {
  return jacobi(a, d, false).values;
}

/** Eigenvalues (descending) and eigenvectors of a symmetric `d x d` row-major matrix. */
export function symmetricEigen(a: ArrayLike<number>, d: number): SymmetricEigenResult {
  const { values, vectors, sweeps } = jacobi(a, d, true);
  return { values, vectors: vectors ?? new Float64Array(0), sweeps };
}

/** Copies `a` into a fresh float64 matrix, symmetrised, after checking its size. */
function symmetrisedCopy(a: ArrayLike<number>, d: number): Float64Array {
  if (!Number.isInteger(d) || d < 0) throw new Error(`symmetric eigen: size must be a whole number, got ${d}.`);
  if (a.length !== d * d) throw new Error(`symmetric eigen: expected ${d}x${d} = ${d * d} values, got ${a.length}.`);
  const w = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    w[i * d + i] = a[i * d + i] as number;
    for (let j = i + 1; j < d; j++) {
      const v = 0.5 * ((a[i * d + j] as number) + (a[j * d + i] as number));
      w[i * d + j] = v;
      w[j * d + i] = v;
    }
  }
  return w;
}

/** Sum of squares of the strictly off-diagonal entries. */
function offDiagonalSquares(w: Float64Array, d: number): number {
  let s = 0;
  for (let i = 0; i < d; i++) {
    for (let j = i + 1; j < d; j++) {
      const v = w[i * d + j] as number;
      s += v * v;
    }
  }
  return 2 * s;
}

/** The cyclic Jacobi iteration; `vt` holds the eigenvectors as rows while it runs. */
function jacobi(a: ArrayLike<number>, d: number, wantVectors: boolean): { values: Float64Array; vectors: Float64Array | null; sweeps: number } {
  const w = symmetrisedCopy(a, d);
  const vt = wantVectors ? new Float64Array(d * d) : null;
  if (vt) for (let i = 0; i < d; i++) vt[i * d + i] = 1;

  let diagSquares = 0;
  for (let i = 0; i < d; i++) diagSquares += (w[i * d + i] as number) ** 2;
  let off = offDiagonalSquares(w, d);
  // The Frobenius norm is invariant under rotations, so the target is fixed up front.
  const target = JACOBI_TOLERANCE * JACOBI_TOLERANCE * (diagSquares + off);

  let sweeps = 0;
  while (off > target && sweeps < JACOBI_MAX_SWEEPS) {
    sweeps++;
    for (let p = 0; p < d - 1; p++) {
      for (let q = p + 1; q < d; q++) {
        rotate(w, vt, d, p, q);
      }
    }
    const next = offDiagonalSquares(w, d);
    // Round-off floor reached: further sweeps cannot reduce the off-diagonal part.
    if (next >= off) break;
    off = next;
  }

  return sortDescending(w, vt, d, sweeps);
}

/** Applies the Jacobi rotation that zeroes `w[p][q]` (and `w[q][p]`), updating `vt` too. */
function rotate(w: Float64Array, vt: Float64Array | null, d: number, p: number, q: number): void {
  const apq = w[p * d + q] as number;
  if (apq === 0) return;
  const app = w[p * d + p] as number;
  const aqq = w[q * d + q] as number;
  // t = tan(phi) is the smaller root of t^2 + 2 theta t - 1 = 0, theta = cot(2 phi).
  const theta = (aqq - app) / (2 * apq);
  let t: number;
  if (Math.abs(theta) > 1e150) t = 1 / (2 * theta);
  else t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;

  const rowP = p * d;
  const rowQ = q * d;
  for (let k = 0; k < d; k++) {
    if (k === p || k === q) continue;
    const akp = w[rowP + k] as number;
    const akq = w[rowQ + k] as number;
    const np = c * akp - s * akq;
    const nq = s * akp + c * akq;
    w[rowP + k] = np;
    w[k * d + p] = np;
    w[rowQ + k] = nq;
    w[k * d + q] = nq;
  }
  w[rowP + p] = app - t * apq;
  w[rowQ + q] = aqq + t * apq;
  w[rowP + q] = 0;
  w[rowQ + p] = 0;

  if (vt) {
    for (let k = 0; k < d; k++) {
      const vp = vt[rowP + k] as number;
      const vq = vt[rowQ + k] as number;
      vt[rowP + k] = c * vp - s * vq;
      vt[rowQ + k] = s * vp + c * vq;
    }
  }
}

/** Reads the diagonal, sorts it descending and reorders (and sign-fixes) the vectors to match. */
function sortDescending(w: Float64Array, vt: Float64Array | null, d: number, sweeps: number): { values: Float64Array; vectors: Float64Array | null; sweeps: number } {
  const order = Array.from({ length: d }, (_, i) => i);
  order.sort((i, j) => (w[j * d + j] as number) - (w[i * d + i] as number));
  const values = new Float64Array(d);
  for (let r = 0; r < d; r++) {
    const i = order[r] as number;
    values[r] = w[i * d + i] as number;
  }
  if (!vt) return { values, vectors: null, sweeps };
  const vectors = new Float64Array(d * d);
  for (let r = 0; r < d; r++) {
    const src = (order[r] as number) * d;
    let big = 0;
    for (let k = 0; k < d; k++) {
      const v = vt[src + k] as number;
      if (Math.abs(v) > Math.abs(big)) big = v;
    }
    const sign = big < 0 ? -1 : 1;
    for (let k = 0; k < d; k++) vectors[r * d + k] = sign * (vt[src + k] as number);
  }
  return { values, vectors, sweeps };
}
