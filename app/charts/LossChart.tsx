/**
 * Loss over steps: the total and each enabled term (app/charts/lossLines.ts) for the main run,
 * and each compared run's total in its colour.
 */
import { useRunSeries } from '../compare/useRunSeries';
import { ChartPanel } from './ChartPanel';
import { lossLines } from './lossLines';
import { overlayRows } from './overlay';
import { useNoMetricsText } from './useNoMetricsText';
import { SeriesChart } from './SeriesChart';

/** The loss chart. */
export function LossChart() {
  const noMetrics = useNoMetricsText();
  const runs = useRunSeries();
  const o = overlayRows(runs, (run) => {
    const lines = run.main ? lossLines(run.history.flatMap((p) => Object.keys(p.losses))) : [{ key: 'total', name: 'total' }];
    return lines.map(({ key, name }) => ({ key, name, value: (p) => p.losses[key], ...(key === 'total' ? { color: '#0f172a' } : {}) }));
  });
  return (
    <ChartPanel testId="chart-loss" title="Loss" subtitle="Each enabled term after its weight, and the total. Click a legend entry to hide it." empty={o.rows.length === 0 ? noMetrics : null}>
      <SeriesChart {...o} />
    </ChartPanel>
  );
}
