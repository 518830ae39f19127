/**
 * Registers the WGSL kernels the engine uses for the tfjs 'webgpu' backend: every kernel
 * of the registry (./registry.ts) that the engine registers, replacing any read-back
 * stand-in, plus what each relies on (its other backends' kernels and its gradient). Call
 * it once the webgpu backend is ready; calling it again is a no-op.
 */
import { KERNEL_IMPLEMENTATIONS } from './implementations';
import { KERNELS } from './registry';

/** Registers all WGSL kernels of the engine for 'webgpu' (and what they depend on). Idempotent. */
export function registerWebgpuKernels(): void {
  for (const kernel of KERNELS) if (kernel.registeredBy === 'engine') KERNEL_IMPLEMENTATIONS[kernel.name].register();
}
