/**
 * Whether the open lesson's step points at the chart with this data-testid: the chart then
 * wears the `is-looked-at` class (outlined by app/styles.css), which holds while it re-renders
 * or mounts later. A class, not a <style> rule: the page's policy allows no inline <style>.
 */
import { useStore } from 'zustand';
import { runIndexFor } from '../../src/lessons/lessonFlow';
import { lessonStore, type LessonState } from './lessonStore';
import { chartTestId } from './lookChart';

/** The data-testid of the chart the lesson's current run step points at, or null. */
export function lookedAtTestId(state: Pick<LessonState, 'lesson' | 'index'>): string | null {
  if (!state.lesson) return null;
  const runIndex = runIndexFor(state.lesson.steps, state.index);
  const step = runIndex !== null ? state.lesson.steps[runIndex] : undefined;
  return step?.kind === 'run' ? chartTestId(step.look.chart) : null;
}

/** True while the lesson points at the chart `testId`. */
export function useLookedAt(testId: string | undefined): boolean {
  return useStore(lessonStore, (s) => testId !== undefined && lookedAtTestId(s) === testId);
}
