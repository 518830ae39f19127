/** The chart a lesson step points at: its element on the page (by data-testid) and its name in words. */
import type { Catalog } from '../../src/catalog';

const CHART_NAMES: Record<string, string> = {
  spectrum: 'Covariance spectrum',
  rank: 'Effective rank (RankMe)',
  loss: 'Loss',
  std: 'Embedding spread (std)',
  accuracy: 'Accuracy',
  vitals: 'the vitals above the charts',
};

/** The data-testid of chart `chart` (a lesson's `look.chart`). */
export function chartTestId(chart: string): string {
  if (chart.startsWith('term:')) return `chart-term-${chart.slice(5)}`;
  return chart === 'vitals' ? 'vitals' : `chart-${chart}`;
}

/** The title the chart shows, for the lesson's "Watch" line. */
export function chartName(chart: string, catalog: Catalog | null): string {
  if (chart.startsWith('term:')) {
    const term = catalog?.terms.find((t) => t.id === chart.slice(5));
    return term ? term.chart.title || term.label : chart.slice(5);
  }
  return CHART_NAMES[chart] ?? chart;
}
