/**
 * Accuracy over steps: kNN and linear-probe accuracy (SSL) or test accuracy (supervised), with
 * chance level; each compared run adds its headline accuracy in its colour.
 */
import { useRunSeries } from '../compare/useRunSeries';
import { useConfigStore, useRunStore } from '../store/hooks';
import type { HistoryPoint } from '../store/runHistory';
import { ChartPanel } from './ChartPanel';
import { overlayRows } from './overlay';
import { useNoMetricsText } from './useNoMetricsText';
import { SeriesChart } from './SeriesChart';

/** The accuracy keys of `report.scalars`, with their legend names, headline first. */
export const ACCURACY_KEYS = { knnAccuracy: 'kNN (backbone)', probeAccuracy: 'linear probe (backbone)', testAccuracy: 'test', knnProjector: 'kNN (projector)' } as const;

/** The accuracy keys a history reports. */
function reportedKeys(history: readonly HistoryPoint[]): (keyof typeof ACCURACY_KEYS)[] {
  return (Object.keys(ACCURACY_KEYS) as (keyof typeof ACCURACY_KEYS)[]).filter((k) => history.some((p) => p.scalars[k] !== undefined));
}

/** The accuracy chart. */
export function AccuracyChart() {
  const noMetrics = useNoMetricsText();
  const runs = useRunSeries();
  const datasetId = useConfigStore((s) => s.config.dataset);
  const classes = useRunStore((s) => s.catalog?.datasets.find((d) => d.id === datasetId)?.classes.length ?? 0);
  const o = overlayRows(runs, (run) => {
    const keys = reportedKeys(run.history);
    return (run.main ? keys : keys.slice(0, 1)).map((key) => ({ key, name: ACCURACY_KEYS[key], value: (p) => p.scalars[key] }));
  });
  const nothing = runs.every((r) => r.history.length === 0);
  return (
    <ChartPanel
      testId="chart-accuracy"
      title="Accuracy"
      subtitle="How well the backbone's features separate the classes (kNN / linear probe on frozen features, or test accuracy)."
      empty={nothing ? noMetrics : o.keys.length === 0 ? 'No accuracy reported yet.' : null}
    >
      <SeriesChart
        {...o}
        yDomain={[0, 1]}
        yFormat={(v) => `${Math.round(v * 100)}%`}
        references={classes > 1 ? [{ y: 1 / classes, label: 'chance', color: '#94a3b8' }] : []}
      />
    </ChartPanel>
  );
}
