/**
 * Read-back kernel of `PrincipalPlane`: reads `z` synchronously from the backend, runs the
 * float64 host computation (src/metrics/principalPlane.ts) and writes the packed result back
 * as float32. Registered for cpu, webgl and wasm; on webgpu ./webgpu.ts runs on the GPU.
 */
import * as tf from '@tensorflow/tfjs';
import { packPrincipalPlane } from '../../metrics/embeddingProjection';
import { principalPlane } from '../../metrics/principalPlane';
import { checkInput } from '../checkInput';
import { registerWhereMissing } from '../registration';
import { PRINCIPAL_PLANE } from './names';

/** Backends that get the read-back kernel. */
export const PRINCIPAL_PLANE_READBACK_BACKENDS = ['cpu', 'webgl', 'wasm'] as const;

/** kernelFunc of PrincipalPlane by read-back: input `z` [N, D] -> [2 N + 4] (see ./names.ts). */
export const principalPlaneReadBack: tf.KernelFunc = ({ inputs, backend }) => {
  const z = inputs['z'];
  const [n, d] = checkInput(PRINCIPAL_PLANE, 'z', z, { shape: 'rows' });
  const b = backend as tf.KernelBackend;
  const values = b.readSync((z as tf.TensorInfo).dataId) as ArrayLike<number>;
  const out = Float32Array.from(packPrincipalPlane(principalPlane(values, n, d)));
  return { dataId: b.write(out, [out.length], 'float32'), shape: [out.length], dtype: 'float32' };
};

/** Registers the read-back PrincipalPlane for every backend of PRINCIPAL_PLANE_READBACK_BACKENDS that has none yet. Idempotent. */
export function registerPrincipalPlaneKernels(): void {
  registerWhereMissing(PRINCIPAL_PLANE, PRINCIPAL_PLANE_READBACK_BACKENDS, principalPlaneReadBack);
}
