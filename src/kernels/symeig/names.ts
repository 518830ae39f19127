/**
 * Kernel name of the symmetric eigenvalue op. Backends register kernelFuncs under it
 * (./cpu.ts: float64 read-back; ./webgpu.ts: parallel Jacobi in WGSL) and ./index.ts
 * runs it through `tf.engine().runKernel`.
 */

/** `SymEigvals`: input `a` [D, D] symmetric -> its D eigenvalues, sorted descending. */
export const SYM_EIGVALS = 'SymEigvals';
