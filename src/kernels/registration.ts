/**
 * The three ways the project's kernels enter tfjs's registries, each idempotent, so an op
 * can call its registration on every use and `registerWebgpuKernels` can run them all again:
 * replacing whatever a backend has under a name (our WGSL kernels on webgpu), filling in
 * backends that have nothing under it yet (the float64 kernels, which never overwrite), and
 * a gradient registered once.
 */
import * as tf from '@tensorflow/tfjs';

/** Registers `config`, replacing any other kernel of its name and backend; a no-op when its kernelFunc is already the one registered. */
export function replaceKernel(config: tf.KernelConfig): void {
  const existing = tf.getKernel(config.kernelName, config.backendName);
  if (existing?.kernelFunc === config.kernelFunc) return;
  if (existing) tf.unregisterKernel(config.kernelName, config.backendName);
  tf.registerKernel(config);
}

/** Registers `kernelFunc` as `kernelName` for each of `backends` that has no kernel of that name yet (registering for a backend whose package is not loaded is harmless). */
export function registerWhereMissing(kernelName: string, backends: readonly string[], kernelFunc: tf.KernelFunc): void {
  for (const backendName of backends) {
    if (!tf.getKernel(kernelName, backendName)) tf.registerKernel({ kernelName, backendName, kernelFunc });
  }
}

/** Registers a gradient unless its kernel already has one. */
export function registerGradientOnce(config: tf.GradConfig): void {
  if (!tf.getGradient(config.kernelName)) tf.registerGradient(config);
}
