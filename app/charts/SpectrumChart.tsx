/**
 * The covariance spectrum of the embeddings: log10(λ + 1e-12) against rank for the latest
 * report, with the run's first report faded behind it; each compared run's latest spectrum
 * in its colour. Collapse shows as a cliff.
 */
import { useRunSeries } from '../compare/useRunSeries';
import { ChartPanel } from './ChartPanel';
import { useNoMetricsText } from './useNoMetricsText';
import { SeriesChart } from './SeriesChart';

const toLog = (v: number | undefined): number | undefined => (v === undefined ? undefined : Math.log10(Math.max(v, 0) + 1e-12));

/** The spectrum chart. */
export function SpectrumChart() {
  const noMetrics = useNoMetricsText();
  const runs = useRunSeries();
  const alone = runs.length === 1;
  const main = runs[0];
  const latest = main?.latest ?? null;
  const first = main?.first ?? null;
  const showFirst = first !== null && latest !== null && first.step !== latest.step && first.spectrum.length > 0;
  const lines: { key: string; name: string; color: string; values: number[]; faded?: boolean; dashed?: boolean }[] = [];
  for (const run of runs) {
    if (!run.latest || run.latest.spectrum.length === 0) continue;
    const key = alone ? 'latest' : `latest|${run.id}`;
    lines.push({ key, name: alone || !run.label ? `step ${run.latest.step}` : `${run.label}, step ${run.latest.step}`, color: run.color, values: run.latest.spectrum, dashed: !run.main });
  }
  if (showFirst) lines.push({ key: 'first', name: `step ${first.step} (first)`, color: '#64748b', values: first.spectrum, faded: true });
  const n = Math.max(0, ...lines.map((l) => l.values.length));
  const rows: Record<string, number>[] = [];
  for (let i = 0; i < n; i++) {
    const row: Record<string, number> = { rank: i + 1 };
    for (const l of lines) {
      const v = toLog(l.values[i]);
      if (v !== undefined) row[l.key] = v;
    }
    rows.push(row);
  }
  return (
    <ChartPanel
      testId="chart-spectrum"
      title="Covariance spectrum"
      subtitle="log₁₀ eigenvalue by rank. A healthy embedding is flat; collapse is a cliff."
      empty={!latest || latest.spectrum.length === 0 ? noMetrics : null}
    >
      <SeriesChart
        rows={rows}
        keys={lines.map((l) => l.key)}
        names={Object.fromEntries(lines.map((l) => [l.key, l.name]))}
        xKey="rank"
        xLabel="rank"
        faded={lines.filter((l) => l.faded).map((l) => l.key)}
        dashed={lines.filter((l) => l.dashed).map((l) => l.key)}
        colors={Object.fromEntries(lines.map((l) => [l.key, l.color]))}
      />
    </ChartPanel>
  );
}
