import { describe, expect, it } from 'vitest';
import { memoryStorage } from './store';

describe('memoryStorage', () => {
  it('keeps records per collection by key, cloned in and out', async () => {
    const storage = memoryStorage();
    const runs = storage.collection('runs');
    const value = { name: 'a', history: [1, 2] };
    await runs.put('r1', value);
    value.history.push(3);
    const read = (await runs.get('r1')) as { history: number[] };
    expect(read.history).toEqual([1, 2]);
    read.history.push(9);
    expect(((await runs.get('r1')) as { history: number[] }).history).toEqual([1, 2]);
    expect(await storage.collection('datasets').get('r1')).toBeUndefined();
    expect(await runs.keys()).toEqual(['r1']);
    await runs.delete('r1');
    expect(await runs.keys()).toEqual([]);
    expect(storage.persistent).toBe(false);
  });
});
