/**
 * Registers the kernels the engine provides for tfjs's 'wasm' backend where that backend
 * has none: every kernel of the registry (./registry.ts) the engine registers whose wasm
 * runner is 'backendKernels' (the convolution filter gradient, without which the CNN
 * cannot train there). No op of ours runs these (tfjs's gradients do, by name), so they
 * are registered up front: by src/backend/chooseBackend.ts when WASM starts, and by the
 * Node tests that train on WASM. Calling it again is a no-op.
 */
import { KERNEL_IMPLEMENTATIONS } from './implementations';
import { KERNELS } from './registry';

/** Registers our kernels for 'wasm' (never over one the backend has). Idempotent. */
export function registerWasmKernels(): void {
  for (const kernel of KERNELS) if (kernel.registeredBy === 'engine' && kernel.backends.wasm === 'backendKernels') KERNEL_IMPLEMENTATIONS[kernel.name].register();
}
