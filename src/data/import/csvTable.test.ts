import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IMPORT_FIXTURES } from '../../../test/support/importFixtures';
import { parseTable, suggestLabelColumn, tableData, UNLABELLED_CLASS } from './csvTable';
import { IMPORT_LIMITS } from './limits';
import { ImportRefusal } from './refusal';

const csv = (name: string) => parseTable(readFileSync(join(IMPORT_FIXTURES, 'csv', name), 'utf8'), name);

/** The refusal message of `fn`, failing when it does not refuse. */
function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ImportRefusal);
    return (e as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('parseTable', () => {
  it('reads the header, types each column and suggests the label', () => {
    const t = csv('flowers.csv');
    expect(t.hasHeader).toBe(true);
    expect(t.rows).toHaveLength(6);
    expect(t.columns.map((c) => [c.name, c.type, c.labelCandidate])).toEqual([
      ['sepal_length', 'numeric', false],
      ['sepal_width', 'numeric', false],
      ['species', 'text', true],
    ]);
    expect(suggestLabelColumn(t)).toBe('species');
  });

  it('reads a table without a header line and names its columns', () => {
    const t = csv('no-header.csv');
    expect(t.hasHeader).toBe(false);
    expect(t.columns.map((c) => c.name)).toEqual(['column 1', 'column 2', 'column 3']);
    expect(t.rows).toHaveLength(4);
    // Whole numbers with few values could be a label, but nothing says so: no suggestion.
    expect(t.columns[2]!.labelCandidate).toBe(true);
    expect(suggestLabelColumn(t)).toBeNull();
  });

  it('finds mixed columns and where they go wrong', () => {
    expect(csv('mixed.csv').columns[0]).toMatchObject({ type: 'mixed', firstOdd: { row: 2, value: 'n/a' } });
    expect(csv('missing-cell.csv').columns[1]).toMatchObject({ type: 'mixed', firstOdd: { row: 2, value: '' } });
  });

  it.each([
    ['empty.csv', /empty\.csv is empty/],
    ['header-only.csv', /column names but no data rows/],
    ['ragged.csv', /Data row 2 of ragged\.csv has 2 values, but the table has 3 columns/],
    ['unclosed-quote.csv', /could not be read as CSV .*close every quoted cell/],
    ['binary.csv', /is not a text table/],
  ])('refuses %s', (name, message) => {
    expect(refusal(() => csv(name))).toMatch(message);
  });

  it(`refuses a table of more than ${IMPORT_LIMITS.maxRows} rows`, () => {
    const text = `a,b\n${'1,2\n'.repeat(IMPORT_LIMITS.maxRows + 1)}`;
    expect(refusal(() => parseTable(text, 'big.csv'))).toMatch(/more than 100,000 rows.*Keep a sample/);
    expect(parseTable(`a,b\n${'1,2\n'.repeat(IMPORT_LIMITS.maxRows)}`, 'ok.csv').rows).toHaveLength(IMPORT_LIMITS.maxRows);
  });
});

describe('tableData', () => {
  it('makes numeric features and labels from the chosen column, classes in natural order', () => {
    const d = tableData(csv('flowers.csv'), 'species');
    expect(d.featureNames).toEqual(['sepal_length', 'sepal_width']);
    expect(d.classes).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(Array.from(d.labels)).toEqual([0, 0, 1, 1, 2, 2]);
    expect(Array.from(d.features.slice(0, 4))).toEqual([5.1, 3.5, 4.9, 3].map(Math.fround));
  });

  it('keeps every column as a feature with no label column: one class, self-supervised only', () => {
    const d = tableData(csv('unlabelled.csv'), null);
    expect(d.featureNames).toEqual(['a', 'b', 'c']);
    expect(d.classes).toEqual([UNLABELLED_CLASS]);
    expect(Array.from(d.labels)).toEqual([0, 0, 0]);
    expect(d.labelColumn).toBeNull();
  });

  it('orders numeric class values as numbers', () => {
    const t = parseTable('x,label\n1,10\n2,10\n3,9\n4,9\n5,2\n6,2\n', 'n.csv');
    expect(tableData(t, 'label').classes).toEqual(['2', '9', '10']);
  });

  it.each([
    ['text-column.csv', 'label', /Column "name" of text-column\.csv is not numeric \(data row 1: "ann"\): choose it as the label, or remove it/],
    ['mixed.csv', 'label', /Column "x" of mixed\.csv mixes numbers with other values \("n\/a" in data row 2\)/],
    ['missing-cell.csv', 'label', /Column "y" .* \(an empty cell in data row 2\): fill in or fix/],
    ['flowers.csv', null, /Column "species" of flowers\.csv is not numeric/],
    ['one-class.csv', 'label', /holds one value only \("a"\).*Choose another column, or "none"/],
    ['lonely-class.csv', 'label', /class "b" has fewer than 2 rows: each class needs one row to train on and one to test with/],
    ['missing-label.csv', 'label', /Data row 4 of missing-label\.csv has no value in the label column "label"/],
    ['label-only.csv', 'label', /no numeric column besides the label "label"/],
    ['many-classes.csv', 'label', /more than 100 distinct values/],
    ['flowers.csv', 'petal', /has no column named "petal"/],
  ])('refuses %s with label %s', (name, label, message) => {
    expect(refusal(() => tableData(csv(name), label))).toMatch(message);
  });

  it(`refuses more than ${IMPORT_LIMITS.maxFeatures} feature columns`, () => {
    const n = IMPORT_LIMITS.maxFeatures + 1;
    const row = Array.from({ length: n }, (_, i) => i).join(',');
    expect(refusal(() => tableData(parseTable(`${row}\n${row}\n`, 'wide.csv'), null))).toMatch(/1001 feature columns, more than the 1000/);
  });
});
