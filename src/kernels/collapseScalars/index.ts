/**
 * The scalar collapse metrics of two views as one op:
 *
 * ```ts
 * const s = collapseScalars(z1, z2); // [4]: stdL2 of z1, alignment, uniformity of z1, finite (1/0)
 * ```
 *
 * On webgpu it runs the fused WGSL kernel (./webgpu.ts; the op registers it on first
 * use); elsewhere it composes the same formulas from tfjs ops
 * (src/metrics/scalarsOnDevice.ts). Metrics only: no gradient.
 */
import * as tf from '@tensorflow/tfjs';
import { checkInput } from '../checkInput';
import { alignmentOp, l2NormalizeRowsOp, stdOfNormalizedOp, uniformityOp } from '../../metrics/scalarsOnDevice';
import { COLLAPSE_SCALARS } from './names';
import { registerCollapseScalarsWebgpu } from './webgpu';

export { COLLAPSE_SCALARS } from './names';
export { registerCollapseScalarsWebgpu } from './webgpu';

/** The same four values composed from tfjs ops (the fallback off webgpu, and the reference of the kernel). */
export function collapseScalarsComposed(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const u = l2NormalizeRowsOp(a);
    const finite = tf.logicalAnd(tf.all(tf.isFinite(a)), tf.all(tf.isFinite(b)));
    return tf.stack([stdOfNormalizedOp(u), alignmentOp(u, l2NormalizeRowsOp(b)), uniformityOp(u), tf.cast(finite, 'float32')]) as tf.Tensor1D;
  });
}

/** [std of the L2-normalised rows of a, alignment of (a, b), uniformity of a, 1 if a and b are finite else 0] for a, b [N, D]. */
export function collapseScalars(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor1D {
  const size = checkInput('collapseScalars', 'a', a, { shape: 'rows' });
  checkInput('collapseScalars', 'b', b, { shape: 'rows', like: { size, why: 'one shape with "a"' } });
  registerCollapseScalarsWebgpu();
  return tf.tidy(() => {
    const x = a.dtype === 'float32' ? a : (tf.cast(a, 'float32') as tf.Tensor2D);
    const y = b.dtype === 'float32' ? b : (tf.cast(b, 'float32') as tf.Tensor2D);
    if (!tf.getKernel(COLLAPSE_SCALARS, tf.getBackend())) return collapseScalarsComposed(x, y);
    return tf.engine().runKernel<tf.Tensor1D>(COLLAPSE_SCALARS, { a: x, b: y });
  });
}
