/**
 * The lines of the main run's loss chart: the total first, then each term. With one term the
 * total is that term (the chart shows each term after its weight), so it is one line named for
 * both rather than two lines drawn on top of each other.
 */

/** One line: the key of `report.losses` and its legend name. */
export interface LossLine {
  key: string;
  name: string;
}

/** The lines for the loss keys of a history (in any order). */
export function lossLines(keys: Iterable<string>): LossLine[] {
  const terms = [...new Set(keys)].filter((k) => k !== 'total').sort((a, b) => a.localeCompare(b));
  if (terms.length === 1) return [{ key: 'total', name: `total = ${terms[0]}` }];
  return [{ key: 'total', name: 'total' }, ...terms.map((key) => ({ key, name: key }))];
}
