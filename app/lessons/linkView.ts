/**
 * The view a share link carries beside the run config (src/link/viewState.ts): the open
 * lesson and its step, the hidden controls, presenter mode and the twins trained beside the
 * run. Read once from the link the page was opened with, written back with every change.
 */
import type { Catalog } from '../../src/catalog';
import { decodeViewState, type ViewState } from '../../src/link/viewState';
import { compareStore } from '../compare/compareStore';
import { startTwin } from '../compare/twinRuns';
import { addNotice } from '../store/runStore';
import { classroomStore } from './classroom';
import { LESSONS, lessonById } from './lessons';
import { lessonStore, openLesson } from './lessonStore';

/** The flips of the twins training now (pinned library runs have none). */
function liveFlips(runs: ReturnType<typeof compareStore.getState>['runs']): ViewState['twins'] {
  return runs.flatMap((r) => ('flip' in r ? [r.flip] : []));
}

/** The view as a share link should carry it now. */
export function currentView(): ViewState {
  const { lesson, index } = lessonStore.getState();
  const { hide, present } = classroomStore.getState();
  return { lesson: lesson?.id ?? null, lessonStep: lesson ? index + 1 : 1, hide: [...hide], present, twins: liveFlips(compareStore.getState().runs) };
}

/** Calls `listener` whenever the view changes; returns the function that stops it. */
export function onViewChange(listener: () => void): () => void {
  const stops = [
    lessonStore.subscribe((s, prev) => {
      if (s.lesson !== prev.lesson || s.index !== prev.index) listener();
    }),
    classroomStore.subscribe(listener),
    compareStore.subscribe((s, prev) => {
      if (s.runs.length !== prev.runs.length || s.runs.some((r, i) => r.id !== prev.runs[i]?.id)) listener();
    }),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}

/**
 * Applies the view of the link the page was opened with (once the catalog is known and the
 * link's config applied): hidden controls, presenter mode, twins, then the lesson at its step.
 * A link with twins is a live comparison, so its config and twins are the run of the lesson
 * step it names (that step's setup is not loaded over them). Returns whether a lesson opened.
 */
export function applyLinkView(search: string, catalog: Catalog): boolean {
  for (const e of LESSONS.errors) addNotice('warning', 'invalid-config', `${e} It is left out of the lesson menu.`);
  const { view, errors } = decodeViewState(search, { catalog, lessons: LESSONS.lessons.map((l) => l.id) });
  for (const e of errors) addNotice('warning', 'invalid-config', e);
  classroomStore.setState({ hide: view.hide, present: view.present });
  for (const flip of view.twins) {
    const why = startTwin(flip);
    if (why) {
      addNotice('warning', 'invalid-config', `A twin of the link was not started: ${why}`);
      break;
    }
  }
  const lesson = view.lesson === null ? undefined : lessonById(view.lesson);
  if (!lesson) return false;
  if (view.lessonStep > lesson.steps.length) addNotice('warning', 'invalid-config', `Lesson "${lesson.title}" has ${lesson.steps.length} steps, not ${view.lessonStep}; it opens at its last step.`);
  openLesson(lesson, view.lessonStep - 1, { runLoaded: view.twins.length > 0 });
  return true;
}
