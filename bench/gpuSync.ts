/**
 * Waiting until every command queued so far has run, on any backend, by reading one
 * scalar. The per-step wait that reads nothing is `waitForGpu` (src/backend/waitForGpu.ts);
 * this one reads, so call it outside a read counter.
 */
import * as tf from '@tensorflow/tfjs';

/** Waits until everything queued so far has run, by reading a scalar that depends on `t`. */
export async function drain(t: tf.Tensor): Promise<void> {
  const s = tf.tidy(() => tf.sum(t));
  try {
    await s.data();
  } finally {
    s.dispose();
  }
}
