/**
 * Creates the WebGPU adapter and device ourselves (so we can describe the adapter,
 * watch for device loss and re-create it) and registers tfjs's WebGPU backend on it.
 */
import * as tf from '@tensorflow/tfjs';
import { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';

/** What we learnt about the adapter, for the banner. */
export interface AdapterDescription {
  vendor: string;
  architecture: string;
  description: string;
  isFallbackAdapter: boolean;
}

/** A live device and what it runs on. */
export interface WebgpuHandle {
  device: GPUDevice;
  adapter: AdapterDescription;
  /** Facts measured while setting up, for the banner. */
  notes: string[];
}

let currentDevice: GPUDevice | null = null;

/** Thrown when WebGPU is unavailable, with a sentence for the banner. */
export class WebgpuUnavailable extends Error {}

/**
 * Requests an adapter and a device with the adapter's own limits, and registers a
 * fresh tfjs 'webgpu' backend on it (replacing any previous one). `onLost` fires
 * once if the device is lost for any reason other than our own disposal.
 */
export async function createWebgpuBackend(onLost: (reason: string) => void): Promise<WebgpuHandle> {
  const gpu = (globalThis.navigator as Navigator | undefined)?.gpu;
  if (!gpu) throw new WebgpuUnavailable('this browser does not expose WebGPU (navigator.gpu is missing)');
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new WebgpuUnavailable('no WebGPU adapter: the GPU is blocklisted or WebGPU is disabled in this browser');
  // `adapter.info` is newer than the bundled WebGPU typings.
  const info = (adapter as unknown as { info: GPUAdapterInfo & { isFallbackAdapter?: boolean } }).info;
  const limits = adapter.limits;
  const device = await adapter.requestDevice({
    requiredLimits: {
      maxComputeWorkgroupStorageSize: limits.maxComputeWorkgroupStorageSize,
      maxComputeWorkgroupsPerDimension: limits.maxComputeWorkgroupsPerDimension,
      maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
      maxBufferSize: limits.maxBufferSize,
      maxComputeWorkgroupSizeX: limits.maxComputeWorkgroupSizeX,
      maxComputeInvocationsPerWorkgroup: limits.maxComputeInvocationsPerWorkgroup,
    },
  });
  currentDevice = device;
  void device.lost.then((lost) => {
    // A device we replaced ourselves is not news; only the current one matters.
    if (device === currentDevice) onLost(lost.message || lost.reason || 'unknown');
  });
  if (tf.engine().registryFactory['webgpu']) {
    try {
      tf.removeBackend('webgpu');
    } catch {
      // The old backend's device may already be gone; nothing to free then.
    }
  }
  tf.registerBackend('webgpu', () => new WebGPUBackend(device, info), 3);
  return { device, notes: [], adapter: describeAdapter(adapter) };
}

/** What an adapter is, with `isFallbackAdapter` also true for a software one (SwiftShader, llvmpipe, WARP). */
export function describeAdapter(adapter: GPUAdapter): AdapterDescription {
  const info = (adapter as unknown as { info: GPUAdapterInfo & { isFallbackAdapter?: boolean } }).info;
  const fallbackFlag = (adapter as unknown as { isFallbackAdapter?: boolean }).isFallbackAdapter ?? info.isFallbackAdapter ?? false;
  const isSoftware = fallbackFlag || /swiftshader|llvmpipe|software|warp/i.test(`${info.architecture} ${info.description} ${info.vendor}`);
  return {
    vendor: info.vendor || 'unknown vendor',
    architecture: info.architecture || 'unknown',
    description: info.description || '',
    isFallbackAdapter: isSoftware,
  };
}

/** The WebGPU adapter this browser would give, described, without creating a device; null when there is none. */
export async function probeAdapter(): Promise<AdapterDescription | null> {
  const gpu = (globalThis.navigator as Navigator | undefined)?.gpu;
  if (!gpu) return null;
  try {
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    return adapter ? describeAdapter(adapter) : null;
  } catch {
    // requestAdapter rejects in some sandboxed contexts: no adapter then.
    return null;
  }
}
