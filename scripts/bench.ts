/**
 * `npm run bench` (after `npm run build`): measures the built app in headless Chromium and
 * writes bench/RESULTS.md. What it measures and its flags: `npx tsx scripts/bench.ts --help`
 * (scripts/bench/options.ts). Benchmarks are this script, never timed assertions in tests.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { closeOnSignals } from './lib/browser.ts';
import { runMain } from './lib/cli.ts';
import { root } from './lib/root.ts';
import { log } from './bench/log.ts';
import { measure } from './bench/measure.ts';
import { benchHelp, parseBenchArgs, RAW_DIR } from './bench/options.ts';
import type { BenchRaw } from './bench/raw.ts';
import { loadPrevious } from './bench/beforeAfter.ts';
import { renderBenchReport } from './bench/report.ts';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const options = parseBenchArgs(argv);
  if (options.help) {
    console.log(benchHelp());
    return;
  }
  closeOnSignals(log);
  let raw: BenchRaw;
  if (options.reportFrom) raw = JSON.parse(readFileSync(options.reportFrom, 'utf8')) as BenchRaw;
  else {
    raw = await measure(options, argv);
    // Saved before rendering, so a rendering bug never costs a run: re-render with --report-from.
    const rawFile = options.json ?? join(RAW_DIR, `${raw.date.replace(/[:.]/g, '-')}${raw.quick ? '-quick' : ''}.json`);
    mkdirSync(dirname(rawFile), { recursive: true });
    writeFileSync(rawFile, `${JSON.stringify(raw, null, 1)}\n`);
    log(`raw measurements in ${rawFile}`);
  }
  // The newest earlier run kept in bench/previous/ gives the report its before → after section.
  const report = renderBenchReport(raw, loadPrevious(join(root, 'bench/previous')));
  console.log(report);
  if (options.out !== '-') {
    mkdirSync(dirname(options.out), { recursive: true });
    writeFileSync(options.out, `${report}\n`);
    log(`wrote ${relative(root, options.out)} (run took ${raw.minutes.toFixed(1)} min)`);
  }
}

runMain(main);
