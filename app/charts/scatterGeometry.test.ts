import { describe, expect, it } from 'vitest';
import { CLASS_COLOURS } from '../../src/data/thumbnail';
import { classCss, classRgb, embeddingHalfWidth, formatShare, regionsHalfWidth, RMS_NORM_SHARE, toPixel } from './scatterGeometry';

describe('the class scatter geometry', () => {
  it('fits the points with a margin, and never shows less than a share of the RMS norm', () => {
    expect(embeddingHalfWidth({ x: [1, -2], y: [0.5, 0], rmsNorm: 1 })).toBeCloseTo(2.16, 12);
    // A collapse to a point: spread 1e-3 against a norm of 10 stays a dot.
    expect(embeddingHalfWidth({ x: [1e-3, -1e-3], y: [0, 1e-3], rmsNorm: 10 })).toBe(RMS_NORM_SHARE * 10);
    expect(embeddingHalfWidth({ x: [0], y: [0], rmsNorm: 0 })).toBe(1);
  });

  it('fits a grid of cells whose centres span [-extent, extent] exactly', () => {
    // 3 centres at -2, 0, 2: cells 2 wide, so the square is [-3, 3].
    expect(regionsHalfWidth(3, 2)).toBe(3);
  });

  it('maps [-w, w]^2 onto the square, y up', () => {
    expect(toPixel(-2, 2, 2, 200)).toEqual([0, 0]);
    expect(toPixel(0, 0, 2, 200)).toEqual([100, 100]);
    expect(toPixel(2, -1, 2, 200)).toEqual([200, 150]);
  });

  it('colours classes as the dataset thumbnails do, lightened towards white on request', () => {
    const [r, g, b] = CLASS_COLOURS[1]!;
    expect(classCss(1)).toBe(`rgb(${r}, ${g}, ${b})`);
    expect(classCss(1, 1)).toBe('rgb(255, 255, 255)');
    expect(classCss(11)).toBe(classCss(1));
    expect(classRgb(1, 0.5)).toEqual([r, g, b].map((c) => Math.round(c + (255 - c) / 2)));
  });

  it('writes variance shares readably at both ends', () => {
    expect(formatShare(0.734)).toBe('73%');
    expect(formatShare(0.0042)).toBe('0.4%');
    expect(formatShare(0.9973)).toBe('99.7%');
    expect(formatShare(1)).toBe('100.0%');
  });
});
