/**
 * The project's WGSL convolution for tfjs's `webgpu` backend: forward, input gradient and
 * filter gradient of NHWC, dilation-1 `tf.conv2d` (any stride, 'same' / 'valid' /
 * explicit padding), installed in place of tfjs's Conv2D / Conv2DBackpropInput /
 * Conv2DBackpropFilter kernels:
 *
 * ```ts
 * installOurConvolutionKernels();   // tf.conv2d and its gradient now run our programs
 * restoreTfjsConvolutionKernels();  // back to tfjs's
 * ```
 *
 * src/backend/tuneConvolution.ts decides by measurement whether to install them.
 */
export { installOurConvolutionKernels, ourConvolutionKernelsInstalled, restoreTfjsConvolutionKernels } from './install';
export { conv2dBackpropFilterWebgpu, conv2dBackpropInputWebgpu, conv2dWebgpu } from './webgpu';
export { convGeometry, type ConvAttrs, type ConvGeometry } from './geometry';
