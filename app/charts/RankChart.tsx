/** RankMe (effective rank of the embeddings) over steps, against its ceiling D; one line per compared run. */
import { useRunSeries } from '../compare/useRunSeries';
import { useConfigStore } from '../store/hooks';
import { ChartPanel } from './ChartPanel';
import { overlayRows } from './overlay';
import { useNoMetricsText } from './useNoMetricsText';
import { SeriesChart } from './SeriesChart';

/** The effective-rank chart. */
export function RankChart() {
  const noMetrics = useNoMetricsText();
  const runs = useRunSeries();
  const embedDim = useConfigStore((s) => s.config.embedDim);
  const o = overlayRows(runs, (run) => [{ key: 'rankme', name: 'RankMe', value: (p) => p.scalars.rankme, color: run.color }]);
  return (
    <ChartPanel
      testId="chart-rank"
      title="Effective rank (RankMe)"
      subtitle={`How many of the ${embedDim} embedding dimensions are really used. 1 = full collapse.`}
      empty={o.rows.length === 0 ? noMetrics : null}
    >
      <SeriesChart {...o} yDomain={[0, embedDim]} references={[{ y: embedDim, label: `D = ${embedDim}`, color: '#059669' }]} />
    </ChartPanel>
  );
}
