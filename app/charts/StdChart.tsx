/** Std of the L2-normalised embeddings over steps, with the 1/√D reference of a healthy spread; one line per compared run. */
import { useRunSeries } from '../compare/useRunSeries';
import { ChartPanel } from './ChartPanel';
import { formatNumber } from './chartFormat';
import { overlayRows } from './overlay';
import { useNoMetricsText } from './useNoMetricsText';
import { SeriesChart } from './SeriesChart';

/** The embedding-std chart. */
export function StdChart() {
  const noMetrics = useNoMetricsText();
  const runs = useRunSeries();
  const o = overlayRows(runs, (run) => [{ key: 'stdL2', name: 'std', value: (p) => p.scalars.stdL2, color: run.color }]);
  const main = runs[0]?.history ?? [];
  const ref = [...main].reverse().find((p) => p.scalars.stdRef !== undefined)?.scalars.stdRef;
  const values = o.rows.flatMap((r) => o.keys.map((k) => r[k] ?? 0));
  const top = Math.max(ref ?? 0, ...values) * 1.15;
  return (
    <ChartPanel testId="chart-std" title="Embedding spread (std)" subtitle="Std of the normalised embeddings per dimension. 0 = every input maps to the same point." empty={o.rows.length === 0 ? noMetrics : null}>
      <SeriesChart
        {...o}
        yDomain={[0, top > 0 ? Number(top.toPrecision(2)) : 'auto']}
        references={ref !== undefined ? [{ y: ref, label: `1/√D = ${formatNumber(ref)}`, color: '#059669' }] : []}
      />
    </ChartPanel>
  );
}
