import { describe, expect, it } from 'vitest';
import { fileNameOf } from './fileName';

describe('fileNameOf', () => {
  it('keeps letters and digits, dashes for the rest, accents dropped, never empty', () => {
    expect(fileNameOf('SimSiam, stop-gradient off, shapes16, seed 1', 'json')).toBe('simsiam-stop-gradient-off-shapes16-seed-1.json');
    expect(fileNameOf('Effective rank (RankMe)', 'png')).toBe('effective-rank-rankme.png');
    expect(fileNameOf('ρSIM à côté', 'csv')).toBe('sim-a-cote.csv');
    expect(fileNameOf('///', 'svg')).toBe('collapse-lab.svg');
    expect(fileNameOf('a'.repeat(200), 'json')).toBe(`${'a'.repeat(80)}.json`);
  });
});
