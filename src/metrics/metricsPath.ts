/**
 * Which path computes a report's collapse metrics on a given backend:
 *
 * - `'device'` (./collapseOnDevice.ts): on webgpu, where CovarianceCentered, SymEigvals,
 *   RotatedSecondMoment and CollapseScalars are our WGSL kernels. The spectrum, the
 *   eigenvalues behind RankMe and the scalar metrics are reduced on the GPU; a report reads O(D) floats, never the
 *   `[N, D]` embeddings, and the worker does O(D) work on them.
 * - `'host'` (./registry.ts, `computeCollapseMetrics`): everywhere else. On cpu and wasm
 *   the "device" is this CPU, and the registered SymEigvals kernel there is the float64
 *   Jacobi read-back, slower than the host's Householder + QR. On webgl the same
 *   read-back kernel would make a synchronous `readSync`, the very stall the device path
 *   exists to avoid; the host path's single asynchronous read of the embeddings does not.
 *
 * Cost, measured in headless Chromium on SwiftShader (an emulated GPU on 2 CPU cores):
 * at N 256, D 64 the host path blocks the thread about 5 ms per report and reads 128 KiB,
 * the device path reads 536 bytes but spends about 140 ms of emulated GPU time; at N 512,
 * D 256 the host path blocks for about 85 ms (1 MiB read), the device path for about
 * 6 ms (2 KiB read; 1.2 s of emulated GPU time). Training speed of small runs did not
 * change measurably either way there; on a real GPU these kernels are far cheaper.
 *
 * Both paths give the same values to float32 accuracy (./collapseOnDevice.test.ts,
 * e2e/metricsGpu.spec.ts); the report says which one ran (`spectrumSource`).
 */
import type { SpectrumSource } from '../protocol';

/** The metrics path for a tfjs backend name: 'device' on webgpu, 'host' elsewhere. */
export function metricsPathFor(backendName: string): SpectrumSource {
  return backendName === 'webgpu' ? 'device' : 'host';
}
