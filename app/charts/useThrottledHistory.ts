/** The metrics history, thinned for drawing, recomputed only when the throttled version moves. */
import { useMemo } from 'react';
import { metricsHistory, type HistoryPoint } from '../store/metricsStore';
import { useMetricsStore } from '../store/hooks';
import { MAX_POINTS, thin } from './chartFormat';

/** The history to draw (at most MAX_POINTS points). */
export function useThrottledHistory(): HistoryPoint[] {
  const version = useMetricsStore((s) => s.version);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `version` is the change signal of the mutable buffer.
  return useMemo(() => thin(metricsHistory(), MAX_POINTS), [version]);
}
