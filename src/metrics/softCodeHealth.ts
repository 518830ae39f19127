/**
 * Soft-code health (docs/methods.md §7), for any soft assignment p [N, K, B]: N samples, K
 * variables, each a distribution over B bins. Per variable k:
 *
 *   entropy_k = mean_n H(p_n,k)                        low = every sample's code is decided
 *   mi_k      = H(mean_n p_n,k) - mean_n H(p_n,k)      = I(sample; code of variable k)
 *
 * mi_k is high only when codes are decided AND diverse (at most log B, for one-hot codes
 * spread evenly over the bins); it is about 0 both for undecided codes (flat p) and for
 * codes that all pick one bin. The mean assignment alone cannot tell those apart.
 * Entropies in nats; runs on the device (no read-back).
 */
import * as tf from '@tensorflow/tfjs';

/** Per-variable soft-code health, in nats. */
export type SoftCodeHealth = {
  /** mean_n H(p_n,k), [K]. */
  entropy: tf.Tensor1D;
  /** H(mean_n p_n,k) - mean_n H(p_n,k), [K]. */
  mutualInformation: tf.Tensor1D;
};

/** Below this a probability counts as 0 in p log p (keeps 0 log 0 = 0 finite in float32). */
const P_FLOOR = 1e-30;

/** Entropy over the last axis, -sum p log p. */
function entropyOverLastAxis(p: tf.Tensor): tf.Tensor {
  return tf.neg(tf.sum(tf.mul(p, tf.log(tf.maximum(p, P_FLOOR))), -1));
}

/** The entropy and mutual information of each variable of the soft assignment `p` [N, K, B]. */
export function softCodeHealth(p: tf.Tensor3D): SoftCodeHealth {
  return tf.tidy(() => {
    const entropy = tf.mean(entropyOverLastAxis(p), 0) as tf.Tensor1D;
    const marginalEntropy = entropyOverLastAxis(tf.mean(p, 0));
    return { entropy, mutualInformation: tf.sub(marginalEntropy, entropy) as tf.Tensor1D };
  });
}
