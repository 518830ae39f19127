/**
 * kernelFuncs of tfjs's `Conv2D`, `Conv2DBackpropInput` and `Conv2DBackpropFilter` for the
 * `webgpu` backend, running the project's WGSL programs (./forwardProgram.ts,
 * ./backpropInputProgram.ts, ./backpropFilterProgram.ts). Anything those programs do not
 * cover (NCHW, dilation other than 1, non-float32 inputs) goes to tfjs's own kernelFunc,
 * which ./install.ts captures before it registers these.
 */
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { Conv2DBackpropFilterProgram } from './backpropFilterProgram';
import { Conv2DBackpropInputProgram } from './backpropInputProgram';
import { Conv2DForwardProgram } from './forwardProgram';
import { convGeometry, type ConvAttrs } from './geometry';

/** The tfjs kernelFuncs ours fall back to, keyed by kernel name (filled by ./install.ts). */
export const tfjsConvolutionKernels = new Map<string, tf.KernelFunc>();

/** Calls tfjs's captured kernelFunc of `kernelName` with the same arguments. */
function delegate(kernelName: string, args: Parameters<tf.KernelFunc>[0]): ReturnType<tf.KernelFunc> {
  const original = tfjsConvolutionKernels.get(kernelName);
  if (!original) throw new Error(`${kernelName}: no tfjs webgpu kernel was captured to fall back to.`);
  return original(args);
}

/** The input `name` of a kernel call (throws when missing). */
function input(inputs: tf.NamedTensorInfoMap, name: string): tf.TensorInfo {
  const t = inputs[name];
  if (!t) throw new Error(`conv2d: missing input ${name}.`);
  return t;
}

/** Our Conv2D (inputs x, filter; attrs strides, pad, dataFormat, dilations, dimRoundingMode). */
export const conv2dWebgpu: tf.KernelFunc = (args) => {
  const x = input(args.inputs, 'x');
  const filter = input(args.inputs, 'filter');
  const g = x.dtype === 'float32' && filter.dtype === 'float32' ? convGeometry(x.shape, filter.shape, args.attrs as unknown as ConvAttrs) : null;
  if (!g) return delegate(tf.Conv2D, args);
  return (args.backend as WebGPUBackend).runWebGPUProgram(new Conv2DForwardProgram(g), [x, filter], 'float32');
};

/** Our Conv2DBackpropInput (inputs dy, filter; attrs inputShape, strides, pad, dataFormat, dimRoundingMode). */
export const conv2dBackpropInputWebgpu: tf.KernelFunc = (args) => {
  const dy = input(args.inputs, 'dy');
  const filter = input(args.inputs, 'filter');
  const attrs = args.attrs as unknown as ConvAttrs & { inputShape: number[] };
  const g = dy.dtype === 'float32' && filter.dtype === 'float32' ? convGeometry(attrs.inputShape, filter.shape, { ...attrs, dilations: 1 }) : null;
  if (!g) return delegate(tf.Conv2DBackpropInput, args);
  return (args.backend as WebGPUBackend).runWebGPUProgram(new Conv2DBackpropInputProgram(g), [dy, filter], 'float32');
};

/** Our Conv2DBackpropFilter (inputs x, dy; attrs filterShape, strides, pad, dataFormat, dimRoundingMode). */
export const conv2dBackpropFilterWebgpu: tf.KernelFunc = (args) => {
  const x = input(args.inputs, 'x');
  const dy = input(args.inputs, 'dy');
  const attrs = args.attrs as unknown as ConvAttrs & { filterShape: number[] };
  const g = x.dtype === 'float32' && dy.dtype === 'float32' ? convGeometry(x.shape, attrs.filterShape, { ...attrs, dilations: 1 }) : null;
  if (!g) return delegate(tf.Conv2DBackpropFilter, args);
  return (args.backend as WebGPUBackend).runWebGPUProgram(new Conv2DBackpropFilterProgram(g), [x, dy], 'float32');
};

/** Our kernelFunc of each replaced kernel name. */
export const OUR_CONVOLUTION_KERNELS: ReadonlyMap<string, tf.KernelFunc> = new Map([
  [tf.Conv2D, conv2dWebgpu],
  [tf.Conv2DBackpropInput, conv2dBackpropInputWebgpu],
  [tf.Conv2DBackpropFilter, conv2dBackpropFilterWebgpu],
]);
