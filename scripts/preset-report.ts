/**
 * `npm run presets` (builds first): trains each demo preset of seeds/presets/ with its control
 * in the built app, checks its claims as the app does, and writes what it measured into the
 * preset files, the seed cards and seeds/PRESET_RESULTS.md; exits 1 when a claim does not
 * hold or a preset does not reach its budget. How and its flags: `npx tsx
 * scripts/preset-report.ts --help` (scripts/presets/options.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { runMain } from './lib/cli.ts';
import { log, measure } from './presets/measure.ts';
import { parsePresetArgs, presetHelp } from './presets/options.ts';
import { writeOutputs } from './presets/outputs.ts';
import { PRESET_DIR, readPresetFiles, selectPresets } from './presets/presetFiles.ts';
import type { PresetRaw } from './presets/raw.ts';
import { failures } from './presets/report.ts';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const options = parsePresetArgs(argv);
  if (options.help) {
    console.log(presetHelp());
    return;
  }
  const files = readPresetFiles(PRESET_DIR);
  let raw: PresetRaw;
  if (options.reportFrom) raw = JSON.parse(readFileSync(options.reportFrom, 'utf8')) as PresetRaw;
  else {
    const chosen = selectPresets(files, options.only);
    for (const f of chosen.invalid) log(`skipped, not a valid preset: ${f.error}`);
    raw = await measure(chosen, options, argv);
  }
  if (options.json) {
    writeFileSync(options.json, `${JSON.stringify(raw)}\n`);
    log(`raw measurements in ${options.json}`);
  }
  writeOutputs(raw, files, options.write, log);
  const failed = failures(raw);
  if (failed.length === 0) {
    log(`every claim of ${raw.results.length} preset(s) held, in ${raw.minutes.toFixed(1)} min`);
    return;
  }
  const rule = '='.repeat(72);
  console.error([rule, `PRESETS FAILED: ${failed.length} failure(s), claims that did not hold or presets that did not reach their budget:`, ...failed.map((f) => `  ${f}`), rule].join('\n'));
  process.exitCode = 1;
}

runMain(main);
