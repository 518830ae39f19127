/** The raw measurements of `npm run presets`, as saved with --json and read back by --report-from. */
import type { LabSnapshot } from '../../app/engine/testHooks.ts';
import type { ClaimResult } from '../../src/compare/claim.ts';
import type { BackendInfo } from '../../src/protocol.ts';

/** One metrics report of a run's history (what the claims and the end values read). */
export type HistoryPoint = LabSnapshot['history'][number];

/** A notice the app showed while a preset trained. */
export type Notice = LabSnapshot['notices'][number];

/** One of a preset's two runs, as the app's snapshot showed it at the end. */
export interface RunRecord {
  /** Its side of the flip ("stop-gradient on"). */
  label: string;
  step: number;
  history: HistoryPoint[];
}

/** What one preset showed. */
export interface PresetResult {
  /** The preset file's name without .json. */
  id: string;
  title: string;
  budget: number;
  /** The backend asked for in the page address ('auto': the app's own choice). */
  backendAsked: string;
  /** The backend that ran, as the app reports it (null when the app never said). */
  backend: BackendInfo | null;
  embedDim: number;
  /** Wall seconds from the preset click to both runs at the budget (or to the time limit). */
  seconds: number;
  /** Both runs reached the budget. */
  reached: boolean;
  /** Why the preset did not reach its budget (null when it did). */
  failure: string | null;
  main: RunRecord;
  /** The twin run; null when it never started. */
  control: RunRecord | null;
  /** Each claim checked with checkClaim on the two histories; null when the budget was not reached. */
  claims: ClaimResult[] | null;
  /** Warnings and errors the app showed after the click. */
  notices: Notice[];
}

/** Everything one run of the script measured. */
export interface PresetRaw {
  command: string;
  /** When the run started, ISO. */
  date: string;
  /** Source commit, e.g. "commit abc1234 plus uncommitted changes". */
  git: string;
  machine: {
    cores: number;
    cpu: string;
    /** The browser's WebGL renderer ("… SwiftShader …" without a GPU); null when unknown. */
    webglRenderer: string | null;
  };
  chromium: string;
  /** Wall minutes of the whole run. */
  minutes: number;
  results: PresetResult[];
  /** One sentence per preset file that is not a valid preset (skipped). */
  skipped: string[];
}
