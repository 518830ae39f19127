/**
 * Auto's decision from measurements: which backend to train on, given warm steps per second
 * measured for the current run on each backend that started, and a key that says when a
 * measurement still applies (same adapter, same run shape). Pure.
 */
import type { BackendId, RunConfig } from '../config';

/** A faster backend must beat the current one by this factor before the run moves (moving costs a rebuild). */
export const SWITCH_FACTOR = 1.2;

/** What one measurement found: steps/s per backend (0: it did not start or failed). */
export type MeasuredSpeeds = Partial<Record<BackendId, number>>;

/** The run's shape as far as speed goes: what a measurement stays valid for. */
export function speedKey(config: RunConfig, adapter: string): string {
  const { dataset, model, width, depth, embedDim, batchSize, norm, headNorm, objective, methods } = config;
  return JSON.stringify({ adapter, dataset, model, width, depth, embedDim, batchSize, norm, headNorm, objective, methods: [...methods].sort() });
}

/** The backend to train on, or null to stay: the fastest measured, when it beats the current one by SWITCH_FACTOR. */
export function fasterBackend(current: BackendId, speeds: MeasuredSpeeds): BackendId | null {
  let best: BackendId | null = null;
  for (const [id, v] of Object.entries(speeds) as [BackendId, number][]) if (v > 0 && (best === null || v > speeds[best]!)) best = id;
  if (!best || best === current) return null;
  const now = speeds[current] ?? 0;
  return speeds[best]! > now * SWITCH_FACTOR ? best : null;
}
