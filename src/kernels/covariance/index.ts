/**
 * Centred covariance as one fused, differentiable op:
 *
 * ```ts
 * const c = covarianceCentered(z); // z [N, D] -> (1/N) (z - mean)^T (z - mean), [D, D]
 * ```
 *
 * Where a `CovarianceCentered` kernel is registered for the active backend (cpu:
 * ./cpu.ts; webgpu: ./webgpu.ts; the op registers both on first use) it runs that kernel;
 * elsewhere (webgl, wasm) it composes the same formula from tfjs ops. Either way
 * `tf.grad` works (./gradient.ts for the kernel).
 */
import * as tf from '@tensorflow/tfjs';
import { checkInput } from '../checkInput';
import { registerCovarianceCpu } from './cpu';
import { registerCovarianceGradient } from './gradient';
import { COVARIANCE_CENTERED } from './names';
import { registerCovarianceWebgpu } from './webgpu';

export { COVARIANCE_CENTERED } from './names';
export { registerCovarianceCpu } from './cpu';
export { registerCovarianceGradient } from './gradient';
export { registerCovarianceWebgpu } from './webgpu';

/** Registers the cpu and webgpu kernels and the gradient if not done yet (cheap; the op calls it). */
export function ensureCovarianceOps(): void {
  registerCovarianceCpu();
  registerCovarianceWebgpu();
  registerCovarianceGradient();
}

/** The same covariance composed from tfjs ops (the fallback, and a benchmark baseline). */
export function covarianceCenteredComposed(z: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const zc = tf.sub(z, tf.mean(z, 0, true));
    return tf.div(tf.matMul(zc, zc, true, false), z.shape[0]);
  });
}

/** (1/N) (z - mean_rows z)^T (z - mean_rows z) of z [N, D] (biased, centred), [D, D]. */
export function covarianceCentered(z: tf.Tensor2D): tf.Tensor2D {
  checkInput('covarianceCentered', 'z', z, { shape: 'rows' });
  ensureCovarianceOps();
  return tf.tidy(() => {
    const x = z.dtype === 'float32' ? z : (tf.cast(z, 'float32') as tf.Tensor2D);
    if (!tf.getKernel(COVARIANCE_CENTERED, tf.getBackend())) return covarianceCenteredComposed(x);
    return tf.engine().runKernel<tf.Tensor2D>(COVARIANCE_CENTERED, { z: x });
  });
}
