import { describe, expect, it } from 'vitest';
import { POINTS, runRecord } from '../../test/support/runRecords';
import { toColumns } from './historyColumns';
import { historyCsv } from './runCsv';

describe('historyCsv', () => {
  it('writes one row per step and one column per loss, scalar, term line and the speed, empty where a line has no value', () => {
    const lines = historyCsv(runRecord().history).split('\r\n');
    expect(lines[0]).toBe('step,losses.total,losses.vicreg,scalars.knn,scalars.rankme,scalars.stdL2,terms.cir.margin,stepsPerSecond');
    expect(lines[1]).toBe('5,2.5,2.5,,20,0.1,,10');
    expect(lines[2]).toBe('10,2,2,0.5,18,0.09,0.3,12');
    expect(lines.length).toBe(POINTS.length + 2);
    expect(lines.at(-1)).toBe('');
  });

  it('quotes a column name that holds a comma or a quote', () => {
    const csv = historyCsv(toColumns([{ ...POINTS[0]!, termScalars: { 'a,b': { 'say "hi"': 1 } } }]));
    expect(csv.split('\r\n')[0]).toContain(',"terms.a,b.say ""hi"""');
  });
});
