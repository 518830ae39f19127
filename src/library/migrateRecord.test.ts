import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../config';
import { POINTS, runRecord } from '../../test/support/runRecords';
import { fromColumns } from './historyColumns';
import { migrateRecord } from './migrateRecord';
import { summarize } from './runRecord';

/** A record as format 0 wrote it, by hand: rows of points, ISO date, nulls for non-finite values, no format field. */
const FORMAT_0 = {
  id: 'old-1',
  name: '  SimSiam, stop-gradient off  ',
  savedAt: '2024-05-01T10:00:00.000Z',
  config: { ...DEFAULT_CONFIG, objective: 'simsiam' },
  history: [
    { step: 5, losses: { total: 1 }, scalars: { rankme: 10, knn: null }, stepsPerSecond: 3 },
    { step: 10, losses: { total: 0.5 }, scalars: { rankme: 4 }, termScalars: { cir: { margin: 0.1 } } },
  ],
  spectrum: [2, 1],
};

describe('migrateRecord', () => {
  it('reads a current record as it is', () => {
    const record = runRecord();
    const read = migrateRecord(structuredClone(record));
    expect(read).toEqual({ ok: true, record, migratedFrom: null });
  });

  it('migrates a format-0 record: columns, a date in milliseconds, the final spectrum at the last step, the name trimmed', () => {
    const read = migrateRecord(FORMAT_0);
    if (!read.ok) throw new Error(read.problem);
    expect(read.migratedFrom).toBe(0);
    const r = read.record;
    expect([r.format, r.id, r.name, r.renamed, r.createdAt]).toEqual([1, 'old-1', 'SimSiam, stop-gradient off', false, Date.parse('2024-05-01T10:00:00.000Z')]);
    expect(r.history.steps).toEqual([5, 10]);
    expect(r.history.scalars.rankme).toEqual([10, 4]);
    expect(r.history.scalars.knn).toEqual([null, null]);
    expect(r.history.terms.cir?.margin).toEqual([null, 0.1]);
    expect(r.history.stepsPerSecond).toEqual([3, null]);
    expect(r.final).toEqual({ step: 10, spectrum: [2, 1] });
    expect(fromColumns(r.history)[1]?.termScalars).toEqual({ cir: { margin: 0.1 } });
    expect(summarize(r, null)).toMatchObject({ lastStep: 10, points: 2, finalRankme: 4, weightsStep: null });
  });

  it('refuses a newer format, saying to update the app', () => {
    const read = migrateRecord({ ...runRecord(), format: 7 });
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.problem).toMatch(/newer version of Collapse Lab \(run format 7; this version reads formats 0 to 1\)/);
  });

  it('refuses damaged records, naming the first problem', () => {
    const cases: [unknown, RegExp][] = [
      [null, /not a run record/],
      [[1, 2], /not a run record/],
      [{ ...runRecord(), format: 'one' }, /format "one" is not a format number/],
      [{ ...runRecord(), config: { ...DEFAULT_CONFIG, lr: 'fast' } }, /damaged: config\.lr/],
      [{ ...runRecord(), history: { ...runRecord().history, losses: { total: [1] } } }, /history\.losses\.total has 1 values for 3 steps/],
      [{ ...runRecord(), name: '   ' }, /name: the name is empty/],
      [{ ...FORMAT_0, history: 'lots' }, /damaged: history/],
    ];
    for (const [raw, expected] of cases) {
      const read = migrateRecord(raw);
      expect(read.ok, JSON.stringify(raw)?.slice(0, 80)).toBe(false);
      if (!read.ok) expect(read.problem).toMatch(expected);
    }
  });

  it('summarises a record for the list', () => {
    expect(summarize(runRecord(), 15)).toEqual({
      id: 'run-1',
      name: 'VICReg, shapes16, seed 1',
      renamed: false,
      createdAt: 1_700_000_000_000,
      updatedAt: 1_700_000_060_000,
      lastStep: 15,
      points: POINTS.length,
      finalRankme: 16.5,
      embedDim: DEFAULT_CONFIG.embedDim,
      weightsStep: 15,
    });
  });
});
