/**
 * WGSL input gradient of the convolution (tfjs kernel `Conv2DBackpropInput`, NHWC,
 * dilation 1): dx[b, iy, ix, ci] = sum over (ky, kx, co) with oy = (iy + padTop - ky) / sh
 * and ox = (ix + padLeft - kx) / sw whole and in range of dy[b, oy, ox, co] w[ky, kx, ci, co].
 * One thread per input element; the inner sum runs over co, contiguous in both dy and
 * w, with vec4 loads and dot products when CO is a multiple of 4.
 */
import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { foldedDispatch } from './dispatch';
import { CONV_WORKGROUP_SIZE, lanesFor } from './forwardProgram';
import { geometryConstants, geometryKey, type ConvGeometry } from './geometry';

/** dy [N, OH, OW, CO], w [KH, KW, CI, CO] -> dx [N, H, W, CI]. */
export class Conv2DBackpropInputProgram implements WebGPUProgram {
  outputShape: number[];
  shaderKey: string;
  dispatchLayout = { x: [0, 1, 2, 3] };
  dispatch: [number, number, number];
  variableNames = ['DY', 'F'];
  variableComponents: number[];
  outputComponent = 1;
  workgroupSize: [number, number, number] = [CONV_WORKGROUP_SIZE, 1, 1];
  size = true;
  private readonly g: ConvGeometry;
  private readonly lanes: 1 | 4;

  /** @param g the forward convolution's geometry (see ./geometry.ts). */
  constructor(g: ConvGeometry) {
    this.g = g;
    this.lanes = lanesFor(g.co);
    this.outputShape = [g.n, g.h, g.w, g.ci];
    this.variableComponents = [this.lanes, this.lanes];
    this.dispatch = foldedDispatch((g.n * g.h * g.w * g.ci) / CONV_WORKGROUP_SIZE);
    this.shaderKey = `collapselab_conv2d_dx_${this.lanes}_${geometryKey(g)}`;
  }

  /** WGSL body. */
  getUserCode(): string {
    const term = this.lanes === 4 ? 'dot(DY[db + c], F[fb + c])' : 'DY[db + c] * F[fb + c]';
    return `${geometryConstants(this.g)}
  const CV : i32 = OUT_C / ${this.lanes};

  fn main(index : i32) {
    if (index >= uniforms.size) { return; }
    let ci = index % IN_C;
    var t = index / IN_C;
    let ix = t % IN_W;
    t = t / IN_W;
    let iy = t % IN_H;
    let b = t / IN_H;
    var acc = 0.0;
    for (var ky = 0; ky < F_H; ky++) {
      let ty = iy + P_T - ky;
      if (ty < 0 || ty % S_H != 0) { continue; }
      let oy = ty / S_H;
      if (oy >= OUT_H) { continue; }
      for (var kx = 0; kx < F_W; kx++) {
        let tx = ix + P_L - kx;
        if (tx < 0 || tx % S_W != 0) { continue; }
        let ox = tx / S_W;
        if (ox >= OUT_W) { continue; }
        let db = ((b * OUT_H + oy) * OUT_W + ox) * CV;
        let fb = ((ky * F_W + kx) * IN_C + ci) * CV;
        for (var c = 0; c < CV; c++) {
          acc += ${term};
        }
      }
    }
    result[index] = acc;
  }
`;
  }
}
