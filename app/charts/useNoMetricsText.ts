/** The sentence an empty chart shows before the first metrics, depending on what the run is doing. */
import { useConfigStore, useRunStore } from '../store/hooks';

/** What to say while there are no metrics yet. */
export function useNoMetricsText(): string {
  const state = useRunStore((s) => s.state);
  const every = useConfigStore((s) => s.config.metricsEvery);
  switch (state) {
    case 'running':
      return `Training… the first metrics arrive after ${every} step${every === 1 ? '' : 's'}.`;
    case 'booting':
    case 'building':
      return 'Getting the run ready…';
    case 'error':
      return 'The run stopped on an error (see the notices above).';
    default:
      return 'No metrics yet. Press ▶ Play (or Step) to train.';
  }
}
