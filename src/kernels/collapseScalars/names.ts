/**
 * Kernel name of the fused scalar collapse metrics. ./webgpu.ts registers a WGSL
 * kernelFunc under it; ./index.ts runs it, or composes the same metrics from tfjs ops
 * on backends without it.
 */

/**
 * `CollapseScalars`: inputs `a`, `b` [N, D] (two views) -> [4]: std of the L2-normalised
 * rows of a, alignment of (a, b), uniformity of a, and 1 if every entry of a and b is
 * finite (else 0).
 */
export const COLLAPSE_SCALARS = 'CollapseScalars';
