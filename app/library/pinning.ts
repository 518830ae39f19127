/**
 * Pinning a saved run: it joins the compared runs as an engine-less entry holding its saved
 * history (app/compare/compareStore.ts), so every chart overlays it like a twin, labelled by
 * what it changes against the main run (or its name). It never trains and never receives a
 * command (app/compare/twinRuns.ts only drives live runs).
 */
import { comparisonLabel } from '../../src/library/runName';
import { reportsOfRecord } from '../../src/library/runReports';
import type { RunRecord } from '../../src/library/runRecord';
import { addPinnedRun, compareStore, MAX_PINNED, PINNED_COLORS, removeComparedRun, updateComparedRun, type PinnedRun } from '../compare/compareStore';
import { configStore } from '../store/configStore';
import { runStore } from '../store/runStore';

/** The compared-run id of library run `id`. */
const pinId = (id: string): string => `pin-${id}`;

/** The pinned runs. */
export function pinnedRuns(runs = compareStore.getState().runs): PinnedRun[] {
  return runs.filter((r): r is PinnedRun => !r.live);
}

/** True when library run `id` is pinned. */
export function isPinned(id: string, runs = compareStore.getState().runs): boolean {
  return runs.some((r) => r.id === pinId(id));
}

/** Pins a saved run; returns why not, or null. */
export function pinRun(record: RunRecord): string | null {
  if (isPinned(record.id)) return null;
  const pinned = pinnedRuns();
  if (pinned.length >= MAX_PINNED) return `At most ${MAX_PINNED} saved runs can be drawn at once: unpin one first.`;
  const used = new Set(pinned.map((r) => r.color));
  const reports = reportsOfRecord(record);
  addPinnedRun(
    {
      id: pinId(record.id),
      live: false,
      libraryId: record.id,
      label: comparisonLabel(configStore.getState().config, record, runStore.getState().catalog),
      mainLabel: 'this run',
      color: PINNED_COLORS.find((c) => !used.has(c)) ?? PINNED_COLORS[0],
      config: record.config,
      state: 'paused',
      step: reports[reports.length - 1]?.step ?? 0,
    },
    reports,
  );
  return null;
}

/** Unpins library run `id` (nothing if it is not pinned). */
export function unpinRun(id: string): void {
  if (isPinned(id)) removeComparedRun(pinId(id));
}

/** A pinned run renamed by the user is labelled by its new name. */
export function relabelPinned(id: string, name: string): void {
  if (isPinned(id)) updateComparedRun(pinId(id), { label: name });
}
