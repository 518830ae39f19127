/**
 * The second moment `z^T z / N` of embeddings, rotated so that float32 keeps its small
 * eigenvalues (RankMe's singular values are `sqrt(N lambda)`):
 *
 * ```ts
 * const b = rotatedSecondMoment(z, covarianceCentered(z)); // [D, D], eigenvalues of z^T z / N
 * ```
 *
 * On webgpu it runs the WGSL kernel (./webgpu.ts; the op registers it on first use);
 * elsewhere it composes the same matrix from tfjs ops (src/metrics/uncentredGram.ts,
 * where the rotation is explained). Metrics only: no gradient.
 */
import * as tf from '@tensorflow/tfjs';
import { checkInput } from '../checkInput';
import { uncentredGramOverN } from '../../metrics/uncentredGram';
import { ROTATED_SECOND_MOMENT } from './names';
import { registerRotatedSecondMomentWebgpu } from './webgpu';

export { ROTATED_SECOND_MOMENT } from './names';
export { registerRotatedSecondMomentWebgpu } from './webgpu';

/** `H (C + mu mu^T) H` for z [N, D] and its centred (1/N) covariance c [D, D] (see ./names.ts). */
export function rotatedSecondMoment(z: tf.Tensor2D, c: tf.Tensor2D): tf.Tensor2D {
  const [, d] = checkInput('rotatedSecondMoment', 'z', z, { shape: 'rows' });
  checkInput('rotatedSecondMoment', 'c', c, { shape: 'square', like: { size: [d, d], why: '[D, D] for z [N, D]' } });
  registerRotatedSecondMomentWebgpu();
  return tf.tidy(() => {
    const x = z.dtype === 'float32' ? z : (tf.cast(z, 'float32') as tf.Tensor2D);
    if (!tf.getKernel(ROTATED_SECOND_MOMENT, tf.getBackend())) return uncentredGramOverN(c, tf.mean(x, 0) as tf.Tensor1D);
    return tf.engine().runKernel<tf.Tensor2D>(ROTATED_SECOND_MOMENT, { z: x, c });
  });
}
