/**
 * The embeddings of a batch on their principal plane, the embedding chart's scatter:
 *
 * ```ts
 * const packed = principalPlane(z); // z [N, D] -> [2 N + 4]: PC1 and PC2 coordinates, variances, trace, |mean|^2
 * ```
 *
 * On webgpu it runs the WGSL subspace iteration (./webgpu.ts), so only the 2 N coordinates
 * and 4 numbers are read back, never the [N, D] embeddings; elsewhere the float64 read-back
 * kernel (./cpu.ts). The op registers both on first use. Metrics only: no gradient.
 */
import * as tf from '@tensorflow/tfjs';
import { checkInput } from '../checkInput';
import { registerPrincipalPlaneKernels } from './cpu';
import { PRINCIPAL_PLANE } from './names';
import { registerPrincipalPlaneWebgpu } from './webgpu';

export { PRINCIPAL_PLANE } from './names';
export { principalPlaneReadBack, registerPrincipalPlaneKernels } from './cpu';
export { PRINCIPAL_PLANE_MAX_SIZE, registerPrincipalPlaneWebgpu } from './webgpu';

/** Registers the kernels of every backend if not done yet (cheap; the op calls it). */
export function ensurePrincipalPlaneOps(): void {
  registerPrincipalPlaneKernels();
  registerPrincipalPlaneWebgpu();
}

/** The rows of z [N, D] on their principal plane, packed [2 N + 4] (see ./names.ts). */
export function principalPlane(z: tf.Tensor2D): tf.Tensor1D {
  checkInput('principalPlane', 'z', z, { shape: 'rows' });
  ensurePrincipalPlaneOps();
  return tf.tidy(() => {
    const x = z.dtype === 'float32' ? z : tf.cast(z, 'float32');
    return tf.engine().runKernel<tf.Tensor1D>(PRINCIPAL_PLANE, { z: x });
  });
}
