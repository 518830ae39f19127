/**
 * The geometry and colours of the class scatters (app/charts/ClassScatter.tsx): one scale
 * for both axes, centred on 0, and the class colours of the dataset (src/data/thumbnail.ts)
 * as CSS, lightened for the decision regions drawn behind the points.
 */
import { classColour } from '../../src/data/thumbnail';
import type { EmbeddingProjection } from '../../src/protocol';

/** The embedding plot's half-width is at least this share of the embeddings' RMS norm. */
export const RMS_NORM_SHARE = 0.5;

/**
 * Half-width of the square an embedding scatter shows, the same on both axes: the points
 * with a margin, and never less than RMS_NORM_SHARE of the embeddings' RMS norm, so that
 * embeddings with no spread left against their size (a collapse to a point) are a dot in
 * the middle, and a collapse to a line is a line, not a cloud stretched to fill the plot.
 */
export function embeddingHalfWidth(e: Pick<EmbeddingProjection, 'x' | 'y' | 'rmsNorm'>): number {
  let largest = 0;
  for (const v of e.x) largest = Math.max(largest, Math.abs(v));
  for (const v of e.y) largest = Math.max(largest, Math.abs(v));
  const width = Math.max(1.08 * largest, RMS_NORM_SHARE * e.rmsNorm);
  return width > 0 && Number.isFinite(width) ? width : 1;
}

/** Half-width of the square a grid of `size x size` cell centres over [-extent, extent] fills exactly (half a cell beyond the outer centres). */
export function regionsHalfWidth(size: number, extent: number): number {
  return extent * (1 + 1 / Math.max(1, size - 1));
}

/** Canvas position (CSS pixels) of a coordinate on a `size` px square showing [-halfWidth, halfWidth]; y grows upwards. */
export function toPixel(x: number, y: number, halfWidth: number, size: number): [number, number] {
  const scale = size / (2 * halfWidth);
  return [(x + halfWidth) * scale, (halfWidth - y) * scale];
}

/** RGB (0..255) of class `k`, optionally mixed with white by `towardsWhite` in [0, 1]. */
export function classRgb(k: number, towardsWhite = 0): [number, number, number] {
  return classColour(k).map((c) => Math.round(c + (255 - c) * towardsWhite)) as [number, number, number];
}

/** CSS colour of class `k`, optionally mixed with white by `towardsWhite` in [0, 1]. */
export function classCss(k: number, towardsWhite = 0): string {
  const [r, g, b] = classRgb(k, towardsWhite);
  return `rgb(${r}, ${g}, ${b})`;
}

/** A variance share as a percentage: whole numbers from 10 % to 99 %, one decimal outside (0.4 %, 99.7 %). */
export function formatShare(share: number): string {
  const p = 100 * share;
  return `${p >= 10 && p < 99.5 ? Math.round(p) : p.toFixed(1)}%`;
}
