/**
 * Float64 references of the three convolution kernels, written with exactly the index
 * arithmetic of the WGSL programs (same loop order, same padding and stride maths), so
 * that the vitest suite can check that arithmetic against tfjs's CPU conv2d, and the
 * browser harness can compare the GPU with an exact result. Arrays are row-major NHWC /
 * [KH, KW, CI, CO], as in tfjs.
 */
import type { ConvGeometry } from './geometry';

/** y [N, OH, OW, CO] = conv(x [N, H, W, CI], w [KH, KW, CI, CO]), as ./forwardProgram.ts. */
export function conv2dReference(x: ArrayLike<number>, w: ArrayLike<number>, g: ConvGeometry): Float64Array {
  const y = new Float64Array(g.n * g.oh * g.ow * g.co);
  for (let index = 0; index < y.length; index++) {
    const co = index % g.co;
    let t = Math.floor(index / g.co);
    const ox = t % g.ow;
    t = Math.floor(t / g.ow);
    const oy = t % g.oh;
    const b = Math.floor(t / g.oh);
    let acc = 0;
    for (let ky = 0; ky < g.kh; ky++) {
      const iy = oy * g.sh - g.padTop + ky;
      if (iy < 0 || iy >= g.h) continue;
      for (let kx = 0; kx < g.kw; kx++) {
        const ix = ox * g.sw - g.padLeft + kx;
        if (ix < 0 || ix >= g.w) continue;
        const xb = ((b * g.h + iy) * g.w + ix) * g.ci;
        const wb = (ky * g.kw + kx) * g.ci * g.co + co;
        for (let ci = 0; ci < g.ci; ci++) acc += (x[xb + ci] as number) * (w[wb + ci * g.co] as number);
      }
    }
    y[index] = acc;
  }
  return y;
}

/** dx [N, H, W, CI] from dy [N, OH, OW, CO] and w, as ./backpropInputProgram.ts. */
export function conv2dBackpropInputReference(dy: ArrayLike<number>, w: ArrayLike<number>, g: ConvGeometry): Float64Array {
  const dx = new Float64Array(g.n * g.h * g.w * g.ci);
  for (let index = 0; index < dx.length; index++) {
    const ci = index % g.ci;
    let t = Math.floor(index / g.ci);
    const ix = t % g.w;
    t = Math.floor(t / g.w);
    const iy = t % g.h;
    const b = Math.floor(t / g.h);
    let acc = 0;
    for (let ky = 0; ky < g.kh; ky++) {
      const ty = iy + g.padTop - ky;
      if (ty < 0 || ty % g.sh !== 0) continue;
      const oy = ty / g.sh;
      if (oy >= g.oh) continue;
      for (let kx = 0; kx < g.kw; kx++) {
        const tx = ix + g.padLeft - kx;
        if (tx < 0 || tx % g.sw !== 0) continue;
        const ox = tx / g.sw;
        if (ox >= g.ow) continue;
        const db = ((b * g.oh + oy) * g.ow + ox) * g.co;
        const wb = ((ky * g.kw + kx) * g.ci + ci) * g.co;
        for (let co = 0; co < g.co; co++) acc += (dy[db + co] as number) * (w[wb + co] as number);
      }
    }
    dx[index] = acc;
  }
  return dx;
}

/** dw [KH, KW, CI, CO] from x and dy, as ./backpropFilterProgram.ts (one thread's order). */
export function conv2dBackpropFilterReference(x: ArrayLike<number>, dy: ArrayLike<number>, g: ConvGeometry): Float64Array {
  const dw = new Float64Array(g.kh * g.kw * g.ci * g.co);
  const positions = g.n * g.oh * g.ow;
  for (let e = 0; e < dw.length; e++) {
    const co = e % g.co;
    let t = Math.floor(e / g.co);
    const ci = t % g.ci;
    t = Math.floor(t / g.ci);
    const kx = t % g.kw;
    const ky = Math.floor(t / g.kw);
    let acc = 0;
    for (let p = 0; p < positions; p++) {
      const ox = p % g.ow;
      const q = Math.floor(p / g.ow);
      const oy = q % g.oh;
      const b = Math.floor(q / g.oh);
      const iy = oy * g.sh - g.padTop + ky;
      const ix = ox * g.sw - g.padLeft + kx;
      if (iy >= 0 && iy < g.h && ix >= 0 && ix < g.w) acc += (x[((b * g.h + iy) * g.w + ix) * g.ci + ci] as number) * (dy[p * g.co + co] as number);
    }
    dw[e] = acc;
  }
  return dw;
}
