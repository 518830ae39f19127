import { describe, expect, it } from 'vitest';
import { convGeometry, type ConvAttrs } from '../conv2d/geometry';
import { swappedConvolution } from './swappedConvolution';

/** The swapped convolution of a 3x3 convolution of an [2, size, size, 4] input. */
function swappedOf(size: number, attrs: ConvAttrs): ReturnType<typeof swappedConvolution> {
  return swappedConvolution(convGeometry([2, size, size, 4], [3, 3, 4, 8], attrs)!);
}

describe('swappedConvolution', () => {
  it('pads a stride-1 same convolution by one all round, undilated', () => {
    expect(swappedOf(8, { strides: 1, pad: 'same' })).toEqual({ keep: { h: 8, w: 8 }, pad: [[0, 0], [1, 1], [1, 1], [0, 0]], dilations: [1, 1] });
  });

  it("dilates by the stride and pads below and right only for tfjs's stride-2 same padding of an even input (the CNN's stem)", () => {
    // 16 outputs; tfjs pads 0 above, 1 below: the last output's taps reach row 32.
    expect(swappedOf(32, { strides: 2, pad: 'same' })).toEqual({ keep: { h: 32, w: 32 }, pad: [[0, 0], [0, 1], [0, 1], [0, 0]], dilations: [2, 2] });
  });

  it('crops the input rows and columns no output reads instead of padding negatively', () => {
    // 3 outputs of stride 2 read rows 0..6 of 8.
    expect(swappedOf(8, { strides: 2, pad: 'valid' })).toEqual({ keep: { h: 7, w: 7 }, pad: [[0, 0], [0, 0], [0, 0], [0, 0]], dilations: [2, 2] });
    expect(swappedOf(9, { strides: 2, pad: 'valid' })).toEqual({ keep: { h: 9, w: 9 }, pad: [[0, 0], [0, 0], [0, 0], [0, 0]], dilations: [2, 2] });
  });
});
