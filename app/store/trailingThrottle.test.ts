import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { trailingThrottle } from './trailingThrottle';

describe('trailingThrottle', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs on the next timer tick, not during the call', () => {
    const fn = vi.fn();
    trailingThrottle(fn, 100)();
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(0);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('merges a burst of calls into one run', () => {
    const fn = vi.fn();
    const throttled = trailingThrottle(fn, 100);
    for (let i = 0; i < 50; i++) throttled();
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('runs at most once per interval however often it is called, and loses no call', () => {
    const fn = vi.fn();
    const throttled = trailingThrottle(fn, 100);
    throttled();
    vi.advanceTimersByTime(0);
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(30);
    throttled();
    vi.advanceTimersByTime(69);
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(2);
    // Called every 10 ms for a second: one run per 100 ms.
    for (let t = 0; t < 1000; t += 10) {
      throttled();
      vi.advanceTimersByTime(10);
    }
    expect(fn).toHaveBeenCalledTimes(12);
  });

  it('runs right away after a quiet interval', () => {
    const fn = vi.fn();
    const throttled = trailingThrottle(fn, 100);
    throttled();
    vi.advanceTimersByTime(250);
    throttled();
    vi.advanceTimersByTime(0);
    expect(fn).toHaveBeenCalledTimes(2);
  });
});
