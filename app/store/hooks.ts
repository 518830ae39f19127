/** Thin React hooks over the vanilla zustand slices. */
import { useStore } from 'zustand';
import { configStore, type ConfigState } from './configStore';
import { metricsStore, type MetricsState } from './metricsStore';
import { runStore, type RunSliceState } from './runStore';

/** Selects from the config slice. */
export function useConfigStore<T>(select: (s: ConfigState) => T): T {
  return useStore(configStore, select);
}

/** Selects from the run slice. */
export function useRunStore<T>(select: (s: RunSliceState) => T): T {
  return useStore(runStore, select);
}

/** Selects from the metrics slice (throttled to ~10 updates a second). */
export function useMetricsStore<T>(select: (s: MetricsState) => T): T {
  return useStore(metricsStore, select);
}
