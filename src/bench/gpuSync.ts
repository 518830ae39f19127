/**
 * Waiting for the backend between and after steps, without reading data.
 * `yieldLikeEngine` is what the engine's training loop does after each step
 * (Engine.yieldToGpu): on WebGPU, flush tfjs's command encoder and wait for the queue;
 * elsewhere, one macrotask. `drain` additionally waits for every queued command on any
 * backend by reading one scalar: call it outside a read counter.
 */
import * as tf from '@tensorflow/tfjs';

/** The WebGPU device behind the active tfjs backend, when it is the webgpu one. */
function webgpuDevice(): GPUDevice | null {
  if (tf.getBackend() !== 'webgpu') return null;
  return (tf.backend() as unknown as { device?: GPUDevice }).device ?? null;
}

/** The engine's per-step yield: the GPU catches up (WebGPU) or a macrotask passes. */
export async function yieldLikeEngine(): Promise<void> {
  const device = webgpuDevice();
  if (device) {
    const backend = tf.backend() as unknown as { commandEncoder?: unknown; endComputePassEncoder?: () => void; submitQueue?: () => void };
    if (backend.commandEncoder) {
      backend.endComputePassEncoder?.();
      backend.submitQueue?.();
    }
    await device.queue.onSubmittedWorkDone();
  } else {
    await new Promise<void>((r) => setTimeout(r, 0));
  }
}

/** Waits until everything queued so far has run, by reading a scalar that depends on `t`. */
export async function drain(t: tf.Tensor): Promise<void> {
  const s = tf.tidy(() => tf.sum(t));
  try {
    await s.data();
  } finally {
    s.dispose();
  }
}
