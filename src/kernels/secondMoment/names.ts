/**
 * Kernel name of the rotated second moment. ./webgpu.ts registers a WGSL kernelFunc
 * under it; ./index.ts runs it, or composes the same matrix from tfjs ops on backends
 * without it.
 */

/**
 * `RotatedSecondMoment`: inputs `z` [N, D] and `c` = its centred (1/N) covariance [D, D]
 * -> `H (C + mu mu^T) H` [D, D], mu the column means of z and H the Householder
 * reflection mapping mu onto the first axis: the eigenvalues of `z^T z / N`.
 */
export const ROTATED_SECOND_MOMENT = 'RotatedSecondMoment';
