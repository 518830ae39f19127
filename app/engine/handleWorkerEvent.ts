/**
 * Routes each worker event into the stores. The worker's own view of the config (in
 * `status`) wins when the UI has not sent a change in a moment, so a config the worker
 * refused or replaced is shown as it really runs.
 */
import type { WorkerEvent } from '../../src/protocol';
import { configStore } from '../store/configStore';
import { clearMetrics, pushMetrics } from '../store/metricsStore';
import { addNotice, runStore } from '../store/runStore';
import { onCatalogReady, linkIsResolved } from './resolveLink';
import { sameValue } from './sameConfig';

/** How long after the UI's last command the worker's echo of the config is trusted. */
const ADOPT_AFTER_MS = 400;

/** Applies one worker event to the stores. */
export function handleWorkerEvent(ev: WorkerEvent): void {
  switch (ev.type) {
    case 'ready':
      runStore.setState({ catalog: ev.catalog, backend: ev.backend });
      onCatalogReady(ev.catalog);
      break;
    case 'backend':
      runStore.setState({ backend: ev.backend });
      break;
    case 'status': {
      runStore.setState({ state: ev.state, step: ev.step, detail: ev.detail ?? null });
      if (ev.step === 0 && (ev.state === 'building' || ev.state === 'idle')) clearMetrics();
      const { config, lastSentAt } = configStore.getState();
      if (ev.config && linkIsResolved() && !sameValue(ev.config, config) && performance.now() - lastSentAt > ADOPT_AFTER_MS) {
        configStore.setState({ config: ev.config });
      }
      break;
    }
    case 'metrics':
      pushMetrics(ev.report);
      runStore.setState({ step: ev.report.step, stepsPerSecond: ev.report.stepsPerSecond });
      break;
    case 'thumbnail':
      runStore.setState((s) => ({ thumbnails: { ...s.thumbnails, [ev.dataset]: { width: ev.width, height: ev.height, rgba: ev.rgba } } }));
      break;
    case 'notice':
      addNotice(ev.level, ev.code, ev.message);
      break;
  }
}
