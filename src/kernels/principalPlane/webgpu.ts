/**
 * WGSL kernel of `PrincipalPlane` for the tfjs `webgpu` backend: z [N, D] -> the packed
 * principal plane (./names.ts), with no read-back. Three dispatches:
 * 1. ColumnMeanProgram and 2. CenteredGramProgram (../covariance/webgpu.ts): mu and C.
 * 3. PrincipalPlaneProgram, ONE workgroup of 256 threads:
 *    - subspace iteration on a block of 4 vectors (the top two and two guards, so the top
 *      two converge like (lambda_5 / lambda_2)^k): PRINCIPAL_PLANE_ITERATIONS steps of
 *      Q <- orth(C Q), from a fixed pseudo-random start. Orthonormalisation is Gram-Schmidt
 *      with every projection done twice (the block of a collapsed C is nearly parallel);
 *      a vector with nothing left, and vectors beyond D, become zero;
 *    - Rayleigh-Ritz: H = Q^T C Q (4 x 4), diagonalised by cyclic Jacobi in every thread
 *      (identically), its top two eigenvectors mapped back through Q, each signed so that
 *      its largest-magnitude component is positive (as the float64 reference,
 *      src/metrics/principalPlane.ts, which iterates to convergence instead of a fixed count);
 *    - trace C and |mu|^2 by workgroup sums, then each row of z - mu projected on both.
 *    The block lives in workgroup memory, row i of all 4 vectors in one vec4 (8 KiB at
 *    D = 512; 12 KiB with the reduction scratch); each thread owns rows i = t and t + 256.
 */
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend, WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { packedLength } from '../../metrics/embeddingProjection';
import { checkInput } from '../checkInput';
import { CenteredGramProgram, ColumnMeanProgram } from '../covariance/webgpu';
import { replaceKernel } from '../registration';
import { PRINCIPAL_PLANE } from './names';

/** Threads of the single workgroup. */
const WORKGROUP_SIZE = 256;

/** Largest N and D the kernel accepts (D: the block in workgroup memory, two rows per thread). */
export const PRINCIPAL_PLANE_MAX_SIZE = 2 * WORKGROUP_SIZE;

/** Subspace iteration steps (a fixed count: the iteration runs without reading anything back). */
export const PRINCIPAL_PLANE_ITERATIONS = 64;

/** Jacobi sweeps of the 4 x 4 Rayleigh quotient (2-3 reach float32 precision). */
const JACOBI_SWEEPS = 8;

/** The principal plane of z [N, D] from its column means mu [D] and centred covariance C [D, D]. */
export class PrincipalPlaneProgram implements WebGPUProgram {
  outputShape: number[];
  shaderKey = 'collapselab_principal_plane';
  dispatchLayout = { x: [0] };
  dispatch: [number, number, number] = [1, 1, 1];
  variableNames = ['Z', 'Mu', 'C'];
  workgroupSize: [number, number, number] = [WORKGROUP_SIZE, 1, 1];

  /** @param n rows of z. */
  constructor(n: number) {
    this.outputShape = [packedLength(n)];
  }

  /** WGSL body. */
  getUserCode(): string {
    return `
  const WG : i32 = ${WORKGROUP_SIZE};
  const MAX_D : i32 = ${PRINCIPAL_PLANE_MAX_SIZE};
  const ROWS : i32 = ${PRINCIPAL_PLANE_MAX_SIZE / WORKGROUP_SIZE};
  const ITERATIONS : i32 = ${PRINCIPAL_PLANE_ITERATIONS};
  const SWEEPS : i32 = ${JACOBI_SWEEPS};

  // Row i of the block: component k is vector k's.
  var<workgroup> q : array<vec4<f32>, MAX_D>;
  var<workgroup> red : array<vec4<f32>, WG>;

  // Sum over the workgroup of every thread's part, returned to every thread.
  fn workgroupSum(part : vec4<f32>) -> vec4<f32> {
    let t = i32(localIndex);
    red[t] = part;
    workgroupBarrier();
    for (var s = WG / 2; s > 0; s = s / 2) {
      if (t < s) { red[t] = red[t] + red[t + s]; }
      workgroupBarrier();
    }
    let total = red[0];
    workgroupBarrier();
    return total;
  }

  // Per lane of .xy, the part of largest magnitude over the workgroup (sign kept).
  fn workgroupLargest(part : vec2<f32>) -> vec2<f32> {
    let t = i32(localIndex);
    red[t] = vec4<f32>(part, 0.0, 0.0);
    workgroupBarrier();
    for (var s = WG / 2; s > 0; s = s / 2) {
      if (t < s) {
        let a = red[t].xy;
        let b = red[t + s].xy;
        red[t] = vec4<f32>(select(a, b, abs(b) > abs(a)), 0.0, 0.0);
      }
      workgroupBarrier();
    }
    let best = red[0].xy;
    workgroupBarrier();
    return best;
  }

  // A fixed pseudo-random start value in [-1, 1) for component k of row i.
  fn startValue(i : i32, k : i32) -> f32 {
    var h = u32(i * 4 + k) * 2654435769u + 2246822519u;
    h = (h ^ (h >> 15u)) * 2654435761u;
    h = h ^ (h >> 13u);
    return f32(h) * (2.0 / 4294967296.0) - 1.0;
  }

  // Orthonormalises the block's vectors in order; vectors beyond d, or with nothing left, become zero.
  fn orthonormalise(d : i32) {
    let t = i32(localIndex);
    for (var k = 0; k < 4; k++) {
      let earlier = vec4<f32>(select(0.0, 1.0, k > 0), select(0.0, 1.0, k > 1), select(0.0, 1.0, k > 2), 0.0);
      for (var twice = 0; twice < 2; twice++) {
        var part = vec4<f32>(0.0);
        for (var r = 0; r < ROWS; r++) {
          let i = t + r * WG;
          if (i < d) { part += q[i] * q[i][k]; }
        }
        let dots = workgroupSum(part) * earlier;
        for (var r = 0; r < ROWS; r++) {
          let i = t + r * WG;
          if (i < d) { q[i][k] -= dot(dots, q[i]); }
        }
      }
      var square = 0.0;
      for (var r = 0; r < ROWS; r++) {
        let i = t + r * WG;
        if (i < d) { square += q[i][k] * q[i][k]; }
      }
      let norm2 = workgroupSum(vec4<f32>(square, 0.0, 0.0, 0.0)).x;
      let scale = select(0.0, inverseSqrt(norm2), norm2 > 1e-30 && k < d);
      for (var r = 0; r < ROWS; r++) {
        let i = t + r * WG;
        if (i < d) { q[i][k] *= scale; }
      }
    }
    workgroupBarrier();
  }

  // Row i of C Q (zero beyond d).
  fn cRow(i : i32, d : i32) -> vec4<f32> {
    var acc = vec4<f32>(0.0);
    if (i < d) {
      for (var j = 0; j < d; j++) { acc += C[i * d + j] * q[j]; }
    }
    return acc;
  }

  fn main(index : i32) {
    let n = uniforms.zShape.x;
    let d = uniforms.zShape.y;
    let t = i32(localIndex);

    for (var r = 0; r < ROWS; r++) {
      let i = t + r * WG;
      if (i < d) { q[i] = vec4<f32>(startValue(i, 0), startValue(i, 1), startValue(i, 2), startValue(i, 3)); }
    }
    orthonormalise(d);

    var w : array<vec4<f32>, ROWS>;
    for (var it = 0; it < ITERATIONS; it++) {
      for (var r = 0; r < ROWS; r++) { w[r] = cRow(t + r * WG, d); }
      workgroupBarrier();
      for (var r = 0; r < ROWS; r++) {
        let i = t + r * WG;
        if (i < d) { q[i] = w[r]; }
      }
      orthonormalise(d);
    }

    // Rayleigh-Ritz: H = Q^T (C Q), symmetrised.
    for (var r = 0; r < ROWS; r++) { w[r] = cRow(t + r * WG, d); }
    var h : array<vec4<f32>, 4>;
    for (var a = 0; a < 4; a++) {
      var part = vec4<f32>(0.0);
      for (var r = 0; r < ROWS; r++) {
        let i = t + r * WG;
        if (i < d) { part += q[i][a] * w[r]; }
      }
      h[a] = workgroupSum(part);
    }
    var m : array<array<f32, 4>, 4>;
    var v : array<array<f32, 4>, 4>;
    for (var a = 0; a < 4; a++) {
      for (var b = 0; b < 4; b++) {
        m[a][b] = 0.5 * (h[a][b] + h[b][a]);
        v[a][b] = select(0.0, 1.0, a == b);
      }
    }
    // Cyclic Jacobi: m <- J^T m J, v <- v J; the eigenvectors end up as the columns of v.
    for (var sweep = 0; sweep < SWEEPS; sweep++) {
      for (var p = 0; p < 3; p++) {
        for (var s = p + 1; s < 4; s++) {
          let mps = m[p][s];
          if (abs(mps) > 1e-30) {
            let theta = (m[s][s] - m[p][p]) / (2.0 * mps);
            let tn = select(1.0, -1.0, theta < 0.0) / (abs(theta) + sqrt(theta * theta + 1.0));
            let c = inverseSqrt(tn * tn + 1.0);
            let sn = tn * c;
            for (var k = 0; k < 4; k++) {
              let kp = m[k][p];
              let ks = m[k][s];
              m[k][p] = c * kp - sn * ks;
              m[k][s] = sn * kp + c * ks;
            }
            for (var k = 0; k < 4; k++) {
              let pk = m[p][k];
              let sk = m[s][k];
              m[p][k] = c * pk - sn * sk;
              m[s][k] = sn * pk + c * sk;
            }
            for (var k = 0; k < 4; k++) {
              let kp = v[k][p];
              let ks = v[k][s];
              v[k][p] = c * kp - sn * ks;
              v[k][s] = sn * kp + c * ks;
            }
          }
        }
      }
    }
    var top1 = 0;
    for (var k = 1; k < 4; k++) { if (m[k][k] > m[top1][top1]) { top1 = k; } }
    var top2 = select(0, 1, top1 == 0);
    for (var k = 0; k < 4; k++) { if (k != top1 && m[k][k] > m[top2][top2]) { top2 = k; } }
    let u1 = vec4<f32>(v[0][top1], v[1][top1], v[2][top1], v[3][top1]);
    let u2 = vec4<f32>(v[0][top2], v[1][top2], v[2][top2], v[3][top2]);

    // The two directions on this thread's rows, signed, then stored as the block's .xy.
    var dirs : array<vec2<f32>, ROWS>;
    var big = vec2<f32>(0.0);
    for (var r = 0; r < ROWS; r++) {
      let i = t + r * WG;
      if (i < d) {
        dirs[r] = vec2<f32>(dot(q[i], u1), dot(q[i], u2));
        big = select(big, dirs[r], abs(dirs[r]) > abs(big));
      }
    }
    let largest = workgroupLargest(big);
    let signs = select(vec2<f32>(1.0), vec2<f32>(-1.0), largest < vec2<f32>(0.0));
    var sums = vec4<f32>(0.0);
    for (var r = 0; r < ROWS; r++) {
      let i = t + r * WG;
      if (i < d) {
        q[i] = vec4<f32>(dirs[r] * signs, 0.0, 0.0);
        sums += vec4<f32>(C[i * d + i], Mu[i] * Mu[i], 0.0, 0.0);
      }
    }
    sums = workgroupSum(sums);

    for (var row = t; row < n; row += WG) {
      var acc = vec2<f32>(0.0);
      for (var j = 0; j < d; j++) { acc += (Z[row * d + j] - Mu[j]) * q[j].xy; }
      result[row] = acc.x;
      result[n + row] = acc.y;
    }
    if (t == 0) {
      result[2 * n] = m[top1][top1];
      result[2 * n + 1] = m[top2][top2];
      result[2 * n + 2] = sums.x;
      result[2 * n + 3] = sums.y;
    }
  }
`;
  }
}

/** kernelFunc of PrincipalPlane on webgpu: column means, centred covariance, then the plane. */
export const principalPlaneWebgpu: tf.KernelFunc = ({ inputs, backend }) => {
  const b = backend as WebGPUBackend;
  const z = inputs['z'] as tf.TensorInfo;
  const [n, d] = checkInput(PRINCIPAL_PLANE, 'z', z, { shape: 'rows', float32: true, maxSize: PRINCIPAL_PLANE_MAX_SIZE });
  const mu = b.runWebGPUProgram(new ColumnMeanProgram(d), [z], 'float32');
  const c = b.runWebGPUProgram(new CenteredGramProgram(d), [z, mu], 'float32');
  const out = b.runWebGPUProgram(new PrincipalPlaneProgram(n), [z, mu, c], 'float32');
  b.disposeData(mu.dataId);
  b.disposeData(c.dataId);
  return out;
};

/** Registers the WGSL PrincipalPlane for 'webgpu', replacing any other registration. Idempotent. */
export function registerPrincipalPlaneWebgpu(): void {
  replaceKernel({ kernelName: PRINCIPAL_PLANE, backendName: 'webgpu', kernelFunc: principalPlaneWebgpu });
}
