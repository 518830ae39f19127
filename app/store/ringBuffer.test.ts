import { describe, expect, it } from 'vitest';
import { RingBuffer } from './ringBuffer';

function filled(capacity: number, items: number[]): RingBuffer<number> {
  const buffer = new RingBuffer<number>(capacity);
  for (const item of items) buffer.push(item);
  return buffer;
}

describe('RingBuffer', () => {
  it.each([0, -1, 1.5, NaN])('refuses capacity %d', (capacity) => {
    expect(() => new RingBuffer<number>(capacity)).toThrow(/positive integer/);
  });

  it('is empty at first, and replacing the last item of nothing does nothing', () => {
    const buffer = new RingBuffer<number>(3);
    buffer.replaceLast(1);
    expect(buffer.size).toBe(0);
    expect(buffer.last()).toBeUndefined();
    expect(buffer.toArray()).toEqual([]);
  });

  it('keeps items oldest first until full', () => {
    const buffer = filled(3, [1, 2]);
    expect(buffer.toArray()).toEqual([1, 2]);
    expect(buffer.size).toBe(2);
    expect(buffer.last()).toBe(2);
  });

  it('drops the oldest items when it wraps around', () => {
    const buffer = filled(3, [1, 2, 3, 4, 5]);
    expect(buffer.toArray()).toEqual([3, 4, 5]);
    expect(buffer.size).toBe(3);
    expect(buffer.last()).toBe(5);
    buffer.push(6);
    buffer.push(7);
    expect(buffer.toArray()).toEqual([5, 6, 7]);
  });

  it('replaces the newest item across the wrap point', () => {
    const buffer = filled(3, [1, 2, 3]);
    buffer.replaceLast(30);
    expect(buffer.toArray()).toEqual([1, 2, 30]);
    buffer.push(4);
    buffer.replaceLast(40);
    expect(buffer.toArray()).toEqual([2, 30, 40]);
    expect(buffer.last()).toBe(40);
  });

  it('starts over after clear, wrapped or not', () => {
    const buffer = filled(3, [1, 2, 3, 4]);
    buffer.clear();
    expect(buffer.size).toBe(0);
    expect(buffer.toArray()).toEqual([]);
    buffer.push(9);
    expect(buffer.toArray()).toEqual([9]);
    expect(buffer.last()).toBe(9);
  });

  it('holds one item with capacity 1', () => {
    const buffer = filled(1, [1, 2, 3]);
    expect(buffer.toArray()).toEqual([3]);
    expect(buffer.size).toBe(1);
  });
});
