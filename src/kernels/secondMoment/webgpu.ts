/**
 * WGSL kernel of `RotatedSecondMoment` for the tfjs `webgpu` backend (see ./names.ts and
 * src/metrics/uncentredGram.ts for why the rotation): two dispatches, no read-back.
 * 1. ColumnMeanProgram (../covariance/webgpu.ts): mu = column means of z, Kahan-summed.
 * 2. RotatedSecondMomentProgram, one workgroup: every thread forms |mu|^2 and the
 *    reflector v = mu + sign(mu_0) |mu| e_1, beta = 2 / v.v (0 when mu = 0); thread per
 *    row w = C v; then every entry of H C H = C - beta (v w^T + w v^T) + beta^2 (v.w) v v^T,
 *    plus |mu|^2 at (0, 0). Each term is of the size of C (beta v_i v_j is at most 2), so
 *    nothing of size |mu|^2 cancels. D <= 1024 (workgroup memory 8 KiB).
 */
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend, WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { checkInput } from '../checkInput';
import { ColumnMeanProgram } from '../covariance/webgpu';
import { replaceKernel } from '../registration';
import { ROTATED_SECOND_MOMENT } from './names';

/** Threads of the single workgroup. */
const WORKGROUP_SIZE = 256;

/** Largest D the kernel accepts. */
export const ROTATED_SECOND_MOMENT_MAX_SIZE = 1024;

/** H (C + mu mu^T) H from C [D, D] and mu [D]. */
export class RotatedSecondMomentProgram implements WebGPUProgram {
  outputShape: number[];
  shaderKey = 'collapselab_rotated_second_moment';
  dispatchLayout = { x: [0, 1] };
  dispatch: [number, number, number] = [1, 1, 1];
  variableNames = ['C', 'Mu'];
  workgroupSize: [number, number, number] = [WORKGROUP_SIZE, 1, 1];

  /** @param d size of C. */
  constructor(d: number) {
    this.outputShape = [d, d];
  }

  /** WGSL body. */
  getUserCode(): string {
    return `
  const WG : i32 = ${WORKGROUP_SIZE};
  const MAX_D : i32 = ${ROTATED_SECOND_MOMENT_MAX_SIZE};
  var<workgroup> v : array<f32, MAX_D>;
  var<workgroup> w : array<f32, MAX_D>;

  fn main(index : i32) {
    let d = uniforms.cShape.x;
    let t = i32(localIndex);
    var norm2 = 0.0;
    for (var k = 0; k < d; k++) { norm2 += Mu[k] * Mu[k]; }
    let mu0 = Mu[0];
    let s = select(1.0, -1.0, mu0 < 0.0);
    for (var k = t; k < d; k += WG) { v[k] = select(Mu[k], mu0 + s * sqrt(norm2), k == 0); }
    workgroupBarrier();
    var vv = 0.0;
    for (var k = 0; k < d; k++) { vv += v[k] * v[k]; }
    let beta = select(0.0, 2.0 / vv, vv > 0.0);
    for (var i = t; i < d; i += WG) {
      var acc = 0.0;
      for (var j = 0; j < d; j++) { acc += C[i * d + j] * v[j]; }
      w[i] = acc;
    }
    workgroupBarrier();
    var vw = 0.0;
    for (var k = 0; k < d; k++) { vw += v[k] * w[k]; }
    let g = beta * beta * vw;
    for (var e = t; e < d * d; e += WG) {
      let i = e / d;
      let j = e - i * d;
      var b = C[e] - beta * (v[i] * w[j] + w[i] * v[j]) + g * v[i] * v[j];
      if (e == 0) { b += norm2; }
      result[e] = b;
    }
  }
`;
  }
}

/** kernelFunc of RotatedSecondMoment on webgpu: column means, then the rotation. */
export const rotatedSecondMomentWebgpu: tf.KernelFunc = ({ inputs, backend }) => {
  const { z, c } = inputs as { z?: tf.TensorInfo; c?: tf.TensorInfo };
  const [, d] = checkInput(ROTATED_SECOND_MOMENT, 'z', z, { shape: 'rows', float32: true });
  checkInput(ROTATED_SECOND_MOMENT, 'c', c, { shape: 'square', like: { size: [d, d], why: '[D, D] for z [N, D]' }, float32: true, maxSize: ROTATED_SECOND_MOMENT_MAX_SIZE });
  const b = backend as WebGPUBackend;
  const mu = b.runWebGPUProgram(new ColumnMeanProgram(d), [z as tf.TensorInfo], 'float32');
  const out = b.runWebGPUProgram(new RotatedSecondMomentProgram(d), [c as tf.TensorInfo, mu], 'float32');
  b.disposeData(mu.dataId);
  return out;
};

/** Registers the WGSL RotatedSecondMoment for 'webgpu', replacing any other registration. Idempotent. */
export function registerRotatedSecondMomentWebgpu(): void {
  replaceKernel({ kernelName: ROTATED_SECOND_MOMENT, backendName: 'webgpu', kernelFunc: rotatedSecondMomentWebgpu });
}
