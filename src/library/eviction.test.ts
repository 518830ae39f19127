import { describe, expect, it } from 'vitest';
import { summarize } from './runRecord';
import { runRecord } from '../../test/support/runRecords';
import { runsToEvict } from './eviction';

const run = (id: string, updatedAt: number, renamed = false) => summarize(runRecord({ id, updatedAt, renamed }), null);

describe('runsToEvict', () => {
  it('lets the oldest unnamed runs go past the limit, never a renamed one or the one kept', () => {
    const runs = [run('a', 1, true), run('b', 2), run('c', 3), run('d', 4), run('e', 5)];
    expect(runsToEvict(runs, 5, null)).toEqual([]);
    expect(runsToEvict(runs, 3, null)).toEqual(['b', 'c']);
    expect(runsToEvict(runs, 3, 'b')).toEqual(['c', 'd']);
  });
});
