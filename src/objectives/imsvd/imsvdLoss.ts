/**
 * IMSVD's loss (Niu et al. 2025; docs/methods.md §3): each of K variables is a soft
 * discretisation of B consecutive embedding dims (softmax over B bins); the loss asks
 * the two views to land in the same bin (L_ti), the joint of a variable across views to
 * be spread over its diagonal (L_dia), and different variables to be independent (L_off).
 */
import * as tf from '@tensorflow/tfjs';

/** IMSVD's knobs, as plain numbers. */
export interface ImsvdOptions {
  /** Bins per variable B. */
  binSize: number;
  /** Softmax temperature t. */
  t: number;
  cDia: number;
  cOff: number;
  cTi: number;
}

/** The weighted total and the unweighted parts, plus view 1's soft codes. */
export interface ImsvdParts {
  /** c_dia L_dia + c_off L_off + c_ti L_ti. */
  loss: tf.Scalar;
  ti: tf.Scalar;
  dia: tf.Scalar;
  off: tf.Scalar;
  /** View 1's soft assignment p1 [N, K, B] (clamped as in the loss), for soft-code health. */
  assignment: tf.Tensor3D;
  /** K = floor(D / B); only the first K*B dims are used. */
  variables: number;
}

/** The clamp the authors apply to every bin probability. */
const P_MIN = 1e-8;

/** Variables K = floor(D / B): dims past K*B are left out. */
export function imsvdVariableCount(embedDim: number, binSize: number): number {
  return Math.floor(embedDim / binSize);
}

/** p = max(softmax(z[:, :K*B] as [N, K, B] / t, over bins), 1e-8): [N, K, B]. */
export function softBins(z: tf.Tensor2D, variables: number, binSize: number, t: number): tf.Tensor3D {
  const n = z.shape[0];
  const used = variables * binSize === z.shape[1] ? z : tf.slice(z, [0, 0], [n, variables * binSize]);
  const logits = tf.div(tf.reshape(used, [n, variables, binSize]), t);
  return tf.maximum(tf.softmax(logits, -1), P_MIN) as tf.Tensor3D;
}

/** 1 on the entries of the off-diagonal B x B blocks of a [K*B, K*B] matrix, 0 elsewhere. */
function offBlockMask(variables: number, binSize: number): tf.Tensor2D {
  const block = tf.floorDiv(tf.range(0, variables * binSize, 1, 'int32'), binSize);
  const same = tf.equal(tf.expandDims(block, 1), tf.expandDims(block, 0));
  return tf.cast(tf.logicalNot(same), 'float32') as tf.Tensor2D;
}

/**
 * L_ti  = -mean_(n,k) log sum_b p1 p2
 * J     = P1^T P2 / N                    ([K*B, K*B], block (k,l) = joint of variable k of view 1 and l of view 2)
 * L_dia = sum_d J_dd log J_dd / K
 * L_off = sum over off-diagonal blocks of J log J / (K (K-1))   (0 when K = 1)
 * When D < B there is no variable and every part is 0.
 */
export function imsvdLoss(z1: tf.Tensor2D, z2: tf.Tensor2D, opts: ImsvdOptions): ImsvdParts {
  const { binSize, t, cDia, cOff, cTi } = opts;
  const k = imsvdVariableCount(z1.shape[1], binSize);
  if (k < 1) {
    const zero = (): tf.Scalar => tf.scalar(0);
    return { loss: zero(), ti: zero(), dia: zero(), off: zero(), assignment: tf.zeros([z1.shape[0], 0, binSize]), variables: 0 };
  }
  const n = z1.shape[0];
  const p1 = softBins(z1, k, binSize, t);
  const p2 = softBins(z2, k, binSize, t);
  const agreement = tf.mul(p1, p2);

  const ti = tf.neg(tf.mean(tf.log(tf.sum(agreement, -1)))) as tf.Scalar;

  const diag = tf.div(tf.sum(tf.reshape(agreement, [n, k * binSize]), 0), n);
  const dia = tf.div(tf.sum(tf.mul(diag, tf.log(diag))), k) as tf.Scalar;

  let off: tf.Scalar;
  if (k > 1) {
    const joint = tf.div(tf.matMul(tf.reshape(p1, [n, k * binSize]), tf.reshape(p2, [n, k * binSize]), true, false), n);
    const entropyTerms = tf.mul(joint, tf.log(joint));
    off = tf.div(tf.sum(tf.mul(entropyTerms, offBlockMask(k, binSize))), k * (k - 1)) as tf.Scalar;
  } else {
    off = tf.scalar(0);
  }

  const loss = tf.addN([tf.mul(dia, cDia), tf.mul(off, cOff), tf.mul(ti, cTi)]) as tf.Scalar;
  return { loss, ti, dia, off, assignment: p1, variables: k };
}
