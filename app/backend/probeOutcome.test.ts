import { describe, expect, it } from 'vitest';
import { probeOutcomeText } from './probeOutcome';

describe('probeOutcomeText', () => {
  it('gives a speed with one decimal under 10 steps/s and none above', () => {
    expect(probeOutcomeText({ stepsPerSecond: 5.34, tooSlow: false, emulated: false }, 45)).toBe('5.3 steps/s');
    expect(probeOutcomeText({ stepsPerSecond: 15.8, tooSlow: false, emulated: false }, 45)).toBe('16 steps/s');
  });

  it('tells a probe that gave no timing in time from one that did not start', () => {
    expect(probeOutcomeText({ stepsPerSecond: 0, tooSlow: true, emulated: false }, 45)).toBe('no timing within 45 s');
    expect(probeOutcomeText({ stepsPerSecond: 0, tooSlow: false, emulated: false }, 45)).toBe('did not start');
  });

  it('marks an emulated adapter', () => {
    expect(probeOutcomeText({ stepsPerSecond: 0.7, tooSlow: false, emulated: true }, 45)).toBe('0.7 steps/s (emulated)');
    expect(probeOutcomeText({ stepsPerSecond: 0, tooSlow: true, emulated: true }, 30)).toBe('no timing within 30 s (emulated)');
  });
});
