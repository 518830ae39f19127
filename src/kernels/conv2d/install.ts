/**
 * Swaps the `webgpu` registrations of Conv2D, Conv2DBackpropInput and
 * Conv2DBackpropFilter between tfjs's kernels and ours (./webgpu.ts). tfjs's Conv2D
 * gradient calls the two backprop kernels through the engine, so replacing the three
 * registrations moves training onto our programs with no change to model code. The
 * first install captures tfjs's configs (ours delegate to them for unsupported attrs,
 * and restore puts them back). Both functions are idempotent.
 */
import * as tf from '@tensorflow/tfjs';
import { replaceKernel } from '../registration';
import { OUR_CONVOLUTION_KERNELS, tfjsConvolutionKernels } from './webgpu';

/** tfjs's original webgpu kernel configs, captured on the first install. */
const tfjsConfigs = new Map<string, tf.KernelConfig>();

/** Registers our WGSL convolution kernels for 'webgpu' in place of tfjs's. Idempotent. */
export function installOurConvolutionKernels(): void {
  for (const [name, ours] of OUR_CONVOLUTION_KERNELS) {
    const current = tf.getKernel(name, 'webgpu');
    if (current?.kernelFunc === ours) continue;
    if (!current) throw new Error(`${name}: tfjs has no webgpu kernel to replace (import '@tensorflow/tfjs-backend-webgpu' first).`);
    if (!tfjsConfigs.has(name)) {
      tfjsConfigs.set(name, current);
      tfjsConvolutionKernels.set(name, current.kernelFunc);
    }
    replaceKernel({ ...current, kernelName: name, backendName: 'webgpu', kernelFunc: ours });
  }
}

/** Puts tfjs's own convolution kernels back for 'webgpu' (no-op if ours are not installed). Idempotent. */
export function restoreTfjsConvolutionKernels(): void {
  for (const [name, ours] of OUR_CONVOLUTION_KERNELS) {
    const original = tfjsConfigs.get(name);
    if (original && tf.getKernel(name, 'webgpu')?.kernelFunc === ours) replaceKernel(original);
  }
}

/** Whether all three webgpu convolution kernels are currently ours. */
export function ourConvolutionKernelsInstalled(): boolean {
  return [...OUR_CONVOLUTION_KERNELS].every(([name, ours]) => tf.getKernel(name, 'webgpu')?.kernelFunc === ours);
}
