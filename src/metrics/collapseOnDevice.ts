/**
 * The collapse metrics of a metrics step computed where the embeddings live, so a report
 * reads back one short vector instead of the `[N, D]` embeddings (the device path;
 * `computeCollapseMetrics` in ./registry.ts is the host path and the reference). On
 * webgpu every step below is one of our WGSL kernels (8 dispatches in all); on other
 * backends the same ops run their cpu kernels or tfjs-op compositions:
 *
 * - covariance spectrum: `symEigvals(covarianceCentered(z1))`, D values (docs/methods.md §7:
 *   centred, 1/N; src/kernels/covariance, src/kernels/symeig);
 * - RankMe's singular values of the uncentred z1: square roots (on the host) of N times
 *   the eigenvalues of `z1^T z1 / N = C + mu mu^T`, the same matrix the host path uses
 *   (./gram.ts), but with the mean direction first rotated onto e_1 by a Householder
 *   reflection H: `H (C + mu mu^T) H = H C H + |mu|^2 e_1 e_1^T`
 *   (src/kernels/secondMoment, ./uncentredGram.ts). In the collapsed regime (a large
 *   common mean, a tiny spread) `|mu|^2` then sits alone in the corner, where the WGSL
 *   tridiagonalisation never mixes it into the rest, so the small singular values keep
 *   the accuracy of C instead of drowning in float32 noise of size 2^-24 |mu|^2; the
 *   top min(N, D) of the D values are RankMe's;
 * - std of the L2-normalised z1, alignment of (z1, z2), uniformity of z1 and a
 *   finiteness flag, fused into one kernel (src/kernels/collapseScalars; tfjs ops in
 *   ./scalarsOnDevice.ts elsewhere).
 *
 * `collapseMetricsOnDevice` enqueues it all and packs it into ONE float32 vector
 * (layout: `deviceCollapseLayout`); `collapseMetricsFromDevice` turns the read values
 * into the same `CollapseMetrics` the host path gives. Float32 throughout on the device:
 * eigenvalues are accurate to about D 2^-24 lambda_max (see the kernels' notes).
 */
import * as tf from '@tensorflow/tfjs';
import { collapseScalars } from '../kernels/collapseScalars';
import { covarianceCentered } from '../kernels/covariance';
import { rotatedSecondMoment } from '../kernels/secondMoment';
import { symEigvals } from '../kernels/symeig';
import type { Scalars } from '../protocol';
import type { KnnSet } from './knn';
import { knnAccuracy } from './knn';
import { rankMeFromSingularValues } from './rankme';
import type { CollapseMetrics } from './registry';
import { stdReference } from './stdNormalized';

/** Offsets of the packed vector `collapseMetricsOnDevice` returns, for `n x d` embeddings. */
export interface DeviceCollapseLayout {
  n: number;
  d: number;
  /** Covariance eigenvalues, descending: `[0, d)`. */
  spectrum: number;
  /** Eigenvalues of `z^T z / n`, descending: `[d, 2 d)`; the first min(n, d) are RankMe's. */
  gram: number;
  /** min(n, d): how many of them are singular values of z squared (over n). */
  gramSize: number;
  /** std of the L2-normalised z1. */
  stdL2: number;
  /** Alignment of z1 and z2 (0 without z2). */
  alignment: number;
  /** Uniformity of z1. */
  uniformity: number;
  /** 1 when every entry of z1 (and z2) is finite, else 0. */
  finite: number;
  /** Total length. */
  length: number;
}

/** The packed layout for `n x d` embeddings. */
export function deviceCollapseLayout(n: number, d: number): DeviceCollapseLayout {
  const tail = 2 * d;
  return { n, d, spectrum: 0, gram: d, gramSize: Math.min(n, d), stdL2: tail, alignment: tail + 1, uniformity: tail + 2, finite: tail + 3, length: tail + 4 };
}

/**
 * Enqueues the collapse metrics of `z1` (and alignment with `z2`, same shape) on the
 * active backend and returns them packed as one float32 vector (see
 * `deviceCollapseLayout`). Reads nothing back on webgpu; the caller reads and disposes
 * the result. Throws for fewer than 2 rows or mismatched shapes, as the host path does.
 */
export function collapseMetricsOnDevice(z1: tf.Tensor2D, z2?: tf.Tensor2D): tf.Tensor1D {
  const [n, d] = z1.shape;
  if (n < 2) throw new Error(`collapse metrics: need at least 2 embeddings, got ${n}.`);
  if (d < 1) throw new Error('collapse metrics: embedding width must be at least 1.');
  if (z2 && (z2.shape[0] !== n || z2.shape[1] !== d)) throw new Error(`collapse metrics: both views must be ${n}x${d}, got ${z2.shape.join('x')}.`);
  return tf.tidy(() => {
    const z = z1.dtype === 'float32' ? z1 : (tf.cast(z1, 'float32') as tf.Tensor2D);
    const covariance = covarianceCentered(z);
    const spectrum = symEigvals(covariance);
    const secondMoment = symEigvals(rotatedSecondMoment(z, covariance));
    // Without a second view, alignment is computed against z1 itself (0) and not reported.
    const scalars = collapseScalars(z, z2 ?? z);
    return tf.concat([spectrum, secondMoment, scalars]) as tf.Tensor1D;
  });
}

/**
 * The report's spectrum and scalars from the read values of `collapseMetricsOnDevice`,
 * with the same keys, in the same order, as `computeCollapseMetrics`: eigenvalues
 * clamped at 0, RankMe from the singular values `sqrt(n * max(e, 0))` of the top
 * min(n, d) eigenvalues e of `z^T z / n` (float64 on the host), `stdRef`, `alignment` only when `hasZ2`, `knnAccuracy` (on the host, from the
 * read kNN embeddings) only when `knn` is given. Null when the embeddings were not finite.
 */
export function collapseMetricsFromDevice(values: ArrayLike<number>, layout: DeviceCollapseLayout, hasZ2: boolean, knn?: KnnSet): CollapseMetrics | null {
  if (values.length !== layout.length) throw new Error(`collapse metrics: expected ${layout.length} packed values, got ${values.length}.`);
  if (values[layout.finite] !== 1) return null;
  const spectrum: number[] = [];
  for (let i = 0; i < layout.d; i++) spectrum.push(Math.max(values[layout.spectrum + i]!, 0));
  const singular = new Float64Array(layout.gramSize);
  for (let i = 0; i < layout.gramSize; i++) singular[i] = Math.sqrt(layout.n * Math.max(values[layout.gram + i]!, 0));
  const scalars: Scalars = {
    rankme: rankMeFromSingularValues(singular),
    stdL2: values[layout.stdL2]!,
    stdRef: stdReference(layout.d),
  };
  if (hasZ2) scalars.alignment = values[layout.alignment]!;
  scalars.uniformity = values[layout.uniformity]!;
  if (knn) scalars.knnAccuracy = knnAccuracy(knn, layout.d);
  return { spectrum, scalars };
}
