/**
 * WGSL forward convolution (tfjs kernel `Conv2D`, NHWC, dilation 1):
 * y[b, oy, ox, co] = sum_{ky, kx, ci} x[b, oy*sh - padTop + ky, ox*sw - padLeft + kx, ci] w[ky, kx, ci, co],
 * out-of-range input positions counting as zero. One thread per FORWARD_PIXELS_PER_THREAD
 * consecutive output columns and group of `lanes` consecutive output channels (4 with
 * vec4 filter loads and stores when CO is a multiple of 4, else 1), looping over ky, kx,
 * ci; each filter load serves all its pixels. All geometry except the batch size is
 * baked into the shader (and its key): the loops have constant bounds.
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

/** Output pixels along a row that one thread computes (the filter loads are shared by them). */
export const FORWARD_PIXELS_PER_THREAD = 4;

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
  private readonly px: number;

  /**
   * @param g the convolution's geometry (see ./geometry.ts).
   * @param pixelsPerThread consecutive output columns per thread (1 = the plain loop).
   */
  constructor(g: ConvGeometry, pixelsPerThread = FORWARD_PIXELS_PER_THREAD) {
    this.g = g;
    this.lanes = lanesFor(g.co);
    this.px = Math.max(1, Math.min(pixelsPerThread, g.ow));
    this.outputShape = [g.n, g.oh, g.ow, g.co];
    this.variableComponents = [1, this.lanes];
    this.outputComponent = this.lanes;
    const threads = g.n * g.oh * Math.ceil(g.ow / this.px) * (g.co / this.lanes);
    this.dispatch = foldedDispatch(threads / CONV_WORKGROUP_SIZE);
    this.shaderKey = `collapselab_conv2d_fwd_${this.lanes}_${this.px}_${geometryKey(g)}`;
  }

  /** WGSL body (the per-pixel statements are unrolled in the generated code). */
  getUserCode(): string {
    const V = laneType(this.lanes);
    const P = Array.from({ length: this.px }, (_, p) => p);
    const each = (f: (p: number) => string): string => P.map(f).join('\n');
    return `${geometryConstants(this.g)}
  const CV : i32 = OUT_C / ${this.lanes};
  const PX : i32 = ${this.px};
  const OWB : i32 = (OUT_W + PX - 1) / PX;

  fn main(index : i32) {
    // uniforms.size counts output elements; threads cover PX pixels each.
    let threads = uniforms.outShape.x * OUT_H * OWB * CV;
    if (index >= threads) { return; }
    let cv = index % CV;
    var t = index / CV;
    let ox0 = (t % OWB) * PX;
    t = t / OWB;
    let oy = t % OUT_H;
    let b = t / OUT_H;
${each((p) => `    var acc${p} = ${V}(0.0);`)}
    for (var ky = 0; ky < F_H; ky++) {
      let iy = oy * S_H - P_T + ky;
      if (iy < 0 || iy >= IN_H) { continue; }
      let row = (b * IN_H + iy) * IN_W;
      for (var kx = 0; kx < F_W; kx++) {
${each((p) => `        let ix${p} = (ox0 + ${p}) * S_W - P_L + kx;
        let ok${p} = ix${p} >= 0 && ix${p} < IN_W;
        let xb${p} = (row + clamp(ix${p}, 0, IN_W - 1)) * IN_C;`)}
        let fb = (ky * F_W + kx) * IN_C * CV + cv;
        for (var ci = 0; ci < IN_C; ci++) {
          let f = F[fb + ci * CV];
${each((p) => `          acc${p} += select(0.0, X[xb${p} + ci], ok${p}) * f;`)}
        }
      }
    }
    let ob = ((b * OUT_H + oy) * OUT_W + ox0) * CV + cv;
${each((p) => `    if (ox0 + ${p} < OUT_W) { result[ob + ${p} * CV] = acc${p}; }`)}
  }
`;
  }
}
