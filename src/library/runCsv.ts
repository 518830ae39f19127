/**
 * A run's history as CSV for a spreadsheet: one row per recorded step, one column per line
 * (each loss, each scalar, each term's diagnostic lines, the speed), empty where a line has
 * no value at that step. Column names are the lines' paths ("losses.total",
 * "scalars.rankme", "terms.cir.margin"). Pure.
 */
import { namedColumns, type HistoryColumns } from './historyColumns';

/** One CSV cell: quoted when it holds a comma, a quote or a line break. */
function cell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The CSV text of a history (header row first, lines ending in \r\n as RFC 4180 has it). */
export function historyCsv(history: HistoryColumns): string {
  const columns = namedColumns(history);
  const lines = [['step', ...columns.map((c) => c.path.join('.'))].map(cell).join(',')];
  history.steps.forEach((step, i) => {
    lines.push([String(step), ...columns.map((c) => (c.values[i] === null || c.values[i] === undefined ? '' : String(c.values[i])))].join(','));
  });
  return lines.join('\r\n') + '\r\n';
}
