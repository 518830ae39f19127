/**
 * The loaded lesson run as the lesson reads it: how far the run and its control have trained
 * and its claims checked against the two runs' full report histories (src/compare/claim.ts,
 * the same check as the demo presets'), so a reveal shows what this run measured.
 */
import { useStore } from 'zustand';
import { checkClaim, type ClaimPoint, type ClaimResult } from '../../src/compare/claim';
import type { Preset } from '../../src/compare/preset';
import { compareStore, comparedHistory } from '../compare/compareStore';
import { useConfigStore, useMetricsStore, useRunStore } from '../store/hooks';
import { metricsHistory } from '../store/metricsStore';

/** What the lesson shows of its run. */
export interface LessonRun {
  /** Steps trained by the run and by its control (null without a control). */
  mainStep: number;
  controlStep: number | null;
  /** Legend labels of the two sides ("Stop-gradient on" / "Stop-gradient off"). */
  mainLabel: string;
  controlLabel: string | null;
  /** Both runs reached the budget. */
  done: boolean;
  /** Each claim checked now, with its numbers. */
  results: ClaimResult[];
}

/** Reads the loaded run against `setup`'s budget and claims. */
export function useLessonRun(setup: Preset | null): LessonRun {
  // The histories are mutable: these versions are their change signals.
  useMetricsStore((s) => s.version);
  useStore(compareStore, (s) => s.version);
  const control = useStore(compareStore, (s) => s.runs.find((r) => 'flip' in r) ?? null);
  const mainStep = useRunStore((s) => s.step);
  const embedDim = useConfigStore((s) => s.config.embedDim);
  const budget = setup?.budget ?? 0;
  const evidence = {
    main: metricsHistory() as readonly ClaimPoint[],
    control: (control ? comparedHistory(control.id).history() : []) as readonly ClaimPoint[],
    embedDim,
  };
  const names = { main: control?.mainLabel ?? 'the run', control: control?.label ?? 'the control' };
  return {
    mainStep,
    controlStep: control?.step ?? null,
    mainLabel: names.main,
    controlLabel: control?.label ?? null,
    done: setup !== null && mainStep >= budget && (control === null || control.step >= budget),
    results: (setup?.claims ?? []).map((c) => checkClaim(c, evidence, names)),
  };
}
