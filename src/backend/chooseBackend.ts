/**
 * Picks the backend: the one the user forced, or the first that works of
 * WebGPU -> WebGL -> WASM -> CPU, recording why each better one was skipped.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { BACKENDS, type BackendId } from '../config';
import type { BackendInfo } from '../protocol';
import { registerWasmKernels } from '../kernels/registerWasm';
import { registerWebgpuKernels } from '../kernels/registerWebgpu';
import { tuneConvolution } from './tuneConvolution';
import { createWebgpuBackend, probeAdapter, type AdapterDescription, type WebgpuHandle } from './webgpuDevice';
import { siteUrl } from '../util/siteUrl';

/** The chosen backend and, on WebGPU, the device handle. */
export interface BackendChoice {
  info: BackendInfo;
  webgpu: WebgpuHandle | null;
}

let wasmConfigured = false;

/** Tries to make one backend current; throws with a reason on failure. */
async function activate(id: BackendId, onDeviceLost: (reason: string) => void): Promise<WebgpuHandle | null> {
  if (id === 'webgpu') {
    const handle = await createWebgpuBackend(onDeviceLost);
    if (!(await tf.setBackend('webgpu'))) throw new Error('tfjs could not initialise its WebGPU backend');
    // Small tensors would otherwise be computed on the CPU, forcing GPU read-backs.
    tf.env().set('WEBGPU_CPU_FORWARD', false);
    // Our WGSL kernels (log-determinant, inverse, eigenvalues, covariance): no read-backs.
    registerWebgpuKernels();
    // Our WGSL convolutions replace tfjs's only where they are measured correct and faster.
    const conv = await tuneConvolution();
    handle.notes.push(conv.reason);
    return handle;
  }
  if (id === 'wasm' && !wasmConfigured) {
    // The threaded build crashes in minified bundles (tfjs #4253) and gains nothing on 2 cores.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    setWasmPaths(siteUrl('wasm/').href);
    wasmConfigured = true;
  }
  if (id === 'webgl' && typeof OffscreenCanvas === 'undefined' && typeof document === 'undefined') {
    throw new Error('no OffscreenCanvas in this worker, so WebGL cannot start');
  }
  if (!(await tf.setBackend(id))) throw new Error(`tfjs could not initialise the ${id} backend`);
  // The kernels tfjs's WASM backend lacks (the convolution filter gradient, for the CNN).
  if (id === 'wasm') registerWasmKernels();
  return null;
}

/**
 * Auto's first try, before anything is measured: WebGPU on a hardware adapter; on an
 * emulated (software) one, WASM, which runs the same maths far faster on the CPU; with no
 * adapter at all, WebGL. The app then measures the others in the background and may switch.
 */
export function autoOrder(adapter: AdapterDescription | null): { order: BackendId[]; why: string } {
  if (adapter && !adapter.isFallbackAdapter) return { order: ['webgpu', 'webgl', 'wasm', 'cpu'], why: `a hardware GPU (${adapter.description || adapter.vendor})` };
  if (adapter) return { order: ['wasm', 'webgl', 'webgpu', 'cpu'], why: `the GPU is emulated on the CPU (${adapter.architecture}), where WASM is usually fastest` };
  return { order: ['webgl', 'wasm', 'cpu'], why: 'no WebGPU adapter' };
}

/**
 * Makes a backend current. `preference` 'auto' starts with `autoFirst` when the app measured
 * which is fastest, else with autoOrder's guess, and walks the fallback chain; a forced backend
 * that fails also falls back, and the reason says so.
 */
export async function chooseBackend(preference: 'auto' | BackendId, onDeviceLost: (reason: string) => void, autoFirst: BackendId | null = null): Promise<BackendChoice> {
  let guess = '';
  let order: BackendId[];
  if (preference !== 'auto') order = [preference, ...BACKENDS.filter((b) => b !== preference)];
  else if (autoFirst) order = [autoFirst, ...BACKENDS.filter((b) => b !== autoFirst)];
  else {
    const auto = autoOrder(await probeAdapter());
    order = auto.order;
    guess = auto.why;
  }
  const skipped: BackendInfo['skipped'] = [];
  for (const id of order) {
    try {
      const webgpu = await activate(id, onDeviceLost);
      await tf.ready();
      const reason =
        preference === id
          ? 'forced by the link or the backend menu'
          : skipped.length === 0
            ? autoFirst === id
              ? 'measured fastest for this run here'
              : `Auto's first choice: ${guess}`
            : `fell back: ${skipped.map((s) => `${s.id} failed (${s.why})`).join('; ')}`;
      const info: BackendInfo = { id, reason, skipped };
      if (webgpu) {
        info.adapter = webgpu.adapter;
        info.notes = webgpu.notes;
      }
      return { info, webgpu };
    } catch (e) {
      skipped.push({ id, why: e instanceof Error ? e.message : String(e) });
    }
  }
  throw new Error(`No backend could start: ${skipped.map((s) => `${s.id}: ${s.why}`).join('; ')}`);
}
