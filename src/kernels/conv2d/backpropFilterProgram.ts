/**
 * WGSL filter gradient of the convolution (tfjs kernel `Conv2DBackpropFilter`, NHWC,
 * dilation 1): dw[ky, kx, ci, co] = sum over b, oy, ox of
 * x[b, oy*sh - padTop + ky, ox*sw - padLeft + kx, ci] dy[b, oy, ox, co].
 * The filter is small and the sum long (N * OH * OW terms), so one workgroup of
 * `REDUCE_WORKGROUP_SIZE` threads owns one filter element (4 consecutive output channels
 * with vec4 loads and stores when CO is a multiple of 4): its threads stride over the
 * output positions and a tree reduction in workgroup memory adds their partial sums.
 * Deterministic (a fixed summation order) and with no second pass.
 */
import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { foldedDispatch } from './dispatch';
import { laneType, lanesFor } from './forwardProgram';
import { geometryConstants, geometryKey, type ConvGeometry } from './geometry';

/** Threads that share one filter element's sum (a power of two). */
export const REDUCE_WORKGROUP_SIZE = 64;

/** x [N, H, W, CI], dy [N, OH, OW, CO] -> dw [KH, KW, CI, CO]. */
export class Conv2DBackpropFilterProgram implements WebGPUProgram {
  outputShape: number[];
  shaderKey: string;
  dispatchLayout = { x: [0, 1, 2, 3] };
  dispatch: [number, number, number];
  variableNames = ['X', 'DY'];
  variableComponents: number[];
  outputComponent: number;
  workgroupSize: [number, number, number] = [REDUCE_WORKGROUP_SIZE, 1, 1];
  private readonly g: ConvGeometry;
  private readonly lanes: 1 | 4;

  /** @param g the forward convolution's geometry (see ./geometry.ts). */
  constructor(g: ConvGeometry) {
    this.g = g;
    this.lanes = lanesFor(g.co);
    this.outputShape = [g.kh, g.kw, g.ci, g.co];
    this.variableComponents = [1, this.lanes];
    this.outputComponent = this.lanes;
    this.dispatch = foldedDispatch((g.kh * g.kw * g.ci * g.co) / this.lanes);
    this.shaderKey = `collapselab_conv2d_dw_${this.lanes}_${REDUCE_WORKGROUP_SIZE}_${geometryKey(this.g)}`;
  }

  /** WGSL body. */
  getUserCode(): string {
    const V = laneType(this.lanes);
    const R = REDUCE_WORKGROUP_SIZE;
    return `${geometryConstants(this.g)}
  const CV : i32 = OUT_C / ${this.lanes};
  const R : i32 = ${R};
  var<workgroup> partial : array<${V}, ${R}>;

  fn main(unusedIndex : i32) {
    let e = i32(workgroupId.y * numWorkgroups.x + workgroupId.x);
    let valid = e < F_H * F_W * IN_C * CV;
    let cv = e % CV;
    var t = e / CV;
    let ci = t % IN_C;
    t = t / IN_C;
    let kx = t % F_W;
    let ky = t / F_W;
    let positions = uniforms.xShape.x * OUT_H * OUT_W;
    let l = i32(localIndex);
    var acc = ${V}(0.0);
    if (valid) {
      for (var p = l; p < positions; p += R) {
        let ox = p % OUT_W;
        let q = p / OUT_W;
        let oy = q % OUT_H;
        let b = q / OUT_H;
        let iy = oy * S_H - P_T + ky;
        let ix = ox * S_W - P_L + kx;
        if (iy >= 0 && iy < IN_H && ix >= 0 && ix < IN_W) {
          acc += X[((b * IN_H + iy) * IN_W + ix) * IN_C + ci] * DY[p * CV + cv];
        }
      }
    }
    partial[l] = acc;
    workgroupBarrier();
    for (var s = R / 2; s > 0; s = s / 2) {
      if (l < s) { partial[l] = partial[l] + partial[l + s]; }
      workgroupBarrier();
    }
    if (valid && l == 0) { result[e] = partial[0]; }
  }
`;
  }
}
