/**
 * The report's embedding scatter (MetricsReport.embedding) from a principal plane: computed
 * on the host (./principalPlane.ts) or read back packed from the PrincipalPlane kernel
 * (src/kernels/principalPlane), whose output layout is defined here.
 */
import type { EmbeddingProjection, SpectrumSource } from '../protocol';
import type { PrincipalPlane } from './principalPlane';

/** Values after the 2 N coordinates in the packed layout: the two variances, the total variance, |mean|^2. */
export const PACKED_TAIL = 4;

/** Length of the packed principal plane of N rows. */
export function packedLength(n: number): number {
  return 2 * n + PACKED_TAIL;
}

/** The packed layout: [x (N), y (N), variance 1, variance 2, total variance, |mean|^2]. */
export function packPrincipalPlane(plane: PrincipalPlane): Float64Array {
  const n = plane.x.length;
  const out = new Float64Array(packedLength(n));
  out.set(plane.x, 0);
  out.set(plane.y, n);
  out.set([plane.variances[0], plane.variances[1], plane.total, plane.meanSquare], 2 * n);
  return out;
}

/** Reads a packed principal plane of `n` rows (throws on a length that does not fit). */
export function unpackPrincipalPlane(values: ArrayLike<number>, n: number): PrincipalPlane {
  if (values.length !== packedLength(n)) throw new Error(`principal plane: ${packedLength(n)} values expected for ${n} rows, got ${values.length}.`);
  const at = (k: number) => values[2 * n + k]!;
  return {
    x: Float64Array.from({ length: n }, (_, i) => values[i]!),
    y: Float64Array.from({ length: n }, (_, i) => values[n + i]!),
    variances: [at(0), at(1)],
    total: at(2),
    meanSquare: at(3),
  };
}

/** Whether every value is finite. */
function allFinite(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return false;
  return true;
}

/**
 * The report's scatter: coordinates, the labels of the points, each axis's share of the
 * total variance (0 when there is none) and the RMS norm. Null when anything is not finite
 * (a diverged run).
 */
export function embeddingProjection(plane: PrincipalPlane, labels: ArrayLike<number>, source: SpectrumSource): EmbeddingProjection | null {
  const { x, y, variances, total, meanSquare } = plane;
  if (!allFinite(x) || !allFinite(y) || !allFinite([...variances, total, meanSquare])) return null;
  const share = (v: number) => (total > 0 ? Math.min(1, Math.max(0, v / total)) : 0);
  return {
    x: Array.from(x),
    y: Array.from(y),
    labels: Array.from(labels).slice(0, x.length),
    explained: [share(variances[0]), share(variances[1])],
    rmsNorm: Math.sqrt(Math.max(0, total) + Math.max(0, meanSquare)),
    source,
  };
}
