/**
 * The shape facts the conv2d WGSL programs bake into their shaders: input and output
 * sizes, filter size, strides and the top/left padding of an NHWC, dilation-1
 * convolution, derived from tfjs's own `backend_util.computeConv2DInfo` so that 'same',
 * 'valid', explicit paddings and `dimRoundingMode` mean exactly what they mean in tfjs.
 */
import * as tf from '@tensorflow/tfjs';

/** Geometry of an NHWC convolution x [N, H, W, CI] * w [KH, KW, CI, CO] -> y [N, OH, OW, CO]. */
export interface ConvGeometry {
  /** Batch size. */
  n: number;
  /** Input height, width and channels. */
  h: number;
  w: number;
  ci: number;
  /** Output height, width and channels. */
  oh: number;
  ow: number;
  co: number;
  /** Filter height and width. */
  kh: number;
  kw: number;
  /** Strides. */
  sh: number;
  sw: number;
  /** Implicit zero rows above and columns left of the input. */
  padTop: number;
  padLeft: number;
}

/** The attrs of tfjs's Conv2D / Conv2DBackpropInput / Conv2DBackpropFilter kernels that shape the convolution. */
export interface ConvAttrs {
  strides: number | [number, number];
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat?: 'NHWC' | 'NCHW';
  dilations?: number | [number, number];
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/** A 4-element shape or an error naming what it belongs to. */
function shape4(shape: readonly number[], what: string): [number, number, number, number] {
  const [a, b, c, d] = shape;
  if (shape.length !== 4 || a === undefined || b === undefined || c === undefined || d === undefined) {
    throw new Error(`conv2d: ${what} must have rank 4, got [${shape.join(', ')}].`);
  }
  return [a, b, c, d];
}

/**
 * The geometry of a convolution with input shape `xShape` and filter shape `wShape`, or
 * null when our programs do not cover it (NCHW, dilation other than 1, an empty tensor):
 * the caller then delegates to tfjs's kernel.
 */
export function convGeometry(xShape: readonly number[], wShape: readonly number[], attrs: ConvAttrs): ConvGeometry | null {
  const dataFormat = attrs.dataFormat ?? 'NHWC';
  if (dataFormat !== 'NHWC') return null;
  const x = shape4(xShape, 'x');
  const f = shape4(wShape, 'filter');
  const info = tf.backend_util.computeConv2DInfo(x, f, attrs.strides, attrs.dilations ?? 1, attrs.pad, attrs.dimRoundingMode, false, 'channelsLast');
  if (info.dilationHeight !== 1 || info.dilationWidth !== 1) return null;
  const g: ConvGeometry = {
    n: info.batchSize,
    h: info.inHeight,
    w: info.inWidth,
    ci: info.inChannels,
    oh: info.outHeight,
    ow: info.outWidth,
    co: info.outChannels,
    kh: info.filterHeight,
    kw: info.filterWidth,
    sh: info.strideHeight,
    sw: info.strideWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
  };
  const sizes = [g.n, g.h, g.w, g.ci, g.oh, g.ow, g.co, g.kh, g.kw, g.sh, g.sw];
  if (sizes.some((v) => !Number.isInteger(v) || v < 1)) return null;
  if (!Number.isInteger(g.padTop) || !Number.isInteger(g.padLeft)) return null;
  return g;
}

/** A shader-key fragment naming every baked geometry value except the batch size (a uniform). */
export function geometryKey(g: ConvGeometry): string {
  return [g.h, g.w, g.ci, g.oh, g.ow, g.co, g.kh, g.kw, g.sh, g.sw, g.padTop, g.padLeft].join('_');
}

/** WGSL constant declarations of the baked geometry (every value except the batch size). */
export function geometryConstants(g: ConvGeometry): string {
  return `
  const IN_H : i32 = ${g.h};
  const IN_W : i32 = ${g.w};
  const IN_C : i32 = ${g.ci};
  const OUT_H : i32 = ${g.oh};
  const OUT_W : i32 = ${g.ow};
  const OUT_C : i32 = ${g.co};
  const F_H : i32 = ${g.kh};
  const F_W : i32 = ${g.kw};
  const S_H : i32 = ${g.sh};
  const S_W : i32 = ${g.sw};
  const P_T : i32 = ${g.padTop};
  const P_L : i32 = ${g.padLeft};`;
}
