import { describe, expect, it } from 'vitest';
import { lockstepHold } from './lockstep';

describe('lockstepHold', () => {
  it('lets every run go one interval past the slowest', () => {
    expect(lockstepHold([40, 25], 5)).toBe(30);
    expect(lockstepHold([0, 0], 10)).toBe(10);
  });

  it('never holds at or below the slowest run, whatever the interval', () => {
    expect(lockstepHold([7, 9], 0)).toBe(8);
    expect(lockstepHold([7, 9], 0.4)).toBe(8);
  });
});
