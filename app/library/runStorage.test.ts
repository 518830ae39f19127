import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/library/runRecord';
import { memoryStorage } from '../../src/storage/store';
import { runRecord } from '../../test/support/runRecords';
import { deleteRun, listRuns, readRun, writeRun, writeWeights } from './runStorage';

const weights = { step: 15, tensors: [{ name: 'w', shape: [2], data: new Float32Array([1, 2]) }] };

describe('the run library in storage', () => {
  it('stores, lists (newest first), reads and deletes runs with their weights', async () => {
    const runs = memoryStorage().collection('runs');
    await writeRun(runs, runRecord({ id: 'old', createdAt: 1 }), null);
    const summary = await writeRun(runs, runRecord({ id: 'new', createdAt: 2 }), 15);
    await writeWeights(runs, 'new', weights);
    expect(summary).toEqual(summarize(runRecord({ id: 'new', createdAt: 2 }), 15));
    expect((await listRuns(runs)).runs.map((r) => r.id)).toEqual(['new', 'old']);
    expect(await readRun(runs, 'new')).toEqual({ record: runRecord({ id: 'new', createdAt: 2 }), weights });
    expect(await readRun(runs, 'old')).toEqual({ record: runRecord({ id: 'old', createdAt: 1 }), weights: null });
    await deleteRun(runs, 'new');
    expect(await runs.keys()).toEqual(['run/old', 'summary/old']);
  });

  it('migrates an older record when it is read, and rebuilds a damaged summary from its record', async () => {
    const runs = memoryStorage().collection('runs');
    const old = { id: 'o', name: 'old one', savedAt: '2024-01-01T00:00:00Z', config: runRecord().config, history: [{ step: 3, losses: { total: 1 }, scalars: { rankme: 2 } }] };
    await runs.put('run/o', old);
    await runs.put('summary/o', { id: 'o' });
    const listed = await listRuns(runs);
    expect(listed.unreadable).toEqual([]);
    expect(listed.runs[0]).toMatchObject({ id: 'o', name: 'old one', lastStep: 3, finalRankme: 2 });
    expect(await runs.get('run/o')).toMatchObject({ format: 1, history: { steps: [3] } });
  });

  it('reports a run it cannot read instead of listing it, and leaves it on disk', async () => {
    const runs = memoryStorage().collection('runs');
    await runs.put('run/bad', { format: 1, id: 'bad' });
    await runs.put('summary/bad', null);
    const listed = await listRuns(runs);
    expect(listed.runs).toEqual([]);
    expect(listed.unreadable).toEqual([expect.stringMatching(/^a saved run could not be read: it is damaged: /)]);
    expect(await readRun(runs, 'missing')).toBe('the saved run missing is missing');
    expect(await runs.keys()).toEqual(['run/bad', 'summary/bad']);
  });
});
