import { describe, expect, it } from 'vitest';
import { RUN_PARAMS } from '../../src/config';
import type { NumberParam } from '../../src/params';
import { sliderScale } from './sliderScale';

const knob = (spec: Partial<NumberParam> & Pick<NumberParam, 'min' | 'max'>): NumberParam => ({ kind: 'number', label: 'Knob', default: spec.min, ...spec });

describe('sliderScale on a log knob', () => {
  const lr = sliderScale(RUN_PARAMS.lr);

  it('spans the decades of its range in 240 steps', () => {
    expect(lr.lo).toBeCloseTo(-5, 12);
    expect(lr.hi).toBe(0);
    expect(lr.step).toBeCloseTo(5 / 240, 12);
  });

  it.each([1e-5, 3e-5, 0.0003, 0.003, 0.01, 0.25, 1])('round-trips %d through the slider exactly', (v) => {
    expect(lr.fromSlider(lr.toSlider(v))).toBe(v);
  });

  it('puts equal ratios at equal distances', () => {
    expect(lr.toSlider(0.01) - lr.toSlider(0.001)).toBeCloseTo(lr.toSlider(0.1) - lr.toSlider(0.01), 12);
  });

  it('rounds a slider position to two significant digits', () => {
    expect(lr.fromSlider(Math.log10(0.0012345))).toBe(0.0012);
    expect(lr.fromSlider(Math.log10(0.0678))).toBe(0.068);
  });

  it('clamps values and positions to the range', () => {
    expect(lr.toSlider(10)).toBe(lr.hi);
    expect(lr.toSlider(1e-9)).toBe(lr.lo);
    expect(lr.toSlider(0)).toBe(lr.lo);
    expect(lr.toSlider(-1)).toBe(lr.lo);
    expect(lr.fromSlider(3)).toBe(1);
    expect(lr.fromSlider(-9)).toBe(1e-5);
  });
});

describe('sliderScale on a log knob whose minimum is 0', () => {
  const beta = sliderScale(knob({ min: 0, max: 1, log: true }));

  it('gets six decades below its maximum', () => {
    expect(beta.lo).toBe(-6);
    expect(beta.hi).toBe(0);
  });

  it('means exactly 0 at the left end (and up to half a step from it)', () => {
    expect(beta.fromSlider(beta.lo)).toBe(0);
    expect(beta.fromSlider(beta.lo + beta.step / 2)).toBe(0);
    expect(beta.fromSlider(beta.toSlider(0))).toBe(0);
  });

  it('is back on the log scale one step in', () => {
    expect(beta.fromSlider(beta.lo + beta.step)).toBe(0.0000011);
    expect(beta.fromSlider(beta.toSlider(0.005))).toBe(0.005);
  });
});

describe('sliderScale on an integer log knob', () => {
  const steps = sliderScale(knob({ min: 1, max: 1000, log: true, integer: true }));

  it('gives whole numbers', () => {
    expect(steps.fromSlider(Math.log10(2.5))).toBe(3);
    expect(steps.fromSlider(steps.toSlider(37))).toBe(37);
    expect(steps.fromSlider(steps.toSlider(1000))).toBe(1000);
  });
});

describe('sliderScale on a linear knob', () => {
  it('uses the spec step and whole numbers for an integer knob', () => {
    const width = sliderScale(RUN_PARAMS.width);
    expect([width.lo, width.hi, width.step]).toEqual([4, 128, 4]);
    expect(width.fromSlider(10.4)).toBe(10);
    expect(width.fromSlider(200)).toBe(128);
    expect(width.toSlider(1)).toBe(4);
    expect(width.fromSlider(width.toSlider(64))).toBe(64);
  });

  it('defaults to step 1 for an integer knob and to 200 steps otherwise', () => {
    expect(sliderScale(knob({ min: 0, max: 10, integer: true })).step).toBe(1);
    expect(sliderScale(knob({ min: 0, max: 1 })).step).toBe(0.005);
  });

  it('keeps six significant digits of a position', () => {
    const ratio = sliderScale(knob({ min: 0, max: 1 }));
    expect(ratio.fromSlider(0.123456789)).toBe(0.123457);
    expect(ratio.fromSlider(ratio.toSlider(0.2))).toBe(0.2);
    expect(ratio.fromSlider(-0.5)).toBe(0);
  });
});
