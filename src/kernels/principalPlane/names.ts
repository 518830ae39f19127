/**
 * Kernel name of the principal-plane projection. Backends register kernelFuncs under it
 * (./cpu.ts: float64 read-back; ./webgpu.ts: subspace iteration in WGSL) and ./index.ts
 * runs it through `tf.engine().runKernel`.
 */

/**
 * `PrincipalPlane`: input `z` [N, D] -> [2 N + 4]: the coordinates of each centred row of z
 * on the top two eigenvectors of its centred (1/N) covariance C (N values along the first,
 * then N along the second), the variance along each, trace C and |mean row|^2 (the layout
 * of src/metrics/embeddingProjection.ts). Each eigenvector's largest-magnitude component is
 * positive.
 */
export const PRINCIPAL_PLANE = 'PrincipalPlane';
