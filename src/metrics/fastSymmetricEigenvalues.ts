/**
 * Eigenvalues of a symmetric matrix, fast: Householder reduction to tridiagonal form
 * (about 4/3 d^3 flops, row-contiguous) followed by implicit symmetric QR steps with
 * Wilkinson shifts on the tridiagonal (O(d^2)). Float64 throughout.
 *
 * The metrics path uses this instead of the Jacobi reference in
 * `src/kernels/symeig/reference.ts`, which is tens of times slower at d = 256 (about a second) and would
 * not fit the per-report budget; the tests check the two against each other.
 */

const EPS = Number.EPSILON;

/** Upper bound on QR steps per eigenvalue before giving up (typical is 2-3). */
const MAX_STEPS_PER_VALUE = 60;

/**
 * Eigenvalues of the symmetric row-major `d x d` matrix `a`, sorted descending.
 * Only the lower triangle is read. The input is not modified.
 */
export function fastSymmetricEigenvalues(a: ArrayLike<number>, d: number): Float64Array {
  if (!Number.isInteger(d) || d < 0) throw new Error(`symmetric eigenvalues: size must be a whole number, got ${d}.`);
  if (a.length !== d * d) throw new Error(`symmetric eigenvalues: expected ${d}x${d} = ${d * d} values, got ${a.length}.`);
  const { diagonal, offDiagonal } = tridiagonalize(a, d);
  tridiagonalQr(diagonal, offDiagonal);
  return diagonal.sort().reverse();
}

/**
 * Householder tridiagonalisation. Returns the diagonal (length d) and the sub-diagonal
 * (length d - 1, entry k couples k and k + 1) of a tridiagonal matrix similar to `a`.
 */
function tridiagonalize(a: ArrayLike<number>, d: number): { diagonal: Float64Array; offDiagonal: Float64Array } {
  // Working copy; only its lower triangle (j <= i) is ever read or written.
  const w = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j <= i; j++) w[i * d + j] = a[i * d + j]!;
  const diagonal = new Float64Array(d);
  const offDiagonal = new Float64Array(Math.max(d - 1, 0));
  const v = new Float64Array(d);
  const p = new Float64Array(d);

  for (let k = 0; k < d - 2; k++) {
    // Reflect x = w[k+1.., k] onto alpha e_1.
    const lo = k + 1;
    let norm2 = 0;
    for (let i = lo; i < d; i++) norm2 += w[i * d + k]! ** 2;
    const x0 = w[lo * d + k]!;
    const norm = Math.sqrt(norm2);
    const alpha = x0 > 0 ? -norm : norm;
    offDiagonal[k] = alpha;
    diagonal[k] = w[k * d + k]!;
    // v = x - alpha e_1; H = I - beta v v^T. Skip when x is already along e_1.
    const vv = norm2 - x0 * x0 + (x0 - alpha) ** 2;
    if (norm === 0 || vv === 0) {
      offDiagonal[k] = x0;
      continue;
    }
    for (let i = lo; i < d; i++) v[i] = w[i * d + k]!;
    v[lo] = x0 - alpha;
    const beta = 2 / vv;
    // p = beta W v on the trailing block (W symmetric, read from its lower triangle),
    // then q = p - (beta/2)(v.p) v and W -= v q^T + q v^T (lower triangle only).
    p.fill(0, lo);
    for (let i = lo; i < d; i++) {
      const row = i * d;
      const vi = v[i]!;
      let s = w[row + i]! * vi;
      for (let j = lo; j < i; j++) {
        const wij = w[row + j]!;
        s += wij * v[j]!;
        p[j] = p[j]! + wij * vi;
      }
      p[i] = p[i]! + s;
    }
    let vp = 0;
    for (let i = lo; i < d; i++) {
      p[i] = beta * p[i]!;
      vp += v[i]! * p[i]!;
    }
    const half = 0.5 * beta * vp;
    for (let i = lo; i < d; i++) p[i] = p[i]! - half * v[i]!;
    for (let i = lo; i < d; i++) {
      const row = i * d;
      const vi = v[i]!;
      const qi = p[i]!;
      for (let j = lo; j <= i; j++) w[row + j] = w[row + j]! - vi * p[j]! - qi * v[j]!;
    }
  }
  if (d >= 2) {
    diagonal[d - 2] = w[(d - 2) * d + (d - 2)]!;
    offDiagonal[d - 2] = w[(d - 1) * d + (d - 2)]!;
  }
  if (d >= 1) diagonal[d - 1] = w[(d - 1) * d + (d - 1)]!;
  return { diagonal, offDiagonal };
}

/** True when the coupling `e` between diagonal entries `x` and `y` is negligible. */
function negligible(e: number, x: number, y: number, floor: number): boolean {
  return Math.abs(e) <= EPS * (Math.abs(x) + Math.abs(y)) || Math.abs(e) <= floor;
}

/**
 * Implicit symmetric QR with Wilkinson shifts, in place: on return `diagonal` holds the
 * eigenvalues (unsorted) and `offDiagonal` is zero.
 */
function tridiagonalQr(diagonal: Float64Array, offDiagonal: Float64Array): void {
  const n = diagonal.length;
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(diagonal[i]!));
  for (let i = 0; i < n - 1; i++) scale = Math.max(scale, Math.abs(offDiagonal[i]!));
  // Deflating a coupling this small moves eigenvalues far less than the reduction's own round-off.
  const floor = 1e-3 * EPS * scale;

  let hi = n - 1;
  let steps = 0;
  while (hi > 0) {
    if (negligible(offDiagonal[hi - 1]!, diagonal[hi - 1]!, diagonal[hi]!, floor)) {
      offDiagonal[hi - 1] = 0;
      hi--;
      steps = 0;
      continue;
    }
    if (++steps > MAX_STEPS_PER_VALUE) throw new Error('symmetric eigenvalues: QR iteration did not converge.');
    // Start of the unreduced block that ends at hi.
    let lo = hi - 1;
    while (lo > 0 && !negligible(offDiagonal[lo - 1]!, diagonal[lo - 1]!, diagonal[lo]!, floor)) lo--;
    if (lo > 0) offDiagonal[lo - 1] = 0;

    // Wilkinson shift: the eigenvalue of the trailing 2x2 block nearer to its last entry.
    const half = 0.5 * (diagonal[hi - 1]! - diagonal[hi]!);
    const e = offDiagonal[hi - 1]!;
    const shift = diagonal[hi]! - (e * e) / (half + (half >= 0 ? 1 : -1) * Math.hypot(half, e));

    // Chase the bulge from lo to hi with Givens rotations G = [[c, s], [-s, c]].
    let x = diagonal[lo]! - shift;
    let z = offDiagonal[lo]!;
    for (let k = lo; k < hi; k++) {
      const r = Math.hypot(x, z);
      const c = r === 0 ? 1 : x / r;
      const s = r === 0 ? 0 : -z / r;
      if (k > lo) offDiagonal[k - 1] = r;
      const dp = diagonal[k]!;
      const dq = diagonal[k + 1]!;
      const ek = offDiagonal[k]!;
      const cc = c * c;
      const ss = s * s;
      const cs = c * s;
      diagonal[k] = cc * dp - 2 * cs * ek + ss * dq;
      diagonal[k + 1] = ss * dp + 2 * cs * ek + cc * dq;
      offDiagonal[k] = cs * (dp - dq) + (cc - ss) * ek;
      if (k + 1 < hi) {
        const f = offDiagonal[k + 1]!;
        x = offDiagonal[k]!;
        z = -s * f;
        offDiagonal[k + 1] = c * f;
      }
    }
  }
}
