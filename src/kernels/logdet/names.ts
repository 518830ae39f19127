/**
 * Kernel names of the log-determinant op family. Backends register kernelFuncs under
 * these names (./cpu.ts: float64 read-back; ./webgpu.ts: WGSL), and the ops
 * in ./index.ts run them through `tf.engine().runKernel`, so the autodiff tape sees them.
 */

/** `LogDetSPD`: input `a` [D, D] symmetric positive definite -> scalar log det(a). */
export const LOGDET_SPD = 'LogDetSPD';

/** `InverseSPD`: input `a` [D, D] symmetric positive definite -> a^{-1} [D, D]. */
export const INVERSE_SPD = 'InverseSPD';
