/**
 * The covariance spectrum of the embeddings: log10(λ + 1e-12) against rank for the
 * latest report, with the run's first report faded behind it. Collapse shows as a cliff.
 */
import { useMetricsStore } from '../store/hooks';
import { ChartPanel } from './ChartPanel';
import { useNoMetricsText } from './useNoMetricsText';
import { SeriesChart } from './SeriesChart';

const toLog = (v: number | undefined): number | undefined => (v === undefined ? undefined : Math.log10(Math.max(v, 0) + 1e-12));

/** The spectrum chart. */
export function SpectrumChart() {
  const noMetrics = useNoMetricsText();
  const latest = useMetricsStore((s) => s.latest);
  const first = useMetricsStore((s) => s.first);
  const empty = !latest || latest.spectrum.length === 0;
  const showFirst = first !== null && latest !== null && first.step !== latest.step && first.spectrum.length > 0;
  const n = Math.max(latest?.spectrum.length ?? 0, showFirst ? first.spectrum.length : 0);
  const rows: Record<string, number>[] = [];
  for (let i = 0; i < n; i++) {
    const row: Record<string, number> = { rank: i + 1 };
    const now = toLog(latest?.spectrum[i]);
    if (now !== undefined) row.latest = now;
    const then = showFirst ? toLog(first.spectrum[i]) : undefined;
    if (then !== undefined) row.first = then;
    rows.push(row);
  }
  const keys = showFirst ? ['latest', 'first'] : ['latest'];
  return (
    <ChartPanel
      testId="chart-spectrum"
      title="Covariance spectrum"
      subtitle="log₁₀ eigenvalue by rank. A healthy embedding is flat; collapse is a cliff."
      empty={empty ? noMetrics : null}
    >
      <SeriesChart
        rows={rows}
        keys={keys}
        names={{ latest: `step ${latest?.step ?? 0}`, first: `step ${first?.step ?? 0} (first)` }}
        xKey="rank"
        xLabel="rank"
        faded={['first']}
        colors={{ latest: '#2563eb', first: '#64748b' }}
      />
    </ChartPanel>
  );
}
