/**
 * The kernel name this folder provides a kernelFunc for: tfjs's own `Conv2DBackpropFilter`,
 * which tfjs-backend-wasm 4.22 does not register. tfjs's conv2d gradient runs it, so the
 * CNN cannot train on WASM without ./wasm.ts. Plain data (no tfjs import): the registry
 * lists it.
 */

/**
 * `Conv2DBackpropFilter`: inputs `x` [N, H, W, CI] and `dy` [N, OH, OW, CO], attrs
 * `filterShape` [KH, KW, CI, CO], `strides`, `pad`, `dataFormat`, `dimRoundingMode` ->
 * dw [KH, KW, CI, CO], the gradient of conv2d(x, w) with respect to w.
 */
export const CONV2D_BACKPROP_FILTER = 'Conv2DBackpropFilter';
