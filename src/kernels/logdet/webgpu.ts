/**
 * WGSL kernels of the log-determinant family for the tfjs `webgpu` backend, so
 * CorInfoMax's hot path (log det and, for its gradient, the inverse) never reads the
 * GPU back:
 *
 *   CholeskyProgram           a [D, D] SPD          -> L [D, D], a = L L^T (zeros above)
 *   LogDetFromCholeskyProgram L                    -> 2 sum_i log L_ii   (scalar)
 *   InverseFromCholeskyProgram L                   -> a^{-1} = L^{-T} L^{-1}, exactly symmetric
 *
 * `LogDetSPD` and `InverseSPD` chain two of them (two dispatches, the factor is a
 * transient GPU buffer). Each program runs in ONE workgroup of 256 threads and keeps its
 * matrix in the storage buffer (a 256 x 256 float32 matrix is 256 KiB, far above the
 * 32 KiB of workgroup memory); workgroup memory only caches one row and one column.
 *
 * Numerics, all in float32 (the tests state the tolerances):
 * - Pivot floor, identical to ./reference.ts: every pivot is raised to
 *   max(2^-24 * max_i |a_ii|, 1e-30), so a singular or slightly indefinite input
 *   (covariance rounding) gives a very negative but finite log det and a large finite
 *   inverse instead of NaN. A NaN pivot is NOT floored (`pivot < floor` is false for NaN)
 *   so NaN inputs still give NaN, unless the shader compiler assumes no NaNs.
 * - Every dot product (the Cholesky update and both triangular solves) uses compensated
 *   (Kahan) summation. If a shader compiler re-associates floating point and removes
 *   the compensation, the result is plain float32 summation: still correct, only less
 *   accurate (the parity tolerances allow for that).
 * - Only the lower triangle of `a` is read, as in the reference. D <= MAX_SPD_SIZE.
 */
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend, WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { INVERSE_SPD, LOGDET_SPD } from './names';
import { PIVOT_FLOOR_ABSOLUTE, PIVOT_FLOOR_RELATIVE } from './reference';
import { registerLogdetKernels } from './register';

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

/** Throws unless `x` is a float32 square matrix the programs accept; returns D. */
export function checkSquareFloat32(x: tf.TensorInfo | undefined, kernelName: string, name = 'a'): number {
  if (!x) throw new Error(`${kernelName}: missing input "${name}".`);
  const [rows, cols] = x.shape;
  if (x.shape.length !== 2 || rows === undefined || rows !== cols) {
    throw new Error(`${kernelName}: input must be a square [D, D] matrix, got shape [${x.shape.join(', ')}].`);
  }
  if (x.dtype !== 'float32') throw new Error(`${kernelName}: input must be float32, got ${x.dtype}.`);
  if (rows > MAX_SPD_SIZE) throw new Error(`${kernelName}: the WebGPU kernel supports D <= ${MAX_SPD_SIZE}, got ${rows}.`);
  return rows;
}

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

/**
 * a^{-1} from its Cholesky factor: thread j solves L y = e_j then L^T x = y for column j
 * of the inverse (compensated dot products), every thread walking the same (i, k)
 * sequence so loads of L are uniform across the workgroup. A final pass averages
 * X_ij and X_ji so the result is exactly symmetric.
 */
export class InverseFromCholeskyProgram implements WebGPUProgram {
  outputShape: number[];
  shaderKey = 'collapselab_inverse_from_cholesky';
  dispatchLayout = { x: [0, 1] };
  dispatch: [number, number, number] = [1, 1, 1];
  variableNames = ['L'];
  workgroupSize: [number, number, number] = [SPD_WORKGROUP_SIZE, 1, 1];

  /** @param d size of the [d, d] factor. */
  constructor(d: number) {
    this.outputShape = [d, d];
  }

  /** WGSL body. */
  getUserCode(): string {
    return `${COMMON_WGSL}
  fn main(index : i32) {
    let n = uniforms.lShape.x;
    let t = i32(localIndex);
    for (var j = t; j < n; j += WG) {
      // Forward: L y = e_j (y_i = 0 for i < j comes out exactly).
      for (var i = 0; i < n; i++) {
        var acc = vec2<f32>(select(0.0, 1.0, i == j), 0.0);
        for (var k = 0; k < i; k++) { acc = kahanAdd(acc, -(L[i * n + k] * result[k * n + j])); }
        result[i * n + j] = acc.x / L[i * n + i];
      }
      // Backward: L^T x = y, overwriting y from the bottom up.
      for (var i = n - 1; i >= 0; i--) {
        var acc = vec2<f32>(result[i * n + j], 0.0);
        for (var k = i + 1; k < n; k++) { acc = kahanAdd(acc, -(L[k * n + i] * result[k * n + j])); }
        result[i * n + j] = acc.x / L[i * n + i];
      }
    }
    storageBarrier();
    for (var e = t; e < n * n; e += WG) {
      let i = e / n;
      let k = e - i * n;
      if (i > k) {
        let v = 0.5 * (result[i * n + k] + result[k * n + i]);
        result[i * n + k] = v;
        result[k * n + i] = v;
      }
    }
  }
`;
  }
}

/** Runs CholeskyProgram: the lower-triangular factor of `a` as a new backend tensor. */
export function choleskyWebgpu(backend: WebGPUBackend, a: tf.TensorInfo): tf.TensorInfo {
  const d = checkSquareFloat32(a, 'Cholesky');
  return backend.runWebGPUProgram(new CholeskyProgram(d), [a], 'float32');
}

/** kernelFunc of LogDetSPD on webgpu: Cholesky then the log-diagonal sum, no read-back. */
export const logdetWebgpu: tf.KernelFunc = ({ inputs, backend }) => {
  const b = backend as WebGPUBackend;
  const a = inputs['a'];
  checkSquareFloat32(a, LOGDET_SPD);
  const L = choleskyWebgpu(b, a as tf.TensorInfo);
  const out = b.runWebGPUProgram(new LogDetFromCholeskyProgram(), [L], 'float32');
  b.disposeData(L.dataId);
  return out;
};

/** kernelFunc of InverseSPD on webgpu: Cholesky then the two triangular solves, no read-back. */
export const inverseWebgpu: tf.KernelFunc = ({ inputs, backend }) => {
  const b = backend as WebGPUBackend;
  const a = inputs['a'];
  const d = checkSquareFloat32(a, INVERSE_SPD);
  const L = choleskyWebgpu(b, a as tf.TensorInfo);
  const out = b.runWebGPUProgram(new InverseFromCholeskyProgram(d), [L], 'float32');
  b.disposeData(L.dataId);
  return out;
};

/** Registers `kernelFunc` for webgpu under `kernelName`, replacing any other registration. */
export function replaceWebgpuKernel(kernelName: string, kernelFunc: tf.KernelFunc): void {
  const existing = tf.getKernel(kernelName, 'webgpu');
  if (existing?.kernelFunc === kernelFunc) return;
  if (existing) tf.unregisterKernel(kernelName, 'webgpu');
  tf.registerKernel({ kernelName, backendName: 'webgpu', kernelFunc });
}

/**
 * Registers the WGSL LogDetSPD and InverseSPD for 'webgpu', replacing the read-back
 * stand-ins of ./register.ts (registered first here so the other backends have theirs).
 * Idempotent.
 */
export function registerLogdetWebgpuKernels(): void {
  registerLogdetKernels();
  replaceWebgpuKernel(LOGDET_SPD, logdetWebgpu);
  replaceWebgpuKernel(INVERSE_SPD, inverseWebgpu);
}
