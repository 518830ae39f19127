/**
 * The open lesson: which step is shown, the learner's predictions, and which run step's setup
 * is loaded. A step that shows a run (a question, its run, its reveal) loads that run's setup
 * when it is not the one loaded: paused at step 0, with its budget as the stop step and its
 * control as a twin, as a demo preset loads (app/presets/activePreset.ts). Training starts
 * only when the learner presses Play, and Play waits for the prediction.
 */
import { createStore } from 'zustand/vanilla';
import type { Preset } from '../../src/compare/preset';
import type { RunConfig } from '../../src/config';
import type { Lesson } from '../../src/lessons/lesson';
import { questionIndexFor, runIndexFor, runSetupOf } from '../../src/lessons/lessonFlow';
import { sendCommand } from '../engine/engineClient';
import { closePreset, loadPreset } from '../presets/activePreset';
import { PRESETS } from '../presets/presets';
import { configStore } from '../store/configStore';
import { addNotice, runStore } from '../store/runStore';

/** State of the lesson slice. */
export interface LessonState {
  lesson: Lesson | null;
  /** The step shown, from 0. */
  index: number;
  /** The learner's answer to each question, by step index. */
  answers: Readonly<Record<number, number>>;
  /** The run step whose setup is loaded, and the config it loaded (to tell when the learner changed it). */
  loadedRun: number | null;
  loadedConfig: RunConfig | null;
}

/** The lesson slice store. */
export const lessonStore = createStore<LessonState>()(() => ({ lesson: null, index: 0, answers: {}, loadedRun: null, loadedConfig: null }));

/** The setup run step `runIndex` of the open lesson loads, or null. */
export function setupOf(state: Pick<LessonState, 'lesson'>, runIndex: number | null): Preset | null {
  return state.lesson && runIndex !== null ? runSetupOf(state.lesson, runIndex, PRESETS.presets) : null;
}

/** Loads run step `runIndex`'s setup, paused at step 0. */
function loadRun(lesson: Lesson, runIndex: number): void {
  const setup = setupOf({ lesson }, runIndex);
  const where = `Lesson "${lesson.title}", step ${runIndex + 1}`;
  if (!setup) {
    addNotice('error', 'invalid-config', `${where}: its run names a preset that is not shipped, so nothing was loaded.`);
    return;
  }
  // Paused first, so the rebuilt run waits at step 0 for the learner's Play.
  sendCommand({ type: 'pause' });
  const errors = loadPreset(setup);
  // The lesson shows the claims itself, after the learner's prediction: no demo panel beside it.
  closePreset();
  for (const e of errors) addNotice('error', 'invalid-config', `${where}: ${e}`);
  lessonStore.setState({ loadedRun: runIndex, loadedConfig: configStore.getState().config });
}

/** Shows step `index` of the open lesson, loading the run it shows when another one is loaded. */
export function goToStep(index: number): void {
  const { lesson, loadedRun } = lessonStore.getState();
  if (!lesson) return;
  const i = Math.max(0, Math.min(lesson.steps.length - 1, index));
  lessonStore.setState({ index: i });
  const run = runIndexFor(lesson.steps, i);
  if (run !== null && run !== loadedRun) loadRun(lesson, run);
}

/**
 * Opens `lesson` at step `index` (from 0). With `runLoaded`, the page already runs that step's
 * run as a shared link described it (its config, seed and twins), so it is not loaded again.
 */
export function openLesson(lesson: Lesson, index: number, options: { runLoaded?: boolean } = {}): void {
  const i = Math.max(0, Math.min(lesson.steps.length - 1, index));
  const linked = options.runLoaded ? runIndexFor(lesson.steps, i) : null;
  lessonStore.setState({ lesson, index: i, answers: {}, loadedRun: linked, loadedConfig: linked === null ? null : configStore.getState().config });
  goToStep(i);
}

/** Loads the shown step's run again from its setup (after the learner changed the setup). */
export function reloadRun(): void {
  lessonStore.setState({ loadedRun: null, loadedConfig: null });
  goToStep(lessonStore.getState().index);
}

/** Closes the lesson (the run goes on as it is). */
export function closeLesson(): void {
  lessonStore.setState({ lesson: null, index: 0, answers: {}, loadedRun: null, loadedConfig: null });
}

/** Whether the run of question step `index` has started training (its answer is then locked). */
export function answerLocked(state: LessonState, index: number, step: number): boolean {
  return state.lesson !== null && state.loadedRun === runIndexFor(state.lesson.steps, index) && step > 0;
}

/** Records the learner's answer to question step `index` (until its run has started). */
export function answer(index: number, choice: number): void {
  const state = lessonStore.getState();
  if (answerLocked(state, index, runStore.getState().step)) return;
  lessonStore.setState({ answers: { ...state.answers, [index]: choice } });
}

/** Whether the shown step's run waits for an answer the learner has not given (Play stays off until then). */
export function awaitsPrediction(state: LessonState): boolean {
  if (!state.lesson) return false;
  const run = runIndexFor(state.lesson.steps, state.index);
  const question = run === null ? null : questionIndexFor(state.lesson.steps, run);
  return question !== null && state.answers[question] === undefined;
}

/** Starts training the loaded run (and its control), unless it waits for a prediction. */
export function playRun(): void {
  if (awaitsPrediction(lessonStore.getState())) return;
  sendCommand({ type: 'start' });
}
