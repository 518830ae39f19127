/**
 * The import dialog's state: what was opened, the user's choices, the read progress, the
 * preview or the refusal. Changed by app/import/importClient.ts; the run in progress is
 * untouched until an imported dataset is kept and chosen.
 */
import { createStore } from 'zustand/vanilla';
import type { ImportPreview } from '../../src/data/import/draft';
import type { OpenedSelection } from '../../src/data/import/importProtocol';
import { DEFAULT_IMAGE_SIZE } from '../../src/data/import/limits';
import type { ColourMode } from '../../src/data/import/resize';

/** Where the import is. */
export type ImportPhase = 'closed' | 'opening' | 'opened' | 'reading' | 'preview' | 'keeping';

/** The user's choices in the dialog. */
export interface ImportChoices {
  name: string;
  size: number;
  colour: ColourMode;
  mirrorKeepsClass: boolean;
  /** The table's label column, or null for none. */
  labelColumn: string | null;
}

/** State of the import dialog. */
export interface ImportState {
  phase: ImportPhase;
  /** The latest request's job number (replies to older ones are stale). */
  job: number;
  opened: OpenedSelection | null;
  choices: ImportChoices;
  progress: { done: number; total: number } | null;
  preview: ImportPreview | null;
  /** Why the last request was refused, as the worker said it. */
  refusal: string | null;
}

/** The choices a new import starts with. */
export const DEFAULT_CHOICES: ImportChoices = { name: '', size: DEFAULT_IMAGE_SIZE, colour: 'rgb', mirrorKeepsClass: false, labelColumn: null };

/** The import dialog store. */
export const importStore = createStore<ImportState>()(() => ({
  phase: 'closed',
  job: 0,
  opened: null,
  choices: DEFAULT_CHOICES,
  progress: null,
  preview: null,
  refusal: null,
}));
