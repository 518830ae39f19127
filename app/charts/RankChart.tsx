/** RankMe (effective rank of the embeddings) over steps, against its ceiling D. */
import { useConfigStore } from '../store/hooks';
import { ChartPanel } from './ChartPanel';
import { useNoMetricsText } from './useNoMetricsText';
import { SeriesChart } from './SeriesChart';
import { useThrottledHistory } from './useThrottledHistory';

/** The effective-rank chart. */
export function RankChart() {
  const noMetrics = useNoMetricsText();
  const history = useThrottledHistory();
  const embedDim = useConfigStore((s) => s.config.embedDim);
  const rows = history.filter((p) => p.scalars.rankme !== undefined).map((p) => ({ step: p.step, rankme: p.scalars.rankme ?? 0 }));
  return (
    <ChartPanel
      testId="chart-rank"
      title="Effective rank (RankMe)"
      subtitle={`How many of the ${embedDim} embedding dimensions are really used. 1 = full collapse.`}
      empty={rows.length === 0 ? noMetrics : null}
    >
      <SeriesChart rows={rows} keys={['rankme']} names={{ rankme: 'RankMe' }} yDomain={[0, embedDim]} references={[{ y: embedDim, label: `D = ${embedDim}`, color: '#059669' }]} />
    </ChartPanel>
  );
}
