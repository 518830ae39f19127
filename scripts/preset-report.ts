/**
 * `npm run presets` (builds first): runs every demo preset of seeds/presets/ through the
 * built app's UI, with its seed method on and then off, and writes what each showed to
 * seeds/PRESET_RESULTS.md. How and its flags: `npx tsx scripts/preset-report.ts --help`
 * (scripts/presets/options.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { runMain } from './lib/cli.ts';
import { root } from './lib/root.ts';
import { log, measure } from './presets/measure.ts';
import { parsePresetArgs, presetHelp } from './presets/options.ts';
import type { PresetRaw } from './presets/raw.ts';
import { renderPresetReport } from './presets/report.ts';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const options = parsePresetArgs(argv);
  if (options.help) {
    console.log(presetHelp());
    return;
  }
  const raw = options.reportFrom ? (JSON.parse(readFileSync(options.reportFrom, 'utf8')) as PresetRaw) : await measure(options, argv);
  if (options.json) writeFileSync(options.json, `${JSON.stringify(raw)}\n`);
  const report = renderPresetReport(raw);
  console.log(report);
  if (options.out !== '-') {
    writeFileSync(options.out, `${report}\n`);
    log(`wrote ${relative(root, options.out)}${options.reportFrom ? ` from ${options.reportFrom}` : ` in ${raw.minutes.toFixed(1)} min`}`);
  }
}

runMain(main);
