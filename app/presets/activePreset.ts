/**
 * The demo preset being shown: loading one applies its configuration with its budget,
 * restarts the run and starts its control as a twin (src/compare/flip.ts), so the claim can
 * be watched against the control on the same charts.
 */
import { createStore } from 'zustand/vanilla';
import { DEFAULT_CONFIG } from '../../src/config';
import { mergeLinkConfig } from '../../src/link/resolveLinkConfig';
import { startTwin, stopAllTwins } from '../compare/twinRuns';
import { replaceConfig } from '../engine/configActions';
import { configStore } from '../store/configStore';
import type { Preset } from './presets';

/** The preset slice: the preset on screen, if any. */
export const presetStore = createStore<{ active: Preset | null }>()(() => ({ active: null }));

/**
 * Loads `preset`: its config over the defaults (keeping the backend the user chose), its
 * budget as the stop step, a fresh start, and its control twin. Returns the errors (empty
 * when it loaded); on error nothing the user had changes.
 */
export function loadPreset(preset: Preset): string[] {
  const base = { ...DEFAULT_CONFIG, backend: configStore.getState().config.backend };
  const candidate = mergeLinkConfig(base, { ...preset.config, stopAt: preset.budget });
  stopAllTwins();
  // replaceConfig rebuilds the run at step 0; starting the twin restarts both together.
  const errors = replaceConfig(candidate);
  if (errors.length > 0) return errors;
  presetStore.setState({ active: preset });
  const why = startTwin(preset.control);
  return why ? [`The control run could not start: ${why}`] : [];
}

/** Closes the preset panel (the runs go on). */
export function closePreset(): void {
  presetStore.setState({ active: null });
}
