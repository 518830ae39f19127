/** Accuracy over steps: kNN and linear-probe accuracy (SSL) or test accuracy (supervised), with chance level. */
import { useConfigStore, useRunStore } from '../store/hooks';
import { ChartPanel } from './ChartPanel';
import { useNoMetricsText } from './useNoMetricsText';
import { SeriesChart } from './SeriesChart';
import { useThrottledHistory } from './useThrottledHistory';

/** The accuracy keys of `report.scalars`, with their legend names. */
export const ACCURACY_KEYS = { knnAccuracy: 'kNN', probeAccuracy: 'linear probe', testAccuracy: 'test' } as const;

/** The accuracy chart. */
export function AccuracyChart() {
  const noMetrics = useNoMetricsText();
  const history = useThrottledHistory();
  const datasetId = useConfigStore((s) => s.config.dataset);
  const classes = useRunStore((s) => s.catalog?.datasets.find((d) => d.id === datasetId)?.classes.length ?? 0);
  const keys = Object.keys(ACCURACY_KEYS).filter((k) => history.some((p) => p.scalars[k] !== undefined));
  const rows = history.map((p) => {
    const row: Record<string, number> = { step: p.step };
    for (const k of keys) {
      const v = p.scalars[k];
      if (v !== undefined) row[k] = v;
    }
    return row;
  });
  return (
    <ChartPanel
      testId="chart-accuracy"
      title="Accuracy"
      subtitle="How well the embedding separates the classes (kNN / linear probe on frozen features, or test accuracy)."
      empty={history.length === 0 ? noMetrics : keys.length === 0 ? 'No accuracy reported yet.' : null}
    >
      <SeriesChart
        rows={rows}
        keys={keys}
        names={ACCURACY_KEYS}
        yDomain={[0, 1]}
        yFormat={(v) => `${Math.round(v * 100)}%`}
        references={classes > 1 ? [{ y: 1 / classes, label: 'chance', color: '#94a3b8' }] : []}
      />
    </ChartPanel>
  );
}
