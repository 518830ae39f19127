/**
 * Waiting for the backend between training steps without reading any data: the one
 * place that knows how to make tfjs's WebGPU backend submit its queued work and how to
 * wait for the device to finish it. Used by the engine's loop and by the benchmark.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendChoice } from './chooseBackend';

/** The parts of tfjs's WebGPUBackend that hold work not yet submitted to the queue. */
interface DeferredEncoder {
  commandEncoder?: unknown;
  endComputePassEncoder?: () => void;
  submitQueue?: () => void;
}

/**
 * Lets the GPU catch up and lets other tasks run, without a GPU-to-CPU read. On WebGPU
 * (when `backend` is the active webgpu choice) it flushes tfjs's deferred command
 * encoder, so the fence covers everything issued so far, then awaits
 * `device.queue.onSubmittedWorkDone()`. On any other backend (or with no backend) it
 * waits one macrotask.
 */
export async function waitForGpu(backend: BackendChoice | null): Promise<void> {
  const device = backend?.info.id === 'webgpu' ? backend.webgpu?.device : undefined;
  if (device) {
    const tfBackend = tf.backend() as unknown as DeferredEncoder;
    if (tfBackend.commandEncoder) {
      tfBackend.endComputePassEncoder?.();
      tfBackend.submitQueue?.();
    }
    await device.queue.onSubmittedWorkDone();
  } else {
    await new Promise<void>((r) => setTimeout(r, 0));
  }
}
