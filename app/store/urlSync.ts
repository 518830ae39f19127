/**
 * Mirrors the config, and the view around it (app/lessons/linkView.ts), into the address
 * bar (history.replaceState, debounced so dragging a slider does not hit the browser's
 * navigation throttle). It starts only once the catalog is known and the link has been
 * resolved, so a link is never overwritten before its errors were reported.
 */
import { encodeUrlState } from '../../src/link/urlState';
import { currentView, onViewChange } from '../lessons/linkView';
import { configStore } from './configStore';
import { runStore } from './runStore';

const DEBOUNCE_MS = 250;

/** Writes the current config and view into the URL now. */
export function writeConfigToUrl(): void {
  const { catalog } = runStore.getState();
  const query = encodeUrlState(configStore.getState().config, catalog ?? undefined, currentView());
  const url = `${location.pathname}${query}${location.hash}`;
  if (url !== `${location.pathname}${location.search}${location.hash}`) history.replaceState(history.state, '', url);
}

/** Starts mirroring config changes into the URL; returns the stop function. */
export function startUrlSync(): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  writeConfigToUrl();
  const schedule = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      writeConfigToUrl();
    }, DEBOUNCE_MS);
  };
  const unsubscribe = configStore.subscribe((s, prev) => {
    if (s.config !== prev.config) schedule();
  });
  const stopView = onViewChange(schedule);
  return () => {
    unsubscribe();
    stopView();
    if (timer !== null) clearTimeout(timer);
  };
}
