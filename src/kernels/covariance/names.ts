/**
 * Kernel name of the fused centred covariance. Backends register kernelFuncs under it
 * (./cpu.ts: float64; ./webgpu.ts: WGSL) and ./index.ts runs it through
 * `tf.engine().runKernel`; ./gradient.ts gives it a gradient.
 */

/** `CovarianceCentered`: input `z` [N, D] -> (1/N) (z - mean_rows z)^T (z - mean_rows z) [D, D]. */
export const COVARIANCE_CENTERED = 'CovarianceCentered';
