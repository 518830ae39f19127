/**
 * Kernel names of the symmetric eigenvalue op. Backends register kernelFuncs under it
 * (./cpu.ts: float64 read-back; ./webgpu.ts: tridiagonalisation and bisection in WGSL)
 * and ./index.ts runs it through `tf.engine().runKernel`.
 */

/** `SymEigvals`: input `a` [D, D] symmetric -> its D eigenvalues, sorted descending. */
export const SYM_EIGVALS = 'SymEigvals';

/** `SymEigvalsJacobi`: the same op by parallel Jacobi in WGSL (./jacobiWebgpu.ts), registered only by the kernel harness page. */
export const SYM_EIGVALS_JACOBI = `${SYM_EIGVALS}Jacobi`;
