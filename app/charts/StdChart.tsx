/** Std of the L2-normalised embeddings over steps, with the 1/√D reference of a healthy spread. */
import { ChartPanel } from './ChartPanel';
import { useNoMetricsText } from './useNoMetricsText';
import { formatNumber } from './chartFormat';
import { SeriesChart } from './SeriesChart';
import { useThrottledHistory } from './useThrottledHistory';

/** The embedding-std chart. */
export function StdChart() {
  const noMetrics = useNoMetricsText();
  const history = useThrottledHistory();
  const rows = history.filter((p) => p.scalars.stdL2 !== undefined).map((p) => ({ step: p.step, stdL2: p.scalars.stdL2 ?? 0 }));
  const ref = [...history].reverse().find((p) => p.scalars.stdRef !== undefined)?.scalars.stdRef;
  const top = Math.max(ref ?? 0, ...rows.map((r) => r.stdL2)) * 1.15;
  return (
    <ChartPanel testId="chart-std" title="Embedding spread (std)" subtitle="Std of the normalised embeddings per dimension. 0 = every input maps to the same point." empty={rows.length === 0 ? noMetrics : null}>
      <SeriesChart
        rows={rows}
        keys={['stdL2']}
        names={{ stdL2: 'std' }}
        yDomain={[0, top > 0 ? Number(top.toPrecision(2)) : 'auto']}
        references={ref !== undefined ? [{ y: ref, label: `1/√D = ${formatNumber(ref)}`, color: '#059669' }] : []}
      />
    </ChartPanel>
  );
}
