import { describe, expect, it } from 'vitest';
import { inputGrid, inputGridExtent, inputSpaceMap, INPUT_GRID_SIZE } from './inputGrid';

describe('the input-space grid', () => {
  it('covers [-extent, extent]^2 row by row from the top left, y decreasing', () => {
    const g = inputGrid(2, 3);
    expect(Array.from(g.inputs)).toEqual([-2, 2, 0, 2, 2, 2, -2, 0, 0, 0, 2, 0, -2, -2, 0, -2, 2, -2]);
    expect(inputGrid(1.5).inputs.length).toBe(2 * INPUT_GRID_SIZE ** 2);
  });

  it('holds every point with a margin, rounded up to a tenth', () => {
    expect(inputGridExtent([0.3, -2.4, 1, 0])).toBe(2.6);
    expect(inputGridExtent([0, 0])).toBe(1);
  });

  it('reports the predicted classes and the points split into x, y with their classes', () => {
    const map = inputSpaceMap({ size: 2, extent: 1.5 }, Int32Array.from([0, 1, 1, 2]), Float32Array.from([0.5, -1, 1.25, 0.75]), Int32Array.from([2, 1]));
    expect(map).toEqual({ size: 2, extent: 1.5, labels: [0, 1, 1, 2], points: { x: [0.5, 1.25], y: [-1, 0.75], labels: [2, 1] } });
  });
});
