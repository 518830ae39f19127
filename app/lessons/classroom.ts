/**
 * Classroom and presenter modes, as a link sets them (`hide=…`, `present=1`): the controls a
 * teacher hid, and whether charts and text are enlarged for a projector. Both are written back
 * into the share link (app/lessons/linkView.ts).
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { HideTarget } from '../../src/link/viewState';

/** State of the classroom slice. */
export interface ClassroomState {
  hide: readonly HideTarget[];
  present: boolean;
}

/** The classroom slice store. */
export const classroomStore = createStore<ClassroomState>()(() => ({ hide: [], present: false }));

/** Switches presenter mode on or off. */
export function setPresent(present: boolean): void {
  classroomStore.setState({ present });
}

/** Whether the link hid control `target`. */
export function useHidden(target: HideTarget): boolean {
  return useStore(classroomStore, (s) => s.hide.includes(target));
}

/** Whether presenter mode is on. */
export function usePresent(): boolean {
  return useStore(classroomStore, (s) => s.present);
}
