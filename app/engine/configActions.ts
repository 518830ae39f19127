/**
 * Every config change the UI makes goes through here: it is validated against the
 * catalog first (an impossible value is returned as errors and never sent), then live
 * fields go to the engine as `set` and structural ones (STRUCTURAL_FIELDS) as
 * `configure`, which rebuilds the run.
 */
import { needsRebuild, termParams, validateConfig, type RunConfig } from '../../src/config';
import { withDependentFixes } from '../../src/configFixes';
import type { ParamValue } from '../../src/params';
import { configStore } from '../store/configStore';
import { addNotice, runStore } from '../store/runStore';
import { sendCommand } from './engineClient';
import { sameValue } from './sameConfig';

/** How a change is made. */
export interface ChangeOptions {
  /** Only validate: nothing is stored or sent. */
  dryRun?: boolean;
  /** Also swap model/objective and switch off methods that the change makes unusable. */
  fixDependents?: boolean;
}

/** The fields of `next` that differ from `prev`. */
function diff(prev: RunConfig, next: RunConfig): Partial<RunConfig> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof RunConfig)[]) if (!sameValue(prev[key], next[key])) out[key] = next[key];
  return out as Partial<RunConfig>;
}

/** Stores a validated config and tells the engine (rebuild or live change). */
function commit(next: RunConfig, forceRebuild: boolean): void {
  const prev = configStore.getState().config;
  configStore.setState({ config: next });
  if (forceRebuild || needsRebuild(prev, next)) {
    // The charts keep the current run until the engine says it builds the new one (a status
    // at step 0): a dataset that fails to load leaves the run, and its history, as it was.
    sendCommand({ type: 'configure', config: next });
  } else {
    const patch = diff(prev, next);
    if (Object.keys(patch).length > 0) sendCommand({ type: 'set', patch });
  }
}

/**
 * Validates `current + patch` and, unless `dryRun`, applies it. Returns the errors
 * (empty when the change was accepted).
 */
export function changeConfig(patch: Partial<RunConfig>, options: ChangeOptions = {}): string[] {
  const { catalog } = runStore.getState();
  if (!catalog) return ['The engine is still starting; try again in a moment.'];
  const current = configStore.getState().config;
  const fixed = options.fixDependents ? withDependentFixes(current, patch, catalog) : { patch, notes: [] };
  const result = validateConfig({ ...current, ...fixed.patch }, catalog);
  if (!result.ok) return result.errors;
  if (options.dryRun) return [];
  for (const note of fixed.notes) addNotice('info', 'invalid-config', note);
  commit(result.config, false);
  return [];
}

/** Like changeConfig, but a refusal becomes a notice (for clicks that have no field to show it). */
export function changeConfigOrNotify(patch: Partial<RunConfig>, options: ChangeOptions = {}): boolean {
  const errors = changeConfig(patch, options);
  if (errors.length > 0) addNotice('warning', 'invalid-config', errors.join(' '));
  return errors.length === 0;
}

/** Switches a method on or off. */
export function toggleMethod(id: string, on: boolean): string[] {
  const { methods } = configStore.getState().config;
  const next = on ? [...methods.filter((m) => m !== id), id] : methods.filter((m) => m !== id);
  return changeConfig({ methods: next });
}

/** Changes one knob of a term (objective or method). */
export function setTermParam(termId: string, knob: string, value: ParamValue, options: ChangeOptions = {}): string[] {
  const { catalog } = runStore.getState();
  const { config } = configStore.getState();
  const spec = catalog?.terms.find((t) => t.id === termId);
  const values = spec ? termParams(config, spec) : { ...config.params[termId] };
  return changeConfig({ params: { ...config.params, [termId]: { ...values, [knob]: value } } }, options);
}

/** Replaces the whole config (a preset) and rebuilds; returns the errors when it is not valid. */
export function replaceConfig(candidate: RunConfig): string[] {
  const { catalog } = runStore.getState();
  if (!catalog) return ['The engine is still starting; try again in a moment.'];
  const result = validateConfig(candidate, catalog);
  if (!result.ok) return result.errors;
  commit(result.config, true);
  return [];
}
