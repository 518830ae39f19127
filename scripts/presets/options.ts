/** The command line of scripts/preset-report.ts: its flags, --help, and the checked values. */
import { join } from 'node:path';
import { BACKENDS, type BackendId } from '../../src/config.ts';
import { commaList, helpText, parseFlags, UsageError, type Flag } from '../lib/cli.ts';
import { root } from '../lib/root.ts';

/** The flags, as parseArgs reads them and --help lists them. */
export const PRESET_FLAGS = {
  only: { type: 'string', value: 'IDS', help: "the presets to run, comma-separated file names without .json (default all); the report keeps the other presets' sections" },
  backend: {
    type: 'string',
    value: 'B',
    help: `${BACKENDS.join(', ')} or auto (the app's own choice); default wasm for an MLP preset, webgl for a CNN one`,
  },
  minutes: { type: 'string', value: 'M', help: 'time limit per preset, from its click to both runs at the budget (default 6)' },
  write: { type: 'boolean', help: 'write the preset files, the cards and seeds/PRESET_RESULTS.md (the default)' },
  'dry-run': { type: 'boolean', help: 'write none of them: print the report only' },
  json: { type: 'string', value: 'FILE', help: 'also save the raw measurements' },
  'report-from': { type: 'string', value: 'FILE', help: 'render the files from saved raw measurements, without a browser' },
  dist: { type: 'string', value: 'DIR', help: 'serve another build (default dist)' },
  help: { type: 'boolean', help: 'print this help' },
} as const satisfies Record<string, Flag>;

const ABOUT = `Checks that each demo preset of seeds/presets/ shows what it claims. Serves the built app
with \`vite preview\` and, for each preset, opens it in headless Chromium, chooses the preset in
the header's preset menu as a user would (the app then trains the preset's run and its control
as twins, step for step, both stopping at the preset's budget), waits until both reach the
budget, and checks every claim of the preset on the two runs' histories with checkClaim
(src/compare/claim.ts), the check the app's preset panel shows live.

Writes what it measured into each preset file's \`measured\` field, a generated section of the
seed cards (seeds/<method>.md) and seeds/PRESET_RESULTS.md; with --only, the report keeps
the other presets' sections from before, each saying when it was measured. Preset files that are not valid
presets are reported and skipped. Exits with code 1, after writing, when a claim does not hold
or a preset does not reach its budget within --minutes.

The default backend is what choosing by speed gives on a machine without a GPU: WASM for the
MLP, WebGL (SwiftShader) for the CNN.
Environment: CHROMIUM_PATH (default /usr/bin/chromium).`;

/** The --help text. */
export function presetHelp(): string {
  return helpText('npx tsx scripts/preset-report.ts [flags]   (npm run presets -- [flags] builds first)', ABOUT, PRESET_FLAGS);
}

/** A backend to open the app on: one of the engine's, or the app's own choice. */
export type BackendChoice = BackendId | 'auto';

/** What the command line asks for. */
export interface PresetOptions {
  help: boolean;
  /** Only these presets; null: all. */
  only: string[] | null;
  /** The backend for every preset; null: by the preset's model. */
  backend: BackendChoice | null;
  /** Time limit per preset, in minutes. */
  minutes: number;
  /** Write the preset files, the cards and the report. */
  write: boolean;
  /** Where to save the raw measurements too; null: nowhere. */
  json: string | null;
  /** Render from this saved run instead of measuring. */
  reportFrom: string | null;
  /** The build to serve. */
  dist: string;
}

/** Reads the command line (without node and the script); throws a UsageError on a bad flag or value. */
export function parsePresetArgs(argv: readonly string[]): PresetOptions {
  const v = parseFlags(argv, PRESET_FLAGS);
  const minutes = Number(v.minutes ?? '6');
  if (!(minutes > 0) || !Number.isFinite(minutes)) throw new UsageError(`--minutes must be a positive number, not ${v.minutes}`);
  const backends: readonly string[] = ['auto', ...BACKENDS];
  if (v.backend !== undefined && !backends.includes(v.backend)) throw new UsageError(`--backend must be one of ${backends.join(', ')}, not ${v.backend}`);
  if (v.write && v['dry-run']) throw new UsageError('--write and --dry-run contradict each other');
  const only = v.only === undefined ? null : commaList(v.only);
  if (only?.length === 0) throw new UsageError('--only needs at least one preset id');
  return {
    help: v.help ?? false,
    only,
    backend: (v.backend as BackendChoice | undefined) ?? null,
    minutes,
    write: !v['dry-run'],
    json: v.json ?? null,
    reportFrom: v['report-from'] ?? null,
    dist: v.dist ?? join(root, 'dist'),
  };
}
