/**
 * WGSL forward convolution (tfjs kernel `Conv2D`, NHWC, dilation 1):
 * y[b, oy, ox, co] = sum_{ky, kx, ci} x[b, oy*sh - padTop + ky, ox*sw - padLeft + kx, ci] w[ky, kx, ci, co],
 * out-of-range input positions counting as zero. One thread per output pixel and group
 * of `lanes` consecutive output channels (4 with vec4 filter loads and stores when CO is
 * a multiple of 4, else 1), looping over ky, kx, ci. All geometry except the batch size
 * is baked into the shader (and its key): the loops have constant bounds.
 */
import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { foldedDispatch } from './dispatch';
import { geometryConstants, geometryKey, type ConvGeometry } from './geometry';

/** Threads per workgroup of the element-wise conv2d programs. */
export const CONV_WORKGROUP_SIZE = 64;

/** Output channels one thread computes: 4 when they split evenly, else 1. */
export function lanesFor(channels: number): 1 | 4 {
  return channels % 4 === 0 ? 4 : 1;
}

/** WGSL type of `lanes` floats. */
export function laneType(lanes: 1 | 4): string {
  return lanes === 4 ? 'vec4<f32>' : 'f32';
}

/** x [N, H, W, CI], w [KH, KW, CI, CO] -> y [N, OH, OW, CO]. */
export class Conv2DForwardProgram implements WebGPUProgram {
  outputShape: number[];
  shaderKey: string;
  dispatchLayout = { x: [0, 1, 2, 3] };
  dispatch: [number, number, number];
  variableNames = ['X', 'F'];
  variableComponents: number[];
  outputComponent: number;
  workgroupSize: [number, number, number] = [CONV_WORKGROUP_SIZE, 1, 1];
  size = true;
  private readonly g: ConvGeometry;
  private readonly lanes: 1 | 4;

  /** @param g the convolution's geometry (see ./geometry.ts). */
  constructor(g: ConvGeometry) {
    this.g = g;
    this.lanes = lanesFor(g.co);
    this.outputShape = [g.n, g.oh, g.ow, g.co];
    this.variableComponents = [1, this.lanes];
    this.outputComponent = this.lanes;
    this.dispatch = foldedDispatch((g.n * g.oh * g.ow * g.co) / this.lanes / CONV_WORKGROUP_SIZE);
    this.shaderKey = `collapselab_conv2d_fwd_${this.lanes}_${geometryKey(g)}`;
  }

  /** WGSL body. */
  getUserCode(): string {
    const V = laneType(this.lanes);
    return `${geometryConstants(this.g)}
  const CV : i32 = OUT_C / ${this.lanes};

  fn main(index : i32) {
    if (index >= uniforms.size) { return; }
    let cv = index % CV;
    var t = index / CV;
    let ox = t % OUT_W;
    t = t / OUT_W;
    let oy = t % OUT_H;
    let b = t / OUT_H;
    var acc = ${V}(0.0);
    for (var ky = 0; ky < F_H; ky++) {
      let iy = oy * S_H - P_T + ky;
      if (iy < 0 || iy >= IN_H) { continue; }
      for (var kx = 0; kx < F_W; kx++) {
        let ix = ox * S_W - P_L + kx;
        if (ix < 0 || ix >= IN_W) { continue; }
        let xb = ((b * IN_H + iy) * IN_W + ix) * IN_C;
        let fb = (ky * F_W + kx) * IN_C * CV + cv;
        for (var ci = 0; ci < IN_C; ci++) {
          acc += X[xb + ci] * F[fb + ci * CV];
        }
      }
    }
    result[index] = acc;
  }
`;
  }
}
