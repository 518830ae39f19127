/**
 * The run slice: what the engine reports about itself (state, step, backend, catalog,
 * dataset thumbnails) and the notices shown to the user.
 */
import { createStore } from 'zustand/vanilla';
import type { Catalog } from '../../src/catalog';
import type { Thumbnail } from '../../src/data/thumbnail';
import type { BackendInfo, NoticeCode, RunState } from '../../src/protocol';
import { boundedSentence } from '../../src/userText';
import type { AutoSpeeds } from '../backend/measuredAuto';

/** A message shown in the notices list. */
export interface Notice {
  id: number;
  level: 'info' | 'warning' | 'error';
  code: NoticeCode;
  message: string;
}

/** State of the run slice. */
export interface RunSliceState {
  state: RunState;
  step: number;
  stepsPerSecond: number | null;
  backend: BackendInfo | null;
  catalog: Catalog | null;
  notices: Notice[];
  /** Measured Auto: steps/s per backend for this run (app/backend/measuredAuto.ts), or null. */
  autoSpeeds: AutoSpeeds | null;
  thumbnails: Record<string, Thumbnail>;
}

/** The run slice store. */
export const runStore = createStore<RunSliceState>()(() => ({
  state: 'booting',
  step: 0,
  stepsPerSecond: null,
  backend: null,
  catalog: null,
  notices: [],
  autoSpeeds: null,
  thumbnails: {},
}));

const MAX_NOTICES = 30;
let nextNoticeId = 1;

/** Adds a notice unless the same message is already shown. Keeps the newest 30. */
export function addNotice(level: Notice['level'], code: NoticeCode, text: string): void {
  // A last guard: sentences quote outside text clipped (src/userText.ts), but a notice never grows without bound.
  const message = boundedSentence(text);
  const { notices } = runStore.getState();
  if (notices.some((n) => n.message === message && n.level === level)) return;
  const notice: Notice = { id: nextNoticeId++, level, code, message };
  runStore.setState({ notices: [...notices, notice].slice(-MAX_NOTICES) });
}

/** Removes one notice. */
export function dismissNotice(id: number): void {
  runStore.setState((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
}

/** Removes every notice. */
export function dismissAllNotices(): void {
  runStore.setState({ notices: [] });
}
