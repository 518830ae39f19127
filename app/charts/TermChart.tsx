/**
 * The chart of one enabled method, drawn the way its TermSpec asks: lines of its scalars
 * over steps, a heatmap of its latest matrix, or a strip of its latest images.
 */
import type { TermSpec } from '../../src/catalog';
import { useRunSeries } from '../compare/useRunSeries';
import { useMetricsStore } from '../store/hooks';
import { ChartPanel } from './ChartPanel';
import { HeatmapCanvas } from './HeatmapCanvas';
import { ImageStrip } from './ImageStrip';
import { overlayRows } from './overlay';
import { SeriesChart } from './SeriesChart';

/** The diagnostics chart of `term` (nothing for terms whose chart kind is 'none'). */
export function TermChart({ term }: { term: TermSpec }) {
  const runs = useRunSeries();
  const latest = useMetricsStore((s) => s.latest?.terms[term.id] ?? null);
  const waiting = `Waiting for the first metrics with ${term.label} on.`;
  const testId = `chart-term-${term.id}`;
  const title = term.chart.title || term.label;
  switch (term.chart.kind) {
    case 'none':
      return null;
    case 'lines': {
      const labels = Object.assign({}, ...runs.map((r) => r.latest?.terms[term.id]?.labels ?? {})) as Record<string, string>;
      // Every run that has the term on draws its lines (a twin without it draws none).
      const o = overlayRows(runs, (run) => {
        const keys = [...new Set(run.history.flatMap((p) => Object.keys(p.termScalars[term.id] ?? {})))];
        return keys.map((key) => ({ key, name: labels[key] ?? key, value: (p) => p.termScalars[term.id]?.[key] }));
      });
      return (
        <ChartPanel testId={testId} title={title} subtitle={term.chart.yLabel ?? term.label} empty={o.rows.length === 0 ? waiting : null}>
          <SeriesChart {...o} />
        </ChartPanel>
      );
    }
    case 'heatmap':
      return (
        <ChartPanel testId={testId} title={title} subtitle={term.chart.yLabel ?? `${term.label}, latest report`} empty={latest?.heatmap ? null : waiting}>
          {latest?.heatmap && <HeatmapCanvas heatmap={latest.heatmap} />}
        </ChartPanel>
      );
    case 'images':
      return (
        <ChartPanel testId={testId} title={title} subtitle={term.chart.yLabel ?? `${term.label}, current batch`} empty={latest?.images && latest.images.rgba.length > 0 ? null : waiting}>
          {latest?.images && <ImageStrip images={latest.images} />}
        </ChartPanel>
      );
  }
}
