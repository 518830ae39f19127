/**
 * Read-back kernels of the log-determinant family for cpu, webgl and wasm: the kernelFunc
 * reads its input synchronously from the backend, computes in float64 with ./reference.ts
 * and writes a float32 result back. Correct everywhere, fast enough for D <= 256. On
 * WebGPU a synchronous read is slow, so ./webgpu.ts registers WGSL programs there
 * instead; `registerLogdetKernels` never overwrites an existing registration.
 */
import * as tf from '@tensorflow/tfjs';
import { checkInput } from '../checkInput';
import { registerWhereMissing } from '../registration';
import { INVERSE_SPD, LOGDET_SPD } from './names';
import { inverseSPDReference, logdetReference } from './reference';

/**
 * Backends that get the read-back kernels. Never 'webgpu': a synchronous read there is
 * slow and, in some browsers, loses the device; WebGPU gets the WGSL kernels of ./webgpu.ts.
 */
export const READBACK_BACKENDS = ['cpu', 'webgl', 'wasm'] as const;

/** The two backend methods the read-back kernels use (CPU, WebGL and WebGPU have `makeTensorInfo`; WASM has `makeOutput`). */
interface ReadBackBackend {
  readSync(dataId: tf.TensorInfo['dataId']): ArrayLike<number>;
  makeTensorInfo?(shape: number[], dtype: tf.DataType, values: Float32Array): tf.TensorInfo;
  makeOutput?(shape: number[], dtype: tf.DataType, memoryOffset?: number, values?: Float32Array): tf.TensorInfo;
}

/** Reads the square input `a` of a kernel call as float64, with its size. */
function readSquare(inputs: tf.NamedTensorInfoMap, backend: ReadBackBackend, kernelName: string): { values: Float64Array; n: number } {
  const a = inputs['a'];
  const [n] = checkInput(kernelName, 'a', a, { shape: 'square' });
  return { values: Float64Array.from(backend.readSync((a as tf.TensorInfo).dataId)), n };
}

/** Writes float32 values as a new tensor of the backend. */
function writeFloat32(backend: ReadBackBackend, shape: number[], values: Float64Array | number[]): tf.TensorInfo {
  const data = Float32Array.from(values);
  if (backend.makeTensorInfo) return backend.makeTensorInfo(shape, 'float32', data);
  if (backend.makeOutput) return backend.makeOutput(shape, 'float32', undefined, data);
  throw new Error('This tfjs backend can neither makeTensorInfo nor makeOutput.');
}

/** kernelFunc of LogDetSPD by read-back. */
export const logdetReadBack: tf.KernelFunc = ({ inputs, backend }) => {
  const b = backend as ReadBackBackend;
  const { values, n } = readSquare(inputs, b, LOGDET_SPD);
  return writeFloat32(b, [], [logdetReference(values, n)]);
};

/** kernelFunc of InverseSPD by read-back. */
export const inverseReadBack: tf.KernelFunc = ({ inputs, backend }) => {
  const b = backend as ReadBackBackend;
  const { values, n } = readSquare(inputs, b, INVERSE_SPD);
  return writeFloat32(b, [n, n], inverseSPDReference(values, n));
};

/** Registers the read-back kernels for every backend in READBACK_BACKENDS that has no kernel of that name yet. Idempotent. */
export function registerLogdetKernels(): void {
  registerWhereMissing(LOGDET_SPD, READBACK_BACKENDS, logdetReadBack);
  registerWhereMissing(INVERSE_SPD, READBACK_BACKENDS, inverseReadBack);
}
