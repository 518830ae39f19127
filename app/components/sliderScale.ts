/**
 * The mapping between a number knob's value and its slider position: linear, or
 * log10 when the spec asks for a log scale (a log knob whose minimum is 0 gets six
 * decades below its maximum, and the slider's left end means exactly 0).
 */
import type { NumberParam } from '../../src/params';

/** Slider bounds and step in slider units. */
export interface SliderScale {
  lo: number;
  hi: number;
  step: number;
  toSlider(value: number): number;
  fromSlider(position: number): number;
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/** Builds the slider scale of a number knob. */
export function sliderScale(spec: NumberParam): SliderScale {
  if (spec.log) {
    const hi = Math.log10(spec.max);
    const lo = spec.min > 0 ? Math.log10(spec.min) : hi - 6;
    const step = (hi - lo) / 240;
    return {
      lo,
      hi,
      step,
      toSlider: (v) => (v <= 0 ? lo : clamp(Math.log10(v), lo, hi)),
      fromSlider: (p) => {
        if (p <= lo + step / 2 && spec.min <= 0) return spec.min;
        const v = clamp(Number((10 ** p).toPrecision(2)), spec.min, spec.max);
        return spec.integer ? Math.round(v) : v;
      },
    };
  }
  const step = spec.step ?? (spec.integer ? 1 : (spec.max - spec.min) / 200);
  return {
    lo: spec.min,
    hi: spec.max,
    step,
    toSlider: (v) => clamp(v, spec.min, spec.max),
    fromSlider: (p) => {
      const v = clamp(Number(p.toPrecision(6)), spec.min, spec.max);
      return spec.integer ? Math.round(v) : v;
    },
  };
}
