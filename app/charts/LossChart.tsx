/**
 * Loss over steps: one line per key of `report.losses` (each enabled term and the total) for
 * the main run, and each compared run's total in its colour.
 */
import { useRunSeries } from '../compare/useRunSeries';
import { ChartPanel } from './ChartPanel';
import { overlayRows } from './overlay';
import { useNoMetricsText } from './useNoMetricsText';
import { SeriesChart } from './SeriesChart';

const byTotalFirst = (a: string, b: string): number => (a === 'total' ? -1 : b === 'total' ? 1 : a.localeCompare(b));

/** The loss chart. */
export function LossChart() {
  const noMetrics = useNoMetricsText();
  const runs = useRunSeries();
  const o = overlayRows(runs, (run) => {
    const keys = run.main ? [...new Set(run.history.flatMap((p) => Object.keys(p.losses)))].sort(byTotalFirst) : ['total'];
    return keys.map((key) => ({ key, name: key, value: (p) => p.losses[key], ...(key === 'total' ? { color: '#0f172a' } : {}) }));
  });
  return (
    <ChartPanel testId="chart-loss" title="Loss" subtitle="Each enabled term after its weight, and the total. Click a legend entry to hide it." empty={o.rows.length === 0 ? noMetrics : null}>
      <SeriesChart {...o} />
    </ChartPanel>
  );
}
