/**
 * The runs a chart draws: the main run first, then every compared run, each with its
 * history (thinned for drawing), latest and first report, colour and legend label.
 * Recomputed only when one of the throttled versions moves.
 */
import { useDeferredValue, useMemo } from 'react';
import { useStore } from 'zustand';
import type { MetricsReport } from '../../src/protocol';
import type { RunSeriesData } from '../charts/overlay';
import { MAX_POINTS, thin } from '../charts/chartFormat';
import { useMetricsStore } from '../store/hooks';
import { metricsHistory } from '../store/metricsStore';
import { compareStore, comparedHistory, MAIN_COLOR } from './compareStore';

/** A run as the charts see it. */
export interface RunSeries extends RunSeriesData {
  latest: MetricsReport | null;
  first: MetricsReport | null;
  /** A saved run from the library (no engine), rather than the main run or a live twin. */
  pinned: boolean;
}

/** The main run and the compared runs, for drawing. */
export function useRunSeries(): RunSeries[] {
  // Deferred: a new report re-renders the charts as a transition React may interrupt, so a
  // burst of redraws never holds the main thread in one long task.
  const version = useDeferredValue(useMetricsStore((s) => s.version));
  const latest = useDeferredValue(useMetricsStore((s) => s.latest));
  const first = useDeferredValue(useMetricsStore((s) => s.first));
  const runs = useDeferredValue(useStore(compareStore, (s) => s.runs));
  const comparedVersion = useDeferredValue(useStore(compareStore, (s) => s.version));
  return useMemo(() => {
    const main: RunSeries = {
      id: 'main',
      // Against one twin the main run is its other side ("CorInfoMax on"); against several, "this run".
      label: runs.length === 1 ? runs[0]!.mainLabel : runs.length > 1 ? 'this run' : '',
      color: MAIN_COLOR,
      main: true,
      history: thin(metricsHistory(), MAX_POINTS),
      latest,
      first,
      pinned: false,
    };
    const compared = runs.map((r): RunSeries => {
      const h = comparedHistory(r.id);
      return { id: r.id, label: r.label, color: r.color, main: false, pinned: !r.live, history: thin(h.history(), MAX_POINTS), latest: h.latest, first: h.first };
    });
    return [main, ...compared];
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the versions are the change signals of the mutable histories.
  }, [version, latest, first, runs, comparedVersion]);
}
