/**
 * WGSL kernels of the log-determinant family for the tfjs `webgpu` backend, so
 * CorInfoMax's hot path (log det and, for its gradient, the inverse) never reads the
 * GPU back:
 *
 *   CholeskyProgram           a [D, D] SPD          -> L [D, D], a = L L^T (zeros above)
 *   LogDetFromCholeskyProgram L                    -> 2 sum_i log L_ii   (scalar)
 *   TriangularInverseProgram  L                    -> lower triangle of a^{-1} = L^{-T} L^{-1}
 *   MirrorLowerProgram        lower triangle       -> the full, exactly symmetric a^{-1}
 *
 * `LogDetSPD` runs the first two, `InverseSPD` the first and the last two (transient GPU
 * buffers in between, disposed at once). The Cholesky factorisation and the log-diagonal
 * sum run in ONE workgroup of 256 threads and keep the matrix in the storage buffer (a
 * 256 x 256 float32 matrix is 256 KiB; workgroup memory only caches one row and one
 * column); the solves run one thread per column over as many workgroups as needed.
 *
 * Numerics, all in float32 (e2e/kernels.spec.ts states and checks the tolerances):
 * - Pivot floor, identical to ./reference.ts: every pivot is raised to
 *   max(2^-24 * max_i |a_ii|, 1e-30), so a slightly indefinite input (covariance
 *   rounding) does not take the square root of a negative number. Caveat (shared with
 *   the reference): the floor lies below the float32 noise of the Schur complement, so on
 *   a truly singular input (rank-deficient covariance without eps * I) the floored
 *   columns amplify that noise (about 20x per column at D = 64) and both the reference
 *   and this kernel overflow to Inf/NaN. CorInfoMax's eps * I (1e-6) keeps the input
 *   SPD (condition number ~1e7 when N < D), where the kernel is accurate to the float32
 *   limit: |log det error| about 0.1-0.3, inverse error a few % of max|a^{-1}|.
 * - A NaN pivot is not floored (`pivot < floor` is false for NaN), but WGSL lets
 *   implementations assume there are no NaNs, so NaN propagation is not guaranteed.
 * - Every dot product (the Cholesky update and both triangular solves) uses compensated
 *   (Kahan) summation. If a shader compiler re-associates floating point and removes
 *   the compensation, the result is plain float32 summation: still correct, only less
 *   accurate (the parity tolerances allow for that).
 * - Only the lower triangle of `a` is read, as in the reference. D <= MAX_SPD_SIZE;
 *   workgroup memory 9 KiB (WebGPU guarantees 16 KiB).
 */
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend, WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { checkInput, type InputRule } from '../checkInput';
import { replaceKernel } from '../registration';
import { INVERSE_SPD, LOGDET_SPD } from './names';
import { PIVOT_FLOOR_ABSOLUTE, PIVOT_FLOOR_RELATIVE } from './reference';

/** Threads of the single workgroup every program here runs in (WebGPU's guaranteed maximum). */
export const SPD_WORKGROUP_SIZE = 256;

/** Largest D the WGSL programs accept (bounded by the workgroup-memory row/column caches). */
export const MAX_SPD_SIZE = 1024;

/** WGSL literal of a float (exponent form, always valid). */
function wgslFloat(x: number): string {
  return x.toExponential().replace('e+', 'e');
}

/** WGSL shared by the programs: sizes and the Kahan step. */
const COMMON_WGSL = `
  const WG : i32 = ${SPD_WORKGROUP_SIZE};
  const MAX_D : i32 = ${MAX_SPD_SIZE};
  const PIVOT_REL : f32 = ${wgslFloat(PIVOT_FLOOR_RELATIVE)};
  const PIVOT_ABS : f32 = ${wgslFloat(PIVOT_FLOOR_ABSOLUTE)};

  // One step of compensated summation: (sum, compensation) after adding x.
  fn kahanAdd(acc : vec2<f32>, x : f32) -> vec2<f32> {
    let y = x - acc.y;
    let t = acc.x + y;
    return vec2<f32>(t, (t - acc.x) - y);
  }
`;

/** What the programs accept: a float32 square matrix of at most MAX_SPD_SIZE rows. */
const SPD_INPUT: InputRule = { shape: 'square', float32: true, maxSize: MAX_SPD_SIZE };

/**
 * Cholesky factor of an SPD matrix, left-looking, column by column in one workgroup.
 * While it runs the factor is stored transposed (result[k*D + i] = L[i][k]) so that the
 * threads, one per row i, read consecutive addresses; a last pass moves it to the
 * row-major lower triangle and zeroes the upper one.
 */
export class CholeskyProgram implements WebGPUProgram {
  outputShape: number[];
  shaderKey = 'collapselab_cholesky';
  dispatchLayout = { x: [0, 1] };
  dispatch: [number, number, number] = [1, 1, 1];
  variableNames = ['A'];
  workgroupSize: [number, number, number] = [SPD_WORKGROUP_SIZE, 1, 1];

  /** @param d size of the [d, d] input. */
  constructor(d: number) {
    this.outputShape = [d, d];
  }

  /** WGSL body. */
  getUserCode(): string {
    return `${COMMON_WGSL}
  var<workgroup> rowJ : array<f32, MAX_D>;   // L[j][k], k < j
  var<workgroup> colS : array<f32, MAX_D>;   // a[i][j] - sum_k L[i][k] L[j][k], i >= j
  var<workgroup> red : array<f32, WG>;

  fn main(index : i32) {
    let n = uniforms.aShape.x;
    let t = i32(localIndex);

    // Pivot floor from the largest |a_ii|.
    var m = 0.0;
    for (var i = t; i < n; i += WG) { m = max(m, abs(A[i * n + i])); }
    red[t] = m;
    workgroupBarrier();
    for (var s = WG / 2; s > 0; s = s / 2) {
      if (t < s) { red[t] = max(red[t], red[t + s]); }
      workgroupBarrier();
    }
    let pivotFloor = max(PIVOT_REL * red[0], PIVOT_ABS);

    for (var j = 0; j < n; j++) {
      for (var k = t; k < j; k += WG) { rowJ[k] = result[k * n + j]; }
      workgroupBarrier();
      for (var i = j + t; i < n; i += WG) {
        var acc = vec2<f32>(A[i * n + j], 0.0);
        for (var k = 0; k < j; k++) { acc = kahanAdd(acc, -(result[k * n + i] * rowJ[k])); }
        colS[i] = acc.x;
      }
      workgroupBarrier();
      var pivot = colS[j];
      if (pivot < pivotFloor) { pivot = pivotFloor; }
      let ljj = sqrt(pivot);
      for (var i = j + t; i < n; i += WG) {
        result[j * n + i] = select(colS[i] / ljj, ljj, i == j);
      }
      storageBarrier();
    }

    // Transposed upper triangle -> row-major lower triangle; zero the strict upper part.
    for (var e = t; e < n * n; e += WG) {
      let i = e / n;
      let k = e - i * n;
      if (i > k) {
        result[i * n + k] = result[k * n + i];
        result[k * n + i] = 0.0;
      }
    }
  }
`;
  }
}

/** 2 sum_i log L_ii of a Cholesky factor: a pairwise (tree) sum in one workgroup. */
export class LogDetFromCholeskyProgram implements WebGPUProgram {
  outputShape: number[] = [];
  shaderKey = 'collapselab_logdet_from_cholesky';
  dispatchLayout = { x: [] as number[] };
  dispatch: [number, number, number] = [1, 1, 1];
  variableNames = ['L'];
  workgroupSize: [number, number, number] = [SPD_WORKGROUP_SIZE, 1, 1];

  /** WGSL body. */
  getUserCode(): string {
    return `${COMMON_WGSL}
  var<workgroup> part : array<f32, WG>;

  fn main(index : i32) {
    let n = uniforms.lShape.x;
    let t = i32(localIndex);
    var s = 0.0;
    for (var i = t; i < n; i += WG) { s += log(L[i * n + i]); }
    part[t] = s;
    workgroupBarrier();
    for (var h = WG / 2; h > 0; h = h / 2) {
      if (t < h) { part[t] = part[t] + part[t + h]; }
      workgroupBarrier();
    }
    if (t == 0) { result[0] = 2.0 * part[0]; }
  }
`;
  }
}

/** Threads per workgroup of the column-parallel programs (triangular solve, mirror). */
const COLUMN_WORKGROUP_SIZE = 64;

/**
 * The lower triangle of a^{-1} from its Cholesky factor L: thread j (any number of
 * workgroups, no barriers) solves L y = e_j then L^T x = y for rows i >= j of column j,
 * with compensated dot products. Work per column is about (D - j)^2; the entries above
 * the diagonal are left unwritten (MirrorLowerProgram fills them).
 */
export class TriangularInverseProgram implements WebGPUProgram {
  outputShape: number[];
  shaderKey = 'collapselab_triangular_inverse';
  dispatchLayout = { x: [0] };
  dispatch: [number, number, number];
  variableNames = ['L'];
  workgroupSize: [number, number, number] = [COLUMN_WORKGROUP_SIZE, 1, 1];

  /** @param d size of the [d, d] factor. */
  constructor(d: number) {
    this.outputShape = [d, d];
    this.dispatch = [Math.ceil(d / COLUMN_WORKGROUP_SIZE), 1, 1];
  }

  /** WGSL body. */
  getUserCode(): string {
    return `${COMMON_WGSL}
  fn main(index : i32) {
    let n = uniforms.lShape.x;
    let j = i32(workgroupId.x) * ${COLUMN_WORKGROUP_SIZE} + i32(localIndex);
    if (j < n) {
      // Forward: L y = e_j; y_i = 0 for i < j.
      result[j * n + j] = 1.0 / L[j * n + j];
      for (var i = j + 1; i < n; i++) {
        var acc = vec2<f32>(0.0, 0.0);
        for (var k = j; k < i; k++) { acc = kahanAdd(acc, -(L[i * n + k] * result[k * n + j])); }
        result[i * n + j] = acc.x / L[i * n + i];
      }
      // Backward: L^T x = y for rows n-1 down to j, overwriting y.
      for (var i = n - 1; i >= j; i--) {
        var acc = vec2<f32>(result[i * n + j], 0.0);
        for (var k = i + 1; k < n; k++) { acc = kahanAdd(acc, -(L[k * n + i] * result[k * n + j])); }
        result[i * n + j] = acc.x / L[i * n + i];
      }
    }
  }
`;
  }
}

/** Symmetric matrix from its lower triangle: out[i][j] = x[max(i, j)][min(i, j)]. */
export class MirrorLowerProgram implements WebGPUProgram {
  outputShape: number[];
  shaderKey = 'collapselab_mirror_lower';
  dispatchLayout = { x: [0, 1] };
  dispatch: [number, number, number];
  variableNames = ['X'];
  workgroupSize: [number, number, number] = [COLUMN_WORKGROUP_SIZE, 1, 1];
  size = true;

  /** @param d size of the [d, d] matrix. */
  constructor(d: number) {
    this.outputShape = [d, d];
    this.dispatch = [Math.ceil((d * d) / COLUMN_WORKGROUP_SIZE), 1, 1];
  }

  /** WGSL body. */
  getUserCode(): string {
    return `
  fn main(index : i32) {
    if (index < uniforms.size) {
      let n = uniforms.xShape.x;
      let i = index / n;
      let j = index - i * n;
      result[index] = X[max(i, j) * n + min(i, j)];
    }
  }
`;
  }
}

/** Runs CholeskyProgram: the lower-triangular factor of `a` as a new backend tensor. */
export function choleskyWebgpu(backend: WebGPUBackend, a: tf.TensorInfo): tf.TensorInfo {
  const [d] = checkInput('Cholesky', 'a', a, SPD_INPUT);
  return backend.runWebGPUProgram(new CholeskyProgram(d), [a], 'float32');
}

/** kernelFunc of LogDetSPD on webgpu: Cholesky then the log-diagonal sum, no read-back. */
export const logdetWebgpu: tf.KernelFunc = ({ inputs, backend }) => {
  const b = backend as WebGPUBackend;
  const a = inputs['a'];
  checkInput(LOGDET_SPD, 'a', a, SPD_INPUT);
  const L = choleskyWebgpu(b, a as tf.TensorInfo);
  const out = b.runWebGPUProgram(new LogDetFromCholeskyProgram(), [L], 'float32');
  b.disposeData(L.dataId);
  return out;
};

/** kernelFunc of InverseSPD on webgpu: Cholesky, the triangular solves, the mirror; no read-back. */
export const inverseWebgpu: tf.KernelFunc = ({ inputs, backend }) => {
  const b = backend as WebGPUBackend;
  const a = inputs['a'];
  const [d] = checkInput(INVERSE_SPD, 'a', a, SPD_INPUT);
  const L = choleskyWebgpu(b, a as tf.TensorInfo);
  const lower = b.runWebGPUProgram(new TriangularInverseProgram(d), [L], 'float32');
  b.disposeData(L.dataId);
  const out = b.runWebGPUProgram(new MirrorLowerProgram(d), [lower], 'float32');
  b.disposeData(lower.dataId);
  return out;
};

/** Registers the WGSL LogDetSPD and InverseSPD for 'webgpu', replacing any other registration. Idempotent. */
export function registerLogdetWebgpuKernels(): void {
  replaceKernel({ kernelName: LOGDET_SPD, backendName: 'webgpu', kernelFunc: logdetWebgpu });
  replaceKernel({ kernelName: INVERSE_SPD, backendName: 'webgpu', kernelFunc: inverseWebgpu });
}
