/**
 * WGSL input gradient of the convolution (tfjs kernel `Conv2DBackpropInput`, NHWC,
 * dilation 1): dx[b, iy, ix, ci] = sum over (ky, kx, co) with oy = (iy + padTop - ky) / sh
 * and ox = (ix + padLeft - kx) / sw whole and in range of dy[b, oy, ox, co] w[ky, kx, ci, co].
 * One thread per input channel and BACKPROP_INPUT_PIXELS_PER_THREAD input columns `sw`
 * apart (they share the stride phase and every filter load); the inner sum runs over co,
 * contiguous in both dy and w, with vec4 loads and dot products when CO is a multiple of 4.
 */
import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { foldedDispatch } from './dispatch';
import { CONV_WORKGROUP_SIZE, lanesFor } from './forwardProgram';
import { geometryConstants, geometryKey, type ConvGeometry } from './geometry';

/** Input columns one thread computes (the filter loads are shared by them). */
export const BACKPROP_INPUT_PIXELS_PER_THREAD = 4;

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
  private readonly px: number;

  /**
   * @param g the forward convolution's geometry (see ./geometry.ts).
   * @param pixelsPerThread input columns per thread, `sw` apart so that they share the
   *   stride phase (1 = the plain loop).
   */
  constructor(g: ConvGeometry, pixelsPerThread = BACKPROP_INPUT_PIXELS_PER_THREAD) {
    this.g = g;
    this.lanes = lanesFor(g.co);
    this.px = Math.max(1, Math.min(pixelsPerThread, Math.ceil(g.w / g.sw)));
    this.outputShape = [g.n, g.h, g.w, g.ci];
    this.variableComponents = [this.lanes, this.lanes];
    const blocks = g.sw * Math.ceil(Math.ceil(g.w / g.sw) / this.px);
    this.dispatch = foldedDispatch((g.n * g.h * blocks * g.ci) / CONV_WORKGROUP_SIZE);
    this.shaderKey = `collapselab_conv2d_dx_${this.lanes}_${this.px}_${geometryKey(g)}`;
  }

  /** WGSL body (the per-pixel statements are unrolled in the generated code). */
  getUserCode(): string {
    const P = Array.from({ length: this.px }, (_, p) => p);
    const each = (f: (p: number) => string): string => P.map(f).join('\n');
    const term = (p: number): string => (this.lanes === 4 ? `dot(select(vec4<f32>(0.0), DY[db${p} + c], ok${p}), f)` : `select(0.0, DY[db${p} + c], ok${p}) * f`);
    return `${geometryConstants(this.g)}
  const CV : i32 = OUT_C / ${this.lanes};
  const PX : i32 = ${this.px};
  // Input columns ix = r + S_W * (q * PX + p): residue r, block q, pixel p.
  const COLS : i32 = (IN_W + S_W - 1) / S_W;
  const QB : i32 = (COLS + PX - 1) / PX;

  fn main(index : i32) {
    let threads = uniforms.outShape.x * IN_H * S_W * QB * IN_C;
    if (index >= threads) { return; }
    let ci = index % IN_C;
    var t = index / IN_C;
    let q = t % QB;
    t = t / QB;
    let r = t % S_W;
    t = t / S_W;
    let iy = t % IN_H;
    let b = t / IN_H;
    let ix0 = r + S_W * q * PX;
${each((p) => `    var acc${p} = 0.0;`)}
    for (var ky = 0; ky < F_H; ky++) {
      let ty = iy + P_T - ky;
      if (ty < 0 || ty % S_H != 0) { continue; }
      let oy = ty / S_H;
      if (oy >= OUT_H) { continue; }
      let row = (b * OUT_H + oy) * OUT_W;
      for (var kx = 0; kx < F_W; kx++) {
        // All PX columns share tx mod S_W, so one test decides the stride phase.
        let tx0 = ix0 + P_L - kx;
        if ((tx0 % S_W + S_W) % S_W != 0) { continue; }
        let oxs = (tx0 - (tx0 % S_W + S_W) % S_W) / S_W;
${each((p) => `        let ox${p} = oxs + ${p};
        let ok${p} = ox${p} >= 0 && ox${p} < OUT_W && ix0 + ${p} * S_W < IN_W;
        let db${p} = (row + clamp(ox${p}, 0, OUT_W - 1)) * CV;`)}
        let fb = ((ky * F_W + kx) * IN_C + ci) * CV;
        for (var c = 0; c < CV; c++) {
          let f = F[fb + c];
${each((p) => `          acc${p} += ${term(p)};`)}
        }
      }
    }
    let xb = ((b * IN_H + iy) * IN_W + ix0) * IN_C + ci;
${each((p) => `    if (ix0 + ${p} * S_W < IN_W) { result[xb + ${p} * S_W * IN_C] = acc${p}; }`)}
  }
`;
  }
}
