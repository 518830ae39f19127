/**
 * Workgroup counts of a one-dimensional launch, folded into two dimensions when it
 * exceeds WebGPU's per-dimension limit. The WGSL side recovers the flat workgroup number
 * as `workgroupId.y * numWorkgroups.x + workgroupId.x` (tfjs's `getGlobalIndex` does the
 * same for `main(index)` programs).
 */

/** WebGPU's guaranteed maximum of workgroups per dispatch dimension. */
export const MAX_WORKGROUPS_PER_DIMENSION = 65535;

/** Dispatch size [x, y, 1] covering `workgroups` workgroups (x * y >= workgroups). */
export function foldedDispatch(workgroups: number): [number, number, number] {
  const total = Math.max(1, Math.ceil(workgroups));
  if (total <= MAX_WORKGROUPS_PER_DIMENSION) return [total, 1, 1];
  const y = Math.ceil(total / MAX_WORKGROUPS_PER_DIMENSION);
  return [Math.ceil(total / y), y, 1];
}
