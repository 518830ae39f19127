import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { KERNEL_IMPLEMENTATIONS } from './implementations';
import { registerWasmKernels } from './registerWasm';
import { registerWebgpuKernels } from './registerWebgpu';
import { BENCH_KERNELS, KERNELS, METRICS_KERNELS, PARITY_KERNELS, kernelSpec } from './registry';

describe('the kernel registry', () => {
  it('says what registerWebgpuKernels registers on every backend', () => {
    const harnessOnly = KERNELS.filter((k) => k.registeredBy === 'harness');
    expect(harnessOnly.length).toBeGreaterThan(0);
    registerWebgpuKernels();
    for (const kernel of KERNELS) {
      const impl = KERNEL_IMPLEMENTATIONS[kernel.name];
      for (const [backend, runner] of Object.entries(kernel.backends)) {
        const registered = tf.getKernel(kernel.name, backend)?.kernelFunc;
        const at = `${kernel.name} on ${backend} (${runner})`;
        if (kernel.registeredBy === 'harness' || runner === 'composed' || runner === 'none') expect(registered, at).toBeUndefined();
        else if (runner === 'wgsl') expect(registered, at).toBe(impl.webgpu);
        else if (runner === 'backendKernels') expect(registered, at).toBe(backend === 'wasm' ? impl.wasm : undefined);
        else if (runner === 'tfjs') expect(registered !== undefined && [impl.webgpu, impl.wasm].includes(registered), `${at}: not ours`).toBe(false);
        else expect(registered, at).toBeDefined();
        if (runner === 'float64' && impl.parity) expect(registered, `${at}: the float64 twin`).toBe(impl.parity.readBack);
      }
    }
    for (const kernel of harnessOnly) {
      KERNEL_IMPLEMENTATIONS[kernel.name].register();
      expect(tf.getKernel(kernel.name, 'webgpu')?.kernelFunc).toBe(KERNEL_IMPLEMENTATIONS[kernel.name].webgpu);
    }
  });

  it('says what registerWasmKernels registers: our kernels where tfjs-backend-wasm has none', () => {
    const ours = KERNELS.filter((k) => k.backends.wasm === 'backendKernels');
    expect(ours.map((k) => k.name)).toEqual(['Conv2DBackpropFilter']);
    for (const kernel of ours) if (tf.getKernel(kernel.name, 'wasm')) tf.unregisterKernel(kernel.name, 'wasm');
    registerWasmKernels();
    for (const kernel of ours) {
      const wasm = KERNEL_IMPLEMENTATIONS[kernel.name].wasm;
      expect(wasm, kernel.name).toBeDefined();
      expect(tf.getKernel(kernel.name, 'wasm')?.kernelFunc, kernel.name).toBe(wasm);
    }
  });

  it('gives every parity kernel, and only those, a float64 twin and reference', () => {
    for (const kernel of KERNELS) expect(KERNEL_IMPLEMENTATIONS[kernel.name].parity !== undefined, kernel.name).toBe(kernel.parity !== undefined);
    expect(PARITY_KERNELS.map((k) => k.name)).toEqual(['LogDetSPD', 'InverseSPD', 'SymEigvals', 'CovarianceCentered', 'PrincipalPlane', 'SymEigvalsJacobi']);
  });

  it('derives the bench and metrics lists and finds entries by name', () => {
    expect(BENCH_KERNELS.map((k) => k.name)).toEqual(['LogDetSPD', 'InverseSPD', 'SymEigvals', 'CovarianceCentered', 'PrincipalPlane']);
    expect(METRICS_KERNELS.map((k) => k.name)).toEqual(['SymEigvals', 'CovarianceCentered', 'CollapseScalars', 'RotatedSecondMoment', 'PrincipalPlane']);
    expect(kernelSpec('InverseSPD').parity).toEqual({ input: 'a', family: 'square' });
    expect(() => kernelSpec('Conv2D')).toThrow(/not a kernel/);
  });

  it('has float64 references that agree with the parity kernels they stand for', () => {
    const a = [4, 2, 2, 3];
    const logdet = KERNEL_IMPLEMENTATIONS.LogDetSPD.parity!.reference(a, 2, 2);
    expect(logdet.shape).toEqual([]);
    expect(logdet.values[0]).toBeCloseTo(Math.log(8), 12);
    const inverse = KERNEL_IMPLEMENTATIONS.InverseSPD.parity!.reference(a, 2, 2);
    Array.from(inverse.values).forEach((v, i) => expect(v).toBeCloseTo([3 / 8, -2 / 8, -2 / 8, 4 / 8][i]!, 12));
    const eigenvalues = KERNEL_IMPLEMENTATIONS.SymEigvals.parity!.reference(a, 2, 2);
    expect(eigenvalues.shape).toEqual([2]);
    expect(eigenvalues.values[0]! * eigenvalues.values[1]!).toBeCloseTo(8, 12);
    const covariance = KERNEL_IMPLEMENTATIONS.CovarianceCentered.parity!.reference([1, 0, 3, 2], 2, 2);
    expect(covariance.shape).toEqual([2, 2]);
    expect(Array.from(covariance.values)).toEqual([1, 1, 1, 1]);
  });
});
