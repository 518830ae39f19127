/**
 * WGSL filter gradient of the convolution (tfjs kernel `Conv2DBackpropFilter`, NHWC,
 * dilation 1): dw[ky, kx, ci, co] = sum over b, oy, ox of
 * x[b, oy*sh - padTop + ky, ox*sw - padLeft + kx, ci] dy[b, oy, ox, co].
 * The filter is small and the sum long (N * OH * OW terms), so one workgroup of
 * `REDUCE_WORKGROUP_SIZE` threads owns a block of filter elements: one (ky, kx), up to
 * MAX_CHANNEL_BLOCK input channels (one dy load serves them all) and 4 consecutive output
 * channels (vec4 loads and stores when CO is a multiple of 4, else 1). Its threads stride
 * over the output positions and a tree reduction in workgroup memory adds their partial
 * sums.
 * Deterministic (a fixed summation order) and with no second pass.
 */
import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { foldedDispatch } from './dispatch';
import { laneType, lanesFor } from './forwardProgram';
import { geometryConstants, geometryKey, type ConvGeometry } from './geometry';

/** Threads that share one filter element's sum (a power of two). */
export const REDUCE_WORKGROUP_SIZE = 64;

/** Most input channels one workgroup handles (their sums share the dy loads). */
export const MAX_CHANNEL_BLOCK = 8;

/** The largest divisor of `ci` that is at most MAX_CHANNEL_BLOCK. */
export function channelBlock(ci: number): number {
  for (let b = Math.min(ci, MAX_CHANNEL_BLOCK); b > 1; b--) if (ci % b === 0) return b;
  return 1;
}

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
  private readonly cb: number;

  /** @param g the forward convolution's geometry (see ./geometry.ts). */
  constructor(g: ConvGeometry) {
    this.g = g;
    this.lanes = lanesFor(g.co);
    this.cb = channelBlock(g.ci);
    this.outputShape = [g.kh, g.kw, g.ci, g.co];
    this.variableComponents = [1, this.lanes];
    this.outputComponent = this.lanes;
    this.dispatch = foldedDispatch((g.kh * g.kw * (g.ci / this.cb) * g.co) / this.lanes);
    this.shaderKey = `collapselab_conv2d_dw_${this.lanes}_${this.cb}_${REDUCE_WORKGROUP_SIZE}_${geometryKey(this.g)}`;
  }

  /** WGSL body (the per-channel statements are unrolled in the generated code). */
  getUserCode(): string {
    const V = laneType(this.lanes);
    const R = REDUCE_WORKGROUP_SIZE;
    const J = Array.from({ length: this.cb }, (_, j) => j);
    const each = (f: (j: number) => string): string => J.map(f).join('\n');
    return `${geometryConstants(this.g)}
  const CV : i32 = OUT_C / ${this.lanes};
  const CB : i32 = ${this.cb};
  const R : i32 = ${R};
  var<workgroup> partial : array<${V}, ${R * this.cb}>;

  fn main(unusedIndex : i32) {
    let e = i32(workgroupId.y * numWorkgroups.x + workgroupId.x);
    let valid = e < F_H * F_W * (IN_C / CB) * CV;
    let cv = e % CV;
    var t = e / CV;
    let ci0 = (t % (IN_C / CB)) * CB;
    t = t / (IN_C / CB);
    let kx = t % F_W;
    let ky = t / F_W;
    let positions = uniforms.xShape.x * OUT_H * OUT_W;
    let l = i32(localIndex);
${each((j) => `    var acc${j} = ${V}(0.0);`)}
    if (valid) {
      for (var p = l; p < positions; p += R) {
        let ox = p % OUT_W;
        let q = p / OUT_W;
        let oy = q % OUT_H;
        let b = q / OUT_H;
        let iy = oy * S_H - P_T + ky;
        let ix = ox * S_W - P_L + kx;
        if (iy >= 0 && iy < IN_H && ix >= 0 && ix < IN_W) {
          let d = DY[p * CV + cv];
          let xb = ((b * IN_H + iy) * IN_W + ix) * IN_C + ci0;
${each((j) => `          acc${j} += X[xb + ${j}] * d;`)}
        }
      }
    }
${each((j) => `    partial[${j * R} + l] = acc${j};`)}
    workgroupBarrier();
    for (var s = R / 2; s > 0; s = s / 2) {
      if (l < s) {
        for (var j = 0; j < CB; j++) { partial[j * R + l] = partial[j * R + l] + partial[j * R + l + s]; }
      }
      workgroupBarrier();
    }
    if (valid && l < CB) { result[((ky * F_W + kx) * IN_C + ci0 + l) * CV + cv] = partial[l * R]; }
  }
`;
  }
}
