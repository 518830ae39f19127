import { describe, expect, it } from 'vitest';
import { POINTS } from '../../test/support/runRecords';
import { fromColumns, lastValue, misalignedColumn, namedColumns, toColumns } from './historyColumns';

describe('history columns', () => {
  it('turn points into one column per line, null where a line has no value, and back', () => {
    const h = toColumns(POINTS);
    expect(h.steps).toEqual([5, 10, 15]);
    expect(h.losses.total).toEqual([2.5, 2.0, 1.5]);
    expect(h.scalars.knn).toEqual([null, 0.5, null]);
    expect(h.terms.cir?.margin).toEqual([null, 0.3, 0.4]);
    expect(fromColumns(h)).toEqual(POINTS);
  });

  it('keep a non-finite value as a missing one (JSON has no NaN)', () => {
    const h = toColumns([{ ...POINTS[0]!, losses: { total: Number.NaN } }]);
    expect(h.losses.total).toEqual([null]);
    expect(JSON.parse(JSON.stringify(h))).toEqual(h);
  });

  it('name every column by its path, losses then scalars then terms then speed', () => {
    expect(namedColumns(toColumns(POINTS)).map((c) => c.path.join('.'))).toEqual(['losses.total', 'losses.vicreg', 'scalars.knn', 'scalars.rankme', 'scalars.stdL2', 'terms.cir.margin', 'stepsPerSecond']);
  });

  it('find a column of the wrong length or steps that go back', () => {
    const h = toColumns(POINTS);
    expect(misalignedColumn(h)).toBeNull();
    expect(misalignedColumn({ ...h, losses: { total: [1, 2] } })).toBe('history.losses.total has 2 values for 3 steps');
    expect(misalignedColumn({ ...h, steps: [5, 15, 10] })).toMatch(/not increasing at position 2/);
  });

  it('read the last value of a column', () => {
    expect(lastValue([1, 2, null])).toBe(2);
    expect(lastValue([null])).toBeNull();
    expect(lastValue(undefined)).toBeNull();
  });
});
