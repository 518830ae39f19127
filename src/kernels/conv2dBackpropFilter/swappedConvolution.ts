/**
 * The filter gradient of a convolution is itself a convolution, of the input with the
 * output gradient, once batch and channels trade places:
 *
 *   dw[ky, kx, ci, co] = sum over n, oy, ox of x[n, oy sh + ky - pt, ox sw + kx - pl, ci] dy[n, oy, ox, co]
 *
 * With x' = x as [CI, H, W, N] (a batch of CI images of N channels) and dy' = dy as
 * [OH, OW, N, CO] (a filter of OH x OW taps from N to CO channels), that sum is
 *
 *   dw'[ci, ky, kx, co] = sum over oy, ox, n of x'[ci, ky + oy sh - pt, kx + ox sw - pl, n] dy'[oy, ox, n, co],
 *
 * a stride-1 convolution of x' by dy' dilated by the strides (sh, sw), padded by pt above
 * and pl to the left, and below and to the right by just enough for a KH x KW output.
 * When that is negative (input rows or columns no output reads) x' is cropped instead.
 * This file works out those numbers; ./wasm.ts runs the convolution.
 */
import type * as tf from '@tensorflow/tfjs';
import type { ConvGeometry } from '../conv2d/geometry';

/** The swapped convolution that computes a filter gradient. */
export interface SwappedConvolution {
  /** Rows and columns of the input it reads (fewer than H, W when the last ones never reach an output). */
  keep: { h: number; w: number };
  /** Its explicit NHWC padding. */
  pad: tf.backend_util.ExplicitPadding;
  /** Its dilations: the original strides. */
  dilations: [number, number];
}

/** The swapped convolution whose output [CI, KH, KW, CO] is the filter gradient of the convolution `g`. */
export function swappedConvolution(g: ConvGeometry): SwappedConvolution {
  // Output size of a stride-1 convolution with a filter spanning (O - 1) s + 1 inputs: in + pads - (O - 1) s.
  const bottom = g.kh + (g.oh - 1) * g.sh - g.h - g.padTop;
  const right = g.kw + (g.ow - 1) * g.sw - g.w - g.padLeft;
  return {
    keep: { h: g.h + Math.min(0, bottom), w: g.w + Math.min(0, right) },
    pad: [
      [0, 0],
      [g.padTop, Math.max(0, bottom)],
      [g.padLeft, Math.max(0, right)],
      [0, 0],
    ],
    dilations: [g.sh, g.sw],
  };
}
