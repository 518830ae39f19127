/**
 * WGSL kernel of `CollapseScalars` for the tfjs `webgpu` backend: the scalar collapse
 * metrics of docs/methods.md §7 (std of L2-normalised embeddings, alignment, uniformity, and
 * a finiteness flag) in ONE dispatch of one workgroup, instead of some thirty tfjs ops.
 * Same formulas as src/metrics/stdNormalized.ts and alignmentUniformity.ts:
 *
 * 1. thread per row: 1 / max(||a_i||, 1e-12) and ||n(a_i)||^2 into workgroup memory;
 *    alignment terms ||n(a_i) - n(b_i)||^2; the finiteness of every entry (bit test, as
 *    WGSL may assume floats are finite);
 * 2. thread per column: two-pass (centred) unbiased std of the normalised column;
 * 3. uniformity: for each row i (held in workgroup memory), the threads share the
 *    partners j > i, each adding exp(-2 max(|u_i|^2 + |u_j|^2 - 2 u_i.u_j, 0)).
 * Every thread keeps float32 partial sums, combined by a tree reduction. N <= 1024 and
 * D <= 1024 (workgroup memory: 13 KiB). About N^2 D / 2 multiply-adds, for one workgroup:
 * fine at the app's sizes (N <= 512, D <= 256), and no read-back.
 */
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend, WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { checkInput } from '../checkInput';
import { replaceKernel } from '../registration';
import { COLLAPSE_SCALARS } from './names';

/** Threads of the single workgroup. */
const WORKGROUP_SIZE = 256;

/** Largest N and D the kernel accepts (bounded by its workgroup-memory arrays). */
export const COLLAPSE_SCALARS_MAX_SIZE = 1024;

/** The fused scalar metrics of a, b [N, D] -> [std, alignment, uniformity, finite]. */
export class CollapseScalarsProgram implements WebGPUProgram {
  outputShape = [4];
  shaderKey = 'collapselab_collapse_scalars';
  dispatchLayout = { x: [0] };
  dispatch: [number, number, number] = [1, 1, 1];
  variableNames = ['A', 'B'];
  workgroupSize: [number, number, number] = [WORKGROUP_SIZE, 1, 1];

  /** WGSL body. */
  getUserCode(): string {
    return `
  const WG : i32 = ${WORKGROUP_SIZE};
  const MAX : i32 = ${COLLAPSE_SCALARS_MAX_SIZE};
  var<workgroup> inv : array<f32, MAX>;    // 1 / max(||a_i||, 1e-12)
  var<workgroup> sq : array<f32, MAX>;     // ||n(a_i)||^2 (1, or 0 for a zero row)
  var<workgroup> rowI : array<f32, MAX>;   // row i of a, for uniformity
  var<workgroup> part : array<f32, WG>;

  fn isFiniteBits(x : f32) -> bool {
    return (bitcast<u32>(x) & 0x7fffffffu) < 0x7f800000u;
  }

  // Sum of v over the workgroup (every thread gets it). Call in uniform control flow.
  fn workgroupSum(t : i32, v : f32) -> f32 {
    part[t] = v;
    workgroupBarrier();
    for (var s = WG / 2; s > 0; s = s / 2) {
      if (t < s) { part[t] = part[t] + part[t + s]; }
      workgroupBarrier();
    }
    let total = part[0];
    workgroupBarrier();
    return total;
  }

  fn main(index : i32) {
    let n = uniforms.aShape.x;
    let d = uniforms.aShape.y;
    let t = i32(localIndex);

    var nonFinite = 0.0;
    var alignSum = 0.0;
    for (var i = t; i < n; i += WG) {
      var s1 = 0.0;
      var s2 = 0.0;
      for (var k = 0; k < d; k++) {
        let x = A[i * d + k];
        let y = B[i * d + k];
        if (!isFiniteBits(x) || !isFiniteBits(y)) { nonFinite = 1.0; }
        s1 += x * x;
        s2 += y * y;
      }
      let r1 = 1.0 / max(sqrt(s1), 1e-12);
      let r2 = 1.0 / max(sqrt(s2), 1e-12);
      inv[i] = r1;
      sq[i] = s1 * r1 * r1;
      for (var k = 0; k < d; k++) {
        let e = A[i * d + k] * r1 - B[i * d + k] * r2;
        alignSum += e * e;
      }
    }
    workgroupBarrier();
    let bad = workgroupSum(t, nonFinite);
    let alignment = workgroupSum(t, alignSum) / f32(n);

    var stds = 0.0;
    for (var j = t; j < d; j += WG) {
      var m = 0.0;
      for (var i = 0; i < n; i++) { m += A[i * d + j] * inv[i]; }
      m = m / f32(n);
      var v = 0.0;
      for (var i = 0; i < n; i++) {
        let e = A[i * d + j] * inv[i] - m;
        v += e * e;
      }
      stds += sqrt(v / f32(n - 1));
    }
    let stdL2 = workgroupSum(t, stds) / f32(d);

    var pairs = 0.0;
    for (var i = 0; i < n - 1; i++) {
      for (var k = t; k < d; k += WG) { rowI[k] = A[i * d + k]; }
      workgroupBarrier();
      for (var j = i + 1 + t; j < n; j += WG) {
        var dp = 0.0;
        for (var k = 0; k < d; k++) { dp += rowI[k] * A[j * d + k]; }
        let dist = max(sq[i] + sq[j] - 2.0 * dp * inv[i] * inv[j], 0.0);
        pairs += exp(-2.0 * dist);
      }
      workgroupBarrier();
    }
    let total = workgroupSum(t, pairs);

    if (t == 0) {
      result[0] = stdL2;
      result[1] = alignment;
      result[2] = log(total / (0.5 * f32(n) * f32(n - 1)));
      result[3] = select(1.0, 0.0, bad > 0.0);
    }
  }
`;
  }
}

/** kernelFunc of CollapseScalars on webgpu: one dispatch, no read-back. */
export const collapseScalarsWebgpu: tf.KernelFunc = ({ inputs, backend }) => {
  const { a, b } = inputs as { a?: tf.TensorInfo; b?: tf.TensorInfo };
  const size = checkInput(COLLAPSE_SCALARS, 'a', a, { shape: 'rows', float32: true, maxSize: COLLAPSE_SCALARS_MAX_SIZE });
  checkInput(COLLAPSE_SCALARS, 'b', b, { shape: 'rows', like: { size, why: 'one shape with "a"' }, float32: true });
  return (backend as WebGPUBackend).runWebGPUProgram(new CollapseScalarsProgram(), [a as tf.TensorInfo, b as tf.TensorInfo], 'float32');
};

/** Registers the WGSL CollapseScalars for 'webgpu', replacing any other registration. Idempotent. */
export function registerCollapseScalarsWebgpu(): void {
  replaceKernel({ kernelName: COLLAPSE_SCALARS, backendName: 'webgpu', kernelFunc: collapseScalarsWebgpu });
}
