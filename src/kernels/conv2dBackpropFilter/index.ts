/**
 * The convolution filter gradient for tfjs's WASM backend, which lacks the kernel (so
 * tf.conv2d had no gradient there and the CNN could not train):
 *
 * ```ts
 * registerConv2dBackpropFilterWasm();              // once; src/kernels/registerWasm.ts does it
 * tf.grad((w) => tf.sum(tf.conv2d(x, w, 1, 'same')))(w); // now runs on 'wasm'
 * ```
 *
 * There is no op of ours: tfjs's conv2d gradient runs the kernel by name.
 */
export { CONV2D_BACKPROP_FILTER } from './names';
export { conv2dBackpropFilterWasm, registerConv2dBackpropFilterWasm } from './wasm';
export { swappedConvolution, type SwappedConvolution } from './swappedConvolution';
