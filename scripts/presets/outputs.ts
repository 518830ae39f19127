/**
 * The files a preset report writes from its raw measurements: each measured preset's
 * `measured` field, seeds/PRESET_RESULTS.md, and the generated section of every seed card.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildCatalog } from '../../src/engine.ts';
import type { Log } from '../lib/log.ts';
import { root } from '../lib/root.ts';
import { cardSection, presetTerms, withCardSection } from './cards.ts';
import { measuredOf, withMeasured, type Measured } from './measured.ts';
import { PRESET_DIR, type PresetFiles } from './presetFiles.ts';
import type { PresetRaw } from './raw.ts';
import { readEarlierReport, renderPresetReport } from './report.ts';

/** The markdown report. */
export const REPORT_FILE = join(root, 'seeds/PRESET_RESULTS.md');

/** Writes `text` to `path` when `write` and it differs; logs what it did (or would do). */
function update(path: string, text: string, write: boolean, log: Log): void {
  const name = relative(root, path);
  if (existsSync(path) && readFileSync(path, 'utf8') === text) return;
  if (write) {
    writeFileSync(path, text);
    log(`wrote ${name}`);
  } else log(`would update ${name} (--dry-run)`);
}

/**
 * Prints the report and, when `write`, writes every file from `raw`. The report keeps the
 * earlier report's sections of valid presets this run did not measure (a run with --only). The cards list every
 * valid preset of `files` (all of them, not only those measured now), with this run's
 * measurement where it has one and the one in the preset's file otherwise.
 */
export function writeOutputs(raw: PresetRaw, files: PresetFiles, write: boolean, log: Log): void {
  const measured = new Map<string, Measured>();
  for (const r of raw.results) {
    const m = measuredOf(raw, r);
    if (m) measured.set(r.id, m);
    else log(`${r.id}: did not reach its budget, so its file keeps the \`measured\` it had`);
  }
  for (const [id, m] of measured) {
    const path = join(PRESET_DIR, `${id}.json`);
    if (!files.presets.some((p) => p.id === id)) log(`${relative(root, path)} is gone or no longer a valid preset: its measurement is not written`);
    else update(path, withMeasured(readFileSync(path, 'utf8'), m), write, log);
  }
  const earlier = existsSync(REPORT_FILE) ? readEarlierReport(readFileSync(REPORT_FILE, 'utf8')) : null;
  const report = renderPresetReport(raw, earlier ? { earlier, ids: files.presets.map((p) => p.id) } : undefined);
  console.log(report);
  update(REPORT_FILE, report, write, log);
  for (const term of buildCatalog().terms) {
    if (!term.card) continue;
    const entries = files.presets.filter((p) => presetTerms(p).includes(term.id)).map((p) => ({ id: p.id, title: p.title, measured: measured.get(p.id) ?? p.measured }));
    const path = join(root, term.card);
    update(path, withCardSection(readFileSync(path, 'utf8'), cardSection(term.label, entries)), write, log);
  }
}
