/**
 * Routes each worker event into the stores. The worker's own view of the config (in
 * `status`) wins when it refused a change, or when the UI has not sent one in a moment
 * and the status is not an echo of a request the UI has since replaced, so the UI
 * shows the config as it really runs.
 */
import type { WorkerEvent } from '../../src/protocol';
import { receiveWeights } from '../library/engineWeights';
import { configStore } from '../store/configStore';
import { clearMetrics, pushMetrics } from '../store/metricsStore';
import { addNotice, runStore } from '../store/runStore';
import { linkAutoStarts, onCatalogReady, linkIsResolved } from './resolveLink';
import { isSupersededConfig, sendCommand } from './engineClient';
import { sameValue } from './sameConfig';

/** How long after the UI's last command the worker's echo of the config is trusted. */
const ADOPT_AFTER_MS = 400;

/** Set when the worker refused a config: its next status shows what it really kept. */
let adoptNextStatus = false;

/** Training starts by itself once, when the first run is built: open the page, watch it learn (a lesson's link waits for its Play). */
let autoStarted = false;

/** Applies one worker event to the stores. */
export function handleWorkerEvent(ev: WorkerEvent): void {
  switch (ev.type) {
    case 'ready':
      runStore.setState({ catalog: ev.catalog, backend: ev.backend });
      onCatalogReady(ev.catalog);
      break;
    case 'status': {
      runStore.setState({ state: ev.state, step: ev.step });
      if (ev.step === 0 && (ev.state === 'building' || ev.state === 'idle')) {
        clearMetrics();
        runStore.setState({ stepsPerSecond: null });
      }
      const { config, lastSentAt } = configStore.getState();
      const settled = adoptNextStatus || (performance.now() - lastSentAt > ADOPT_AFTER_MS && !(ev.config && isSupersededConfig(ev.config)));
      adoptNextStatus = false;
      if (ev.config && linkIsResolved() && settled && !sameValue(ev.config, config)) configStore.setState({ config: ev.config });
      if (!autoStarted && ev.state === 'idle' && linkIsResolved() && linkAutoStarts()) {
        autoStarted = true;
        sendCommand({ type: 'start' });
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
      // A refused config, or a dataset that did not load: the engine's next status shows the run it kept.
      if ((ev.code === 'invalid-config' || ev.code === 'dataset-load-failed') && ev.level === 'error') adoptNextStatus = true;
      addNotice(ev.level, ev.code, ev.message);
      break;
    case 'weights':
      receiveWeights(ev);
      break;
  }
}
