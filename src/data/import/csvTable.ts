/**
 * CSV tables: parsed with papaparse, then each column is typed (numeric, text or mixed),
 * a label column is suggested, and the chosen columns become a table dataset (numeric
 * features, labels from the label column's distinct values, or none). Every problem is an
 * ImportRefusal naming the column or row and what to change; names and cells from the file are
 * quoted clipped (`quoted`), so a hostile file cannot make a refusal a wall of text.
 */
import Papa from 'papaparse';
import { IMPORT_LIMITS } from './limits';
import { nameList, refuse } from './refusal';
import { quoted } from '../../userText';

/** How a column's cells read. */
export type ColumnType = 'numeric' | 'text' | 'mixed';

/** One column of a parsed table. */
export interface TableColumn {
  name: string;
  type: ColumnType;
  /** Distinct values (counted up to maxClasses + 1). */
  distinct: number;
  /** Whether it can be the label: 2 to maxClasses distinct values, text or whole numbers, no empty cell. */
  labelCandidate: boolean;
  /** A mixed column's first cell that is not a number (data row from 1, and the cell as written). */
  firstOdd?: { row: number; value: string };
}

/** A parsed table: column names, typed columns and the cells, row by row. */
export interface ParsedTable {
  /** The file's name, for messages. */
  name: string;
  columns: TableColumn[];
  rows: string[][];
  /** Whether the first line was read as column names (else they are "column 1", ...). */
  hasHeader: boolean;
}

/** A table made into a dataset: features row-major, labels per row. */
export interface TableData {
  featureNames: string[];
  /** `rows * featureNames.length` raw (not yet standardised) values. */
  features: Float32Array;
  labels: Int32Array;
  /** Class names, in label order; one class when the table has no label column. */
  classes: string[];
  /** The label column's name, or null (self-supervised only). */
  labelColumn: string | null;
}

/** The class name given to every row of a table without a label column. */
export const UNLABELLED_CLASS = 'all rows';

/** A cell as a finite number, or null. */
export function cellNumber(cell: string): number | null {
  const text = cell.trim();
  if (text === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/** Names that usually mark a label column. */
const LABEL_NAMES = /^(label|labels|class|classes|target|y|species|category|kind|type)$/i;

/** Orders class names naturally ("2" before "10", "cat" before "dog"). */
export function naturalOrder(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

function typeColumn(name: string, cells: string[]): TableColumn {
  let numbers = 0;
  let wholeNumbers = 0;
  let empty = false;
  let firstOdd: TableColumn['firstOdd'];
  const values = new Set<string>();
  cells.forEach((cell, i) => {
    const n = cellNumber(cell);
    if (n !== null) {
      numbers++;
      if (Number.isInteger(n)) wholeNumbers++;
    } else {
      firstOdd ??= { row: i + 1, value: cell };
      if (cell.trim() === '') empty = true;
    }
    if (values.size <= IMPORT_LIMITS.maxClasses) values.add(cell.trim());
  });
  const type: ColumnType = numbers === cells.length ? 'numeric' : numbers === 0 ? 'text' : 'mixed';
  const distinct = values.size;
  const discrete = (type === 'text' && !empty) || (type === 'numeric' && wholeNumbers === cells.length);
  const labelCandidate = discrete && distinct >= 2 && distinct <= IMPORT_LIMITS.maxClasses;
  return { name, type, distinct, labelCandidate, ...(type === 'mixed' ? { firstOdd } : {}) };
}

/**
 * Whether the first line holds column names: it has no number at all, or a column that
 * is numeric below it starts with a word.
 */
function firstLineIsHeader(lines: string[][]): boolean {
  const first = lines[0]!;
  if (first.every((cell) => cellNumber(cell) === null)) return true;
  return first.some((cell, c) => cellNumber(cell) === null && lines.length > 1 && lines.slice(1).every((line) => cellNumber(line[c] ?? '') !== null));
}

/** Parses CSV text into typed columns; refuses empty, binary, ragged or oversized tables. */
export function parseTable(text: string, name: string): ParsedTable {
  if (text.trim() === '') refuse(`${name} is empty: there is no table to read. Choose a CSV file with a header line and at least two rows.`);
  if (text.includes('\u0000')) refuse(`${name} is not a text table (it holds binary data). Export it as CSV (comma-separated text) and try again.`);
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: 'greedy', preview: IMPORT_LIMITS.maxRows + 2 });
  const quoteError = parsed.errors.find((e) => e.type === 'Quotes');
  if (quoteError) refuse(`${name} could not be read as CSV (${quoteError.message} near data row ${(quoteError.row ?? 0) + 1}): close every quoted cell.`);
  const lines = parsed.data;
  // Text whose every line is blank cells (",,,") parses to no line at all.
  if (lines.length === 0) refuse(`${name} holds no values, only separators and blank lines: there is no table to read. Choose a CSV file with a header line and at least two rows.`);
  const hasHeader = firstLineIsHeader(lines);
  const header = hasHeader ? lines[0]!.map((cell, c) => cell.trim() || `column ${c + 1}`) : lines[0]!.map((_, c) => `column ${c + 1}`);
  const rows = hasHeader ? lines.slice(1) : lines;
  if (rows.length === 0) refuse(`${name} has column names but no data rows. Add at least two rows of values.`);
  if (rows.length > IMPORT_LIMITS.maxRows) {
    refuse(`${name} has more than ${IMPORT_LIMITS.maxRows.toLocaleString('en')} rows, the most a table may have. Keep a sample of the rows (for example every tenth) and import that.`);
  }
  const duplicate = header.find((h, i) => header.indexOf(h) !== i);
  if (duplicate !== undefined) refuse(`${name} has two columns named ${quoted(duplicate)}. Give every column its own name.`);
  const ragged = rows.findIndex((row) => row.length !== header.length);
  if (ragged >= 0) {
    const n = rows[ragged]!.length;
    refuse(`Data row ${ragged + 1} of ${name} has ${n} value${n === 1 ? '' : 's'}, but the table has ${header.length} columns: every row needs one value per column.`);
  }
  const columns = header.map((h, c) => typeColumn(h, rows.map((row) => row[c]!)));
  return { name, columns, rows, hasHeader };
}

/**
 * The column most likely to be the label: a candidate named like one (label, class,
 * target, species, ...), else the last column when it is a text candidate; null when
 * nothing looks like a label (train it self-supervised).
 */
export function suggestLabelColumn(table: ParsedTable): string | null {
  const candidates = table.columns.filter((c) => c.labelCandidate);
  const named = candidates.find((c) => LABEL_NAMES.test(c.name));
  if (named) return named.name;
  const last = table.columns[table.columns.length - 1];
  return last && last.labelCandidate && last.type === 'text' ? last.name : null;
}

/** Why a column cannot be a feature, as the refusal says it. */
function featureRefusal(table: ParsedTable, column: TableColumn): string {
  if (column.type === 'text') {
    return `Column ${quoted(column.name)} of ${table.name} is not numeric (data row 1: ${quoted(table.rows[0]![table.columns.indexOf(column)]!)}): choose it as the label, or remove it from the file.`;
  }
  const odd = column.firstOdd!;
  const what = odd.value.trim() === '' ? 'an empty cell' : quoted(odd.value);
  return `Column ${quoted(column.name)} of ${table.name} mixes numbers with other values (${what} in data row ${odd.row}): fill in or fix those cells, or remove the column.`;
}

/** Makes the parsed table a dataset with `labelColumn` as the label (null: no label, self-supervised only). */
export function tableData(table: ParsedTable, labelColumn: string | null): TableData {
  const labelIndex = labelColumn === null ? -1 : table.columns.findIndex((c) => c.name === labelColumn);
  if (labelColumn !== null && labelIndex < 0) refuse(`${table.name} has no column named ${quoted(labelColumn)}. Choose one of: ${nameList(table.columns.map((c) => quoted(c.name)))}.`);
  const featureColumns = table.columns.filter((_, c) => c !== labelIndex);
  const notNumeric = featureColumns.find((c) => c.type !== 'numeric');
  if (notNumeric) refuse(featureRefusal(table, notNumeric));
  if (featureColumns.length === 0) refuse(`${table.name} has no numeric column besides the label ${quoted(String(labelColumn))}. A table needs at least one column of numbers to learn from.`);
  if (featureColumns.length > IMPORT_LIMITS.maxFeatures) {
    refuse(`${table.name} has ${featureColumns.length} feature columns, more than the ${IMPORT_LIMITS.maxFeatures} a table may have. Keep the columns that matter and import again.`);
  }
  const featureIndices = featureColumns.map((c) => table.columns.indexOf(c));
  const rows = table.rows;
  const features = new Float32Array(rows.length * featureIndices.length);
  rows.forEach((row, r) =>
    featureIndices.forEach((c, f) => {
      const value = cellNumber(row[c]!)!;
      // Features are float32: a number past its range (about 3.4e38) would be stored as Infinity.
      if (!Number.isFinite(Math.fround(value))) {
        refuse(`Column ${quoted(table.columns[c]!.name)} of ${table.name} holds ${quoted(row[c]!.trim())} in data row ${r + 1}, beyond the largest number a feature can hold (about 3.4e38): scale the column down, or remove it.`);
      }
      features[r * featureIndices.length + f] = value;
    }),
  );
  const { labels, classes } = labelIndex < 0 ? { labels: new Int32Array(rows.length), classes: [UNLABELLED_CLASS] } : tableLabels(table, labelIndex);
  return { featureNames: featureColumns.map((c) => c.name), features, labels, classes, labelColumn };
}

/** The label column's classes (natural order) and each row's class; refuses unusable label columns. */
function tableLabels(table: ParsedTable, labelIndex: number): { labels: Int32Array; classes: string[] } {
  const column = table.columns[labelIndex]!;
  const cells = table.rows.map((row) => row[labelIndex]!.trim());
  const emptyRow = cells.indexOf('');
  if (emptyRow >= 0) refuse(`Data row ${emptyRow + 1} of ${table.name} has no value in the label column ${quoted(column.name)}: give every row a label, or choose "none".`);
  const classes = [...new Set(cells)].sort(naturalOrder);
  if (classes.length < 2) refuse(`The label column ${quoted(column.name)} holds one value only (${quoted(classes[0]!)}): a label needs at least two classes. Choose another column, or "none" to train self-supervised.`);
  if (classes.length > IMPORT_LIMITS.maxClasses) {
    refuse(`The label column ${quoted(column.name)} has more than ${IMPORT_LIMITS.maxClasses} distinct values, the most classes a dataset may have. Choose another column, or "none" to train self-supervised.`);
  }
  const index = new Map(classes.map((name, k) => [name, k]));
  const labels = Int32Array.from(cells, (cell) => index.get(cell)!);
  const counts = new Array<number>(classes.length).fill(0);
  for (const k of labels) counts[k]!++;
  const small = classes.filter((_, k) => counts[k]! < IMPORT_LIMITS.minPerClass);
  if (small.length > 0) {
    refuse(
      `In the label column ${quoted(column.name)}, ${small.length === 1 ? `class ${quoted(small[0]!)} has` : `classes ${nameList(small.map(quoted))} have`} fewer than ${IMPORT_LIMITS.minPerClass} rows: ` +
        'each class needs one row to train on and one to test with. Add rows, remove those, or choose "none".',
    );
  }
  return { labels, classes };
}
