/**
 * Symmetric eigenvalues in WGSL by parallel two-sided Jacobi, the alternative to
 * ./tridiagonalWebgpu.ts (which `SymEigvals` uses: about 45x fewer flops). Jacobi is kept
 * because it gives small eigenvalues of well-scaled matrices high relative accuracy and
 * extends naturally to eigenvectors; the harness registers it as `SymEigvalsJacobi` for
 * parity tests and benchmarks. Two dispatches, each ONE workgroup of 256 threads:
 *
 * 1. JacobiEigenProgram: the round-robin (Brent-Luk "circle") ordering. A sweep has D-1
 *    rounds (D rounded up to even); in each round the D/2 pivot pairs are disjoint, so all
 *    their rotations are computed at once (stage A) and applied at once as 2x2 block
 *    updates A <- J^T A J (stage B). The matrix lives in the output storage buffer
 *    (256 KiB at D = 256) and ends up (numerically) diagonal. Only blocks on and above the
 *    block diagonal are computed; each also writes its mirror, so the working matrix stays
 *    exactly symmetric.
 * 2. SortedDiagonalProgram: reads the diagonal and sorts it by rank counting.
 *
 * Numerics (float32):
 * - The input is symmetrised as (a + a^T) / 2, as in ./reference.ts.
 * - A pair (p, q) is rotated only if |a_pq| > JACOBI_REL_TOL sqrt|a_pp| sqrt|a_qq| and
 *   |a_pq| > JACOBI_ABS_TOL ||A||_F / D. The relative test gives the relative accuracy;
 *   the absolute one stops rotations of round-off noise (for example among the zero
 *   eigenvalues of a rank-deficient covariance). The iteration stops after the first
 *   sweep that rotated nothing (an on-device test read with workgroupUniformLoad, so
 *   control flow stays uniform), or after JACOBI_MAX_SWEEPS sweeps (a fixed budget;
 *   8-14 sweeps are typical up to D = 256).
 * - ||A||_F^2 must stay below float32's range (about 1e38). NaN inputs give unspecified
 *   values (NaNs sort last). Workgroup memory: 9 KiB.
 */
import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';

/** Threads of the single workgroup the programs run in. */
export const EIG_WORKGROUP_SIZE = 256;

/** Largest D the WGSL programs accept (bounded by the workgroup-memory rotation table). */
export const MAX_EIG_SIZE = 1024;

/** A pair is rotated only if |a_pq| exceeds this times sqrt|a_pp| sqrt|a_qq| (float32 epsilon). */
export const JACOBI_REL_TOL = 2 ** -23;

/** ... and exceeds this times ||A||_F / D (float32 unit roundoff). */
export const JACOBI_ABS_TOL = 2 ** -24;

/** Sweep budget of the on-device iteration. */
export const JACOBI_MAX_SWEEPS = 30;

/** Parallel round-robin Jacobi: the output is the rotated, (numerically) diagonal matrix. */
export class JacobiEigenProgram implements WebGPUProgram {
  outputShape: number[];
  shaderKey = 'collapselab_jacobi_eigen';
  dispatchLayout = { x: [0, 1] };
  dispatch: [number, number, number] = [1, 1, 1];
  variableNames = ['A'];
  workgroupSize: [number, number, number] = [EIG_WORKGROUP_SIZE, 1, 1];

  /** @param d size of the [d, d] input. */
  constructor(d: number) {
    this.outputShape = [d, d];
  }

  /** WGSL body. */
  getUserCode(): string {
    return `
  const WG : i32 = ${EIG_WORKGROUP_SIZE};
  const MAX_PAIRS : i32 = ${MAX_EIG_SIZE / 2};
  const MAX_SWEEPS : i32 = ${JACOBI_MAX_SWEEPS};
  const REL_TOL : f32 = ${JACOBI_REL_TOL.toExponential()};
  const ABS_TOL : f32 = ${JACOBI_ABS_TOL.toExponential()};

  var<workgroup> rot : array<vec4<f32>, MAX_PAIRS>;   // (c, s, t, rotated ? 1 : 0) per pair
  var<workgroup> red : array<f32, WG>;
  var<workgroup> rotations : atomic<u32>;
  var<workgroup> sweepRotations : u32;

  // Pair k of round r of the circle schedule over indices 0..m (m + 1 even); p < q.
  fn pairOf(r : i32, k : i32, m : i32) -> vec2<i32> {
    var a = m;
    var b = r;
    if (k > 0) {
      a = (r + k) % m;
      b = (r - k + m) % m;
    }
    return vec2<i32>(min(a, b), max(a, b));
  }

  // Rotation (c, s, t, 1) that zeroes a_pq, or the identity (1, 0, 0, 0) if a_pq is negligible.
  fn rotationFor(app : f32, aqq : f32, apq : f32, absTol : f32) -> vec4<f32> {
    if (!(abs(apq) > max(REL_TOL * sqrt(abs(app)) * sqrt(abs(aqq)), absTol))) {
      return vec4<f32>(1.0, 0.0, 0.0, 0.0);
    }
    let tau = (aqq - app) / (2.0 * apq);
    var tn : f32;
    if (abs(tau) > 1e18) {
      tn = 0.5 / tau;
    } else {
      tn = select(-1.0, 1.0, tau >= 0.0) / (abs(tau) + sqrt(1.0 + tau * tau));
    }
    let c = 1.0 / sqrt(1.0 + tn * tn);
    return vec4<f32>(c, tn * c, tn, 1.0);
  }

  fn main(index : i32) {
    let n = uniforms.aShape.x;
    let t = i32(localIndex);
    let nEven = n + (n & 1);
    let m = nEven - 1;          // rounds per sweep; index m is a dummy when n is odd
    let P = nEven / 2;          // pairs per round
    let PF = P + (P & 1);       // pair count rounded up to even, for the folded block loop
    let blocks = (PF / 2) * (PF + 1);

    if (t == 0) { atomicStore(&rotations, 0u); }
    var fro = 0.0;
    for (var e = t; e < n * n; e += WG) {
      let i = e / n;
      let j = e - i * n;
      let v = 0.5 * (A[i * n + j] + A[j * n + i]);
      result[e] = v;
      fro += v * v;
    }
    red[t] = fro;
    workgroupBarrier();
    for (var h = WG / 2; h > 0; h = h / 2) {
      if (t < h) { red[t] = red[t] + red[t + h]; }
      workgroupBarrier();
    }
    let absTol = ABS_TOL * sqrt(red[0]) / f32(max(n, 1));
    storageBarrier();

    for (var sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      for (var r = 0; r < m; r++) {
        // Stage A: one rotation per pair.
        for (var k = t; k < P; k += WG) {
          let pq = pairOf(r, k, m);
          var cs = vec4<f32>(1.0, 0.0, 0.0, 0.0);
          if (pq.y < n) {
            cs = rotationFor(result[pq.x * n + pq.x], result[pq.y * n + pq.y], result[pq.x * n + pq.y], absTol);
            if (cs.w > 0.0) { atomicAdd(&rotations, 1u); }
          }
          rot[k] = cs;
        }
        workgroupBarrier();

        // Stage B: block (I, J), I <= J, rows of pair I and columns of pair J, plus its mirror.
        // Rows g and PF-1-g of the upper block triangle are folded into one row of PF+1 blocks.
        for (var b = t; b < blocks; b += WG) {
          let g = b / (PF + 1);
          let o = b - g * (PF + 1);
          var I = g;
          var J = g + o;
          if (o >= PF - g) {
            I = PF - 1 - g;
            J = I + (o - (PF - g));
          }
          if (J >= P) { continue; }
          let L = rot[I];
          let R = rot[J];
          let rp = pairOf(r, I, m);
          let p = rp.x;
          let q = rp.y;
          if (I == J) {
            if (L.w > 0.0) {
              let apq = result[p * n + q];
              result[p * n + p] = result[p * n + p] - L.z * apq;
              result[q * n + q] = result[q * n + q] + L.z * apq;
              result[p * n + q] = 0.0;
              result[q * n + p] = 0.0;
            }
            continue;
          }
          if (L.w == 0.0 && R.w == 0.0) { continue; }
          let cp = pairOf(r, J, m);
          let u = cp.x;
          let v = cp.y;
          let hasQ = q < n;
          let hasV = v < n;
          // Missing (dummy) entries are 0; their rotations are the identity.
          let b00 = result[p * n + u];
          var b01 = 0.0;
          var b10 = 0.0;
          var b11 = 0.0;
          if (hasV) { b01 = result[p * n + v]; }
          if (hasQ) { b10 = result[q * n + u]; }
          if (hasQ && hasV) { b11 = result[q * n + v]; }
          // Rows: J_I^T B.
          let l00 = L.x * b00 - L.y * b10;
          let l01 = L.x * b01 - L.y * b11;
          let l10 = L.y * b00 + L.x * b10;
          let l11 = L.y * b01 + L.x * b11;
          // Columns: (J_I^T B) J_J.
          let n00 = R.x * l00 - R.y * l01;
          let n01 = R.y * l00 + R.x * l01;
          let n10 = R.x * l10 - R.y * l11;
          let n11 = R.y * l10 + R.x * l11;
          result[p * n + u] = n00;
          result[u * n + p] = n00;
          if (hasV) {
            result[p * n + v] = n01;
            result[v * n + p] = n01;
          }
          if (hasQ) {
            result[q * n + u] = n10;
            result[u * n + q] = n10;
          }
          if (hasQ && hasV) {
            result[q * n + v] = n11;
            result[v * n + q] = n11;
          }
        }
        workgroupBarrier();
        storageBarrier();
      }

      // Converged when a whole sweep rotated nothing.
      if (t == 0) {
        sweepRotations = atomicLoad(&rotations);
        atomicStore(&rotations, 0u);
      }
      if (workgroupUniformLoad(&sweepRotations) == 0u) { break; }
    }
  }
`;
  }
}

/** The diagonal of a [D, D] matrix sorted descending (rank counting; NaN sorts last). */
export class SortedDiagonalProgram implements WebGPUProgram {
  outputShape: number[];
  shaderKey = 'collapselab_sorted_diagonal';
  dispatchLayout = { x: [0] };
  dispatch: [number, number, number] = [1, 1, 1];
  variableNames = ['W'];
  workgroupSize: [number, number, number] = [EIG_WORKGROUP_SIZE, 1, 1];

  /** @param d size of the [d, d] input. */
  constructor(d: number) {
    this.outputShape = [d];
  }

  /** WGSL body. */
  getUserCode(): string {
    return `
  const WG : i32 = ${EIG_WORKGROUP_SIZE};
  var<workgroup> keys : array<f32, ${MAX_EIG_SIZE}>;

  fn main(index : i32) {
    let n = uniforms.wShape.x;
    let t = i32(localIndex);
    for (var i = t; i < n; i += WG) {
      let v = W[i * n + i];
      keys[i] = select(v, -uniforms.INFINITY, isnan(v));
    }
    workgroupBarrier();
    for (var i = t; i < n; i += WG) {
      let v = keys[i];
      var rank = 0;
      for (var j = 0; j < n; j++) {
        let w = keys[j];
        if (w > v || (w == v && j < i)) { rank++; }
      }
      result[rank] = W[i * n + i];
    }
  }
`;
  }
}
