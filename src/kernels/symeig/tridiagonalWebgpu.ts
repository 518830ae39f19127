/**
 * Symmetric eigenvalues in WGSL by Householder tridiagonalisation plus Sturm-sequence
 * bisection, each in ONE workgroup (no read-back, no host loop):
 *
 * 1. HouseholderTridiagonalProgram: A <- H_k A H_k for k = 0..D-3, in place in the
 *    output storage buffer (the full symmetric matrix, 256 KiB at D = 256). Step k
 *    computes the reflector of column k below the diagonal (norms summed redundantly by
 *    every thread, so no reduction barriers), p = tau A v (one thread per row), and the
 *    rank-2 update A -= v w^T + w v^T with w = p - (tau/2)(p.v) v. Afterwards the
 *    diagonal and the first subdiagonal (W[k+1][k]) hold the tridiagonal T. About
 *    (4/3) D^3 flops, against roughly 60 D^3 for ten Jacobi sweeps.
 * 2. TridiagonalBisectionProgram: thread r finds the r-th largest eigenvalue of T by
 *    bisection on the Sturm count (number of negative pivots of T - x I, pivots of size
 *    below `pivmin` replaced by -pivmin as in LAPACK's dstebz), starting from the
 *    Gershgorin interval and stopping when the midpoint no longer differs from an end
 *    in float32. The output is sorted by construction.
 *
 * Numerics (float32): both steps are backward stable, so every eigenvalue is accurate
 * to about c D 2^-24 ||A||_2 absolute (tests: 1e-4 lambda_max); unlike Jacobi there is no
 * high relative accuracy for eigenvalues far below that level. Entries must keep
 * sum_i a_ik^2 below about 1e38. Workgroup memory: 8 KiB (below WebGPU's 16 KiB minimum).
 */
import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';

/** Threads of the single workgroup both programs run in. */
export const TRIDIAGONAL_WORKGROUP_SIZE = 256;

/** Largest D the programs accept (bounded by their workgroup-memory vectors). */
export const MAX_TRIDIAGONAL_SIZE = 1024;

/** Householder reduction of a symmetric [D, D] matrix to tridiagonal form (in the output). */
export class HouseholderTridiagonalProgram implements WebGPUProgram {
  outputShape: number[];
  shaderKey = 'collapselab_householder_tridiagonal';
  dispatchLayout = { x: [0, 1] };
  dispatch: [number, number, number] = [1, 1, 1];
  variableNames = ['A'];
  workgroupSize: [number, number, number] = [TRIDIAGONAL_WORKGROUP_SIZE, 1, 1];

  /** @param d size of the [d, d] input. */
  constructor(d: number) {
    this.outputShape = [d, d];
  }

  /** WGSL body. */
  getUserCode(): string {
    return `
  const WG : i32 = ${TRIDIAGONAL_WORKGROUP_SIZE};
  const MAX_D : i32 = ${MAX_TRIDIAGONAL_SIZE};
  var<workgroup> hv : array<f32, MAX_D>;   // Householder vector v (rows base..n-1)
  var<workgroup> hp : array<f32, MAX_D>;   // p = tau A22 v

  fn main(index : i32) {
    let n = uniforms.aShape.x;
    let t = i32(localIndex);
    // W = (a + a^T) / 2.
    for (var e = t; e < n * n; e += WG) {
      let i = e / n;
      let j = e - i * n;
      result[e] = 0.5 * (A[i * n + j] + A[j * n + i]);
    }
    storageBarrier();

    for (var k = 0; k < n - 2; k++) {
      let base = k + 1;
      let m = n - base;
      // Reflector of x = W[base.., k], computed identically by every thread.
      let x0 = result[base * n + k];
      var sigma = 0.0;
      for (var i = base + 1; i < n; i++) {
        let xi = result[i * n + k];
        sigma += xi * xi;
      }
      let xnorm = sqrt(x0 * x0 + sigma);
      let alpha = select(xnorm, -xnorm, x0 >= 0.0);
      let v0 = x0 - alpha;
      let vv = sigma + v0 * v0;
      // tau = 0 (H = I) when the column is already reduced.
      let tau = select(0.0, 2.0 / vv, sigma > 0.0 && vv > 0.0);
      for (var i = t; i < m; i += WG) {
        hv[i] = select(result[(base + i) * n + k], v0, i == 0);
      }
      workgroupBarrier();
      // p = tau A22 v (A22 symmetric: thread i reads column i, coalesced).
      for (var i = t; i < m; i += WG) {
        var s = 0.0;
        for (var j = 0; j < m; j++) { s += result[(base + j) * n + base + i] * hv[j]; }
        hp[i] = tau * s;
      }
      workgroupBarrier();
      var pv = 0.0;
      for (var j = 0; j < m; j++) { pv += hp[j] * hv[j]; }
      let kk = 0.5 * tau * pv;
      // A22 -= v w^T + w v^T, w = p - kk v.
      for (var e = t; e < m * m; e += WG) {
        let i = e / m;
        let j = e - i * m;
        let vi = hv[i];
        let vj = hv[j];
        let wi = hp[i] - kk * vi;
        let wj = hp[j] - kk * vj;
        let idx = (base + i) * n + base + j;
        result[idx] = result[idx] - (vi * wj + wi * vj);
      }
      if (t == 0 && tau != 0.0) {
        result[base * n + k] = alpha;
        result[k * n + base] = alpha;
      }
      workgroupBarrier();
      storageBarrier();
    }
  }
`;
  }
}

/** Eigenvalues (descending) of the tridiagonal matrix held in W's diagonal and subdiagonal. */
export class TridiagonalBisectionProgram implements WebGPUProgram {
  outputShape: number[];
  shaderKey = 'collapselab_tridiagonal_bisection';
  dispatchLayout = { x: [0] };
  dispatch: [number, number, number] = [1, 1, 1];
  variableNames = ['W'];
  workgroupSize: [number, number, number] = [TRIDIAGONAL_WORKGROUP_SIZE, 1, 1];

  /** @param d size of the [d, d] input. */
  constructor(d: number) {
    this.outputShape = [d];
  }

  /** WGSL body. */
  getUserCode(): string {
    return `
  const WG : i32 = ${TRIDIAGONAL_WORKGROUP_SIZE};
  const MAX_D : i32 = ${MAX_TRIDIAGONAL_SIZE};
  const MAX_STEPS : i32 = 64;   // 2^-64 of the Gershgorin width, far below float32 noise
  var<workgroup> dg : array<f32, MAX_D>;   // diagonal of T
  var<workgroup> e2 : array<f32, MAX_D>;   // e2[i] = T[i+1][i]^2

  // Number of eigenvalues of T below x (negative pivots of T - x I).
  fn sturmCount(x : f32, n : i32, pivmin : f32) -> i32 {
    var count = 0;
    var q = dg[0] - x;
    if (abs(q) < pivmin) { q = -pivmin; }
    if (q < 0.0) { count++; }
    for (var i = 1; i < n; i++) {
      q = (dg[i] - x) - e2[i - 1] / q;
      if (abs(q) < pivmin) { q = -pivmin; }
      if (q < 0.0) { count++; }
    }
    return count;
  }

  fn main(index : i32) {
    let n = uniforms.wShape.x;
    let t = i32(localIndex);
    for (var i = t; i < n; i += WG) {
      dg[i] = W[i * n + i];
      var s = 0.0;
      if (i + 1 < n) { s = W[(i + 1) * n + i]; }
      e2[i] = s * s;
    }
    workgroupBarrier();
    // Gershgorin interval and pivot floor, computed by every thread.
    var lo = 0.0;
    var hi = 0.0;
    var maxE2 = 0.0;
    for (var i = 0; i < n; i++) {
      var r = sqrt(e2[i]);
      if (i > 0) { r += sqrt(e2[i - 1]); }
      if (i == 0) {
        lo = dg[i] - r;
        hi = dg[i] + r;
      } else {
        lo = min(lo, dg[i] - r);
        hi = max(hi, dg[i] + r);
      }
      maxE2 = max(maxE2, e2[i]);
    }
    let pivmin = 1.2e-38 * max(1.0, maxE2);
    let pad = 2.4e-7 * max(abs(lo), abs(hi)) + pivmin;
    lo -= pad;
    hi += pad;

    for (var r = t; r < n; r += WG) {
      let k = n - 1 - r;       // ascending index of the r-th largest eigenvalue
      var a = lo;
      var b = hi;
      for (var step = 0; step < MAX_STEPS; step++) {
        let mid = 0.5 * (a + b);
        if (mid <= a || mid >= b) { break; }
        if (sturmCount(mid, n, pivmin) <= k) { a = mid; } else { b = mid; }
      }
      result[r] = 0.5 * (a + b);
    }
  }
`;
  }
}
