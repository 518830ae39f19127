/**
 * The messages between the UI and the import worker, which reads dropped files off the
 * main thread: sorts them out, decodes and resizes images or parses a table, previews the
 * result and keeps it in the browser's storage. Every request carries a job number, and
 * replies to an older job than the UI's latest are stale. Pure types.
 */
import type { TableColumn } from './csvTable';
import type { ImportPreview } from './draft';
import type { ImageImportOptions } from './imageImport';
import type { ImportFile } from './selection';

/** Requests from the UI. */
export type ImportRequest =
  /** Sort out a new selection (replacing any earlier one). */
  | { type: 'open'; job: number; files: ImportFile[] }
  /** Decode and resize the opened images. */
  | { type: 'readImages'; job: number; options: ImageImportOptions }
  /** Make the opened table a dataset with this label column (null: none). */
  | { type: 'readTable'; job: number; labelColumn: string | null }
  /** Keep the previewed dataset under this name. */
  | { type: 'keep'; job: number; label: string; mirrorKeepsClass: boolean }
  /** Forget the selection. */
  | { type: 'discard' };

/** What an opened selection holds, before it is read. */
export type OpenedSelection =
  | { kind: 'images'; name: string; classes: { name: string; files: number }[]; images: number; ignored: string[] }
  | { kind: 'table'; name: string; rows: number; columns: TableColumn[]; suggestedLabel: string | null };

/** Replies to the UI. */
export type ImportReply =
  | { type: 'opened'; job: number; opened: OpenedSelection }
  | { type: 'progress'; job: number; done: number; total: number }
  | { type: 'preview'; job: number; preview: ImportPreview }
  | { type: 'kept'; job: number; id: string }
  /** The request was refused (`message` says what to change) or failed. */
  | { type: 'refused'; job: number; message: string };
