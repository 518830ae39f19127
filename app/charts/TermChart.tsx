/**
 * The chart of one enabled method, drawn the way its TermSpec asks: lines of its scalars
 * over steps, a heatmap of its latest matrix, or a strip of its latest images.
 */
import type { TermSpec } from '../../src/catalog';
import { useMetricsStore } from '../store/hooks';
import { ChartPanel } from './ChartPanel';
import { HeatmapCanvas } from './HeatmapCanvas';
import { ImageStrip } from './ImageStrip';
import { SeriesChart } from './SeriesChart';
import { useThrottledHistory } from './useThrottledHistory';

/** The diagnostics chart of `term` (nothing for terms whose chart kind is 'none'). */
export function TermChart({ term }: { term: TermSpec }) {
  const history = useThrottledHistory();
  const latest = useMetricsStore((s) => s.latest?.terms[term.id] ?? null);
  const waiting = `Waiting for the first metrics with ${term.label} on.`;
  const testId = `chart-term-${term.id}`;
  const title = term.chart.title || term.label;
  switch (term.chart.kind) {
    case 'none':
      return null;
    case 'lines': {
      const points = history.filter((p) => p.termScalars[term.id] !== undefined);
      const keys = [...new Set(points.flatMap((p) => Object.keys(p.termScalars[term.id] ?? {})))];
      const rows = points.map((p) => ({ step: p.step, ...p.termScalars[term.id] }));
      return (
        <ChartPanel testId={testId} title={title} subtitle={term.chart.yLabel ?? term.label} empty={rows.length === 0 ? waiting : null}>
          <SeriesChart rows={rows} keys={keys} />
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
