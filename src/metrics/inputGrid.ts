/**
 * The input-space map of a 2-D point dataset (MetricsReport.inputSpace): a square grid of
 * inputs the trainer runs through the network and its classifier (eval mode) on evaluation
 * reports, and the map the report carries: the predicted class of each cell with the
 * evaluation points drawn on top.
 */
import type { InputSpaceMap } from '../protocol';

/** Cells per side of the grid. */
export const INPUT_GRID_SIZE = 48;

/** A grid of inputs: `size * size` cell centres spanning [-extent, extent] on both axes. */
export interface InputGrid {
  size: number;
  extent: number;
  /** [size * size, 2] interleaved (x, y), row-major from the top row (largest y) down, left to right. */
  inputs: Float32Array;
}

/** Half-width of a square holding every point of `points` ([x0, y0, x1, y1, ...]) with a 5 % margin, rounded up to a tenth (1 for no spread). */
export function inputGridExtent(points: ArrayLike<number>): number {
  let largest = 0;
  for (let i = 0; i < points.length; i++) largest = Math.max(largest, Math.abs(points[i]!));
  return largest > 0 ? Math.ceil(largest * 1.05 * 10) / 10 : 1;
}

/** The grid of `size x size` cell centres over [-extent, extent]^2 (see InputGrid). */
export function inputGrid(extent: number, size = INPUT_GRID_SIZE): InputGrid {
  const inputs = new Float32Array(size * size * 2);
  const at = (k: number) => (size === 1 ? 0 : -extent + (2 * extent * k) / (size - 1));
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      const cell = row * size + col;
      inputs[2 * cell] = at(col);
      inputs[2 * cell + 1] = at(size - 1 - row);
    }
  }
  return { size, extent, inputs };
}

/** The report's map: the grid's predicted classes, and the points ([x0, y0, ...]) with their classes. */
export function inputSpaceMap(grid: Pick<InputGrid, 'size' | 'extent'>, predictions: ArrayLike<number>, points: ArrayLike<number>, pointLabels: ArrayLike<number>): InputSpaceMap {
  const count = Math.min(pointLabels.length, Math.floor(points.length / 2));
  return {
    size: grid.size,
    extent: grid.extent,
    labels: Array.from(predictions),
    points: {
      x: Array.from({ length: count }, (_, i) => points[2 * i]!),
      y: Array.from({ length: count }, (_, i) => points[2 * i + 1]!),
      labels: Array.from(pointLabels).slice(0, count),
    },
  };
}
