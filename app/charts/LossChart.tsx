/** Loss over steps: one line per key of `report.losses` (each enabled term and the total). */
import { ChartPanel } from './ChartPanel';
import { useNoMetricsText } from './useNoMetricsText';
import { SeriesChart } from './SeriesChart';
import { useThrottledHistory } from './useThrottledHistory';

/** The loss chart. */
export function LossChart() {
  const noMetrics = useNoMetricsText();
  const history = useThrottledHistory();
  const keys = [...new Set(history.flatMap((p) => Object.keys(p.losses)))].sort((a, b) => (a === 'total' ? -1 : b === 'total' ? 1 : a.localeCompare(b)));
  const rows = history.map((p) => ({ step: p.step, ...p.losses }));
  return (
    <ChartPanel testId="chart-loss" title="Loss" subtitle="Each enabled term after its weight, and the total. Click a legend entry to hide it." empty={history.length === 0 ? noMetrics : null}>
      <SeriesChart rows={rows} keys={keys} colors={{ total: '#0f172a' }} />
    </ChartPanel>
  );
}
