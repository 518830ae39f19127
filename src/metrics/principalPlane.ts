/**
 * The embeddings of a fixed batch on their top two principal directions: the scatter of the
 * embedding chart. Host path, float64: the centred (1/N) covariance C, its two leading
 * eigenvectors by block subspace iteration with Rayleigh-Ritz, each centred row's
 * coordinates along them and the variance along each (its share of trace C is the axis's
 * explained variance). The WGSL kernel (src/kernels/principalPlane) runs the same iteration
 * on the GPU for a fixed number of steps; this one iterates until the two Ritz pairs have
 * converged, and is that kernel's float64 reference.
 *
 * Sign convention (so the points do not flip between reports): the largest-magnitude
 * component of each direction is positive, as in the Jacobi reference
 * (src/kernels/symeig/reference.ts).
 */
import { symmetricEigen } from '../kernels/symeig/reference';
import { Rng } from '../util/rng';
import { covarianceWithMean } from './covariance';

/** Vectors iterated beyond the two wanted: the top two converge like (lambda_{2+GUARD+1} / lambda_2)^k. */
export const GUARD_VECTORS = 4;

/** A Ritz pair counts as converged once |C v - theta v| <= this times the top Ritz value. */
export const RESIDUAL_TOLERANCE = 1e-9;

/** Iteration budget (reached only when the leading eigenvalues are nearly equal, where any vectors of the near-degenerate space serve). */
export const MAX_ITERATIONS = 100;

/** The two leading eigenpairs of a symmetric positive semi-definite matrix. */
export interface LeadingPair {
  /** Eigenvalues, descending (0 where the matrix has rank below 2). */
  values: [number, number];
  /** Unit eigenvectors (zero where there is no second direction, d = 1), largest-magnitude component positive. */
  vectors: [Float64Array, Float64Array];
  /** Iterations used. */
  iterations: number;
}

/** The batch on its principal plane. */
export interface PrincipalPlane {
  /** Coordinates of each centred row along the first and the second principal direction. */
  x: Float64Array;
  y: Float64Array;
  /** Variance along each direction: the two largest eigenvalues of C. */
  variances: [number, number];
  /** Total variance, trace C. */
  total: number;
  /** |mean row|^2: with `total`, the mean squared norm of the rows (total + meanSquare). */
  meanSquare: number;
}

/** a . b. */
function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** c v for a symmetric row-major d x d matrix c. */
function times(c: Float64Array, v: Float64Array, d: number): Float64Array {
  const out = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let s = 0;
    const row = i * d;
    for (let j = 0; j < d; j++) s += c[row + j]! * v[j]!;
    out[i] = s;
  }
  return out;
}

/** Sum over k of weights[k] * vectors[k]. */
function combine(vectors: readonly Float64Array[], weights: ArrayLike<number>, d: number): Float64Array {
  const out = new Float64Array(d);
  vectors.forEach((v, k) => {
    const w = weights[k]!;
    for (let i = 0; i < d; i++) out[i] = out[i]! + w * v[i]!;
  });
  return out;
}

/** Flips `v` (in place) so that its largest-magnitude component is positive (the first such on ties). */
export function fixSign(v: Float64Array): Float64Array {
  let big = 0;
  for (const x of v) if (Math.abs(x) > Math.abs(big)) big = x;
  if (big < 0) for (let i = 0; i < v.length; i++) v[i] = -v[i]!;
  return v;
}

/**
 * Orthonormalises `vectors` in place, in order (Gram-Schmidt, each projection done twice);
 * a vector left with (almost) nothing of its own is replaced by a random one, so the block
 * always spans as many dimensions as it has vectors (at most d).
 */
function orthonormalise(vectors: Float64Array[], rng: Rng): void {
  vectors.forEach((v, k) => {
    for (let attempt = 0; ; attempt++) {
      const before = Math.sqrt(dot(v, v));
      for (let pass = 0; pass < 2; pass++) {
        for (let j = 0; j < k; j++) {
          const r = dot(vectors[j]!, v);
          for (let i = 0; i < v.length; i++) v[i] = v[i]! - r * vectors[j]![i]!;
        }
      }
      const norm = Math.sqrt(dot(v, v));
      if (norm > 1e-12 * before && norm > 0) {
        for (let i = 0; i < v.length; i++) v[i] = v[i]! / norm;
        return;
      }
      if (attempt > 8) throw new Error('principal plane: could not complete an orthonormal basis.');
      for (let i = 0; i < v.length; i++) v[i] = rng.normal();
    }
  });
}

/**
 * The two leading eigenpairs of the symmetric positive semi-definite row-major `d x d`
 * matrix `c`: subspace iteration on 2 + GUARD_VECTORS vectors (at most d), each step
 * followed by Rayleigh-Ritz, until both Ritz residuals are within RESIDUAL_TOLERANCE of
 * the top Ritz value or MAX_ITERATIONS. Deterministic: the start block is seeded.
 */
export function leadingEigenpairs(c: ArrayLike<number>, d: number): LeadingPair {
  if (!Number.isInteger(d) || d < 1) throw new Error(`principal plane: size must be a positive whole number, got ${d}.`);
  if (c.length !== d * d) throw new Error(`principal plane: expected ${d}x${d} = ${d * d} values, got ${c.length}.`);
  const a = Float64Array.from(c);
  const p = Math.min(d, 2 + GUARD_VECTORS);
  const rng = new Rng(0x5eed);
  let q: Float64Array[] = Array.from({ length: p }, () => Float64Array.from({ length: d }, () => rng.normal()));
  orthonormalise(q, rng);
  for (let iteration = 1; ; iteration++) {
    const w = q.map((v) => times(a, v, d));
    const h = new Float64Array(p * p);
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) h[i * p + j] = dot(q[i]!, w[j]!);
    const ritz = symmetricEigen(h, p);
    const coefficients = (r: number) => ritz.vectors.subarray(r * p, (r + 1) * p);
    const vectors = Array.from({ length: p }, (_, r) => combine(q, coefficients(r), d));
    const images = Array.from({ length: p }, (_, r) => combine(w, coefficients(r), d));
    const top = Math.max(ritz.values[0]!, 0);
    const wanted = Math.min(2, p);
    let converged = true;
    for (let r = 0; r < wanted; r++) {
      let residual = 0;
      for (let i = 0; i < d; i++) residual += (images[r]![i]! - ritz.values[r]! * vectors[r]![i]!) ** 2;
      if (Math.sqrt(residual) > RESIDUAL_TOLERANCE * top) converged = false;
    }
    if (converged || iteration >= MAX_ITERATIONS) {
      const second = p > 1 ? fixSign(vectors[1]!) : new Float64Array(d);
      return { values: [Math.max(ritz.values[0]!, 0), p > 1 ? Math.max(ritz.values[1]!, 0) : 0], vectors: [fixSign(vectors[0]!), second], iterations: iteration };
    }
    q = images;
    orthonormalise(q, rng);
  }
}

/** The rows of the row-major `n x d` matrix `z` on their principal plane (see the module comment). */
export function principalPlane(z: ArrayLike<number>, n: number, d: number): PrincipalPlane {
  const { mean, covariance } = covarianceWithMean(z, n, d);
  const { values, vectors } = leadingEigenpairs(covariance, d);
  const [u, v] = vectors;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    let a = 0;
    let b = 0;
    for (let j = 0; j < d; j++) {
      const centred = z[r * d + j]! - mean[j]!;
      a += centred * u[j]!;
      b += centred * v[j]!;
    }
    x[r] = a;
    y[r] = b;
  }
  let total = 0;
  for (let j = 0; j < d; j++) total += covariance[j * d + j]!;
  return { x, y, variances: values, total, meanSquare: dot(mean, mean) };
}
