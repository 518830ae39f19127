// `npm run presets` (builds first): serves the built app with `vite preview`, opens it in
// headless Chromium and runs every demo preset of seeds/presets/ through the UI, as a user
// would: pick it in the preset menu, press Play, pause after N steps. A preset with a seed
// method runs twice for the same N steps: with its method, then with the method switched
// off (its toggle unchecked, then Reset), so the two rows differ only in the method. The
// naive preset (no method) is the baseline and runs once. Every figure is read from the
// app's own state (window.__collapseLab.snapshot(): the last metrics report and the
// history): RankMe, std of the L2-normalised embeddings, accuracy (kNN for SSL, test
// accuracy for supervised), the method's own diagnostics, the total loss and the app's
// seconds per step. Writes a markdown table to seeds/PRESET_RESULTS.md and prints it.
//
// The app runs on WebGL (`?backend=webgl`): on this machine (no GPU) both WebGPU and WebGL
// are SwiftShader on the CPU, and the presets' CNN steps faster on WebGL (bench/RESULTS.md).
//
// Time: about 35 min on 2 cores with the defaults (the two batch-128 presets, imsvd and
// maskmix, take 7 to 12 s per CNN step here, and other processes' load slows them further).
// A time budget keeps the whole report near --budget-min: each run may train for at most
// its share of the time left (shared by a rough cost per step, see `cost`) and at most
// --run-timeout; a run stopped early is marked in the table, and the method-off run of
// its preset then trains to the same step, so the pair stays comparable (a method-off run
// may always train 1.25 × as long as its method-on run did).
//
// Options: --steps N (steps per run, rounded up to a multiple of the presets' metrics
// interval; default 25, which with metrics every 5 steps and an evaluation every 4th report
// puts the last kNN / test accuracy on the last step), --only id,id (presets to run),
// --run-timeout S (seconds one run may train at most; default 600), --budget-min M (minutes
// for the whole report, see above; default 33), --out FILE (default seeds/PRESET_RESULTS.md;
// - prints only), --dist DIR (serve another build), --json FILE (also save the raw
// measurements), --report-from FILE (re-render saved raw measurements, measuring nothing),
// --help.
// Environment: CHROMIUM_PATH (default /usr/bin/chromium).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeOnSignals, launch, root, startPreview } from './lib/browser.mjs';

const args = process.argv.slice(2);
if (args.includes('--help')) {
  const header = readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').filter((l, i, a) => l.startsWith('//') && a.slice(0, i).every((x) => x.startsWith('//')));
  console.log(header.map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
  process.exit(0);
}
/** The value of `--name N` or `--name=N`. */
function option(name, fallback) {
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return fallback;
  const value = args[i].includes('=') ? args[i].slice(name.length + 3) : args[i + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value`);
  return value;
}
const STEPS_ASKED = Number(option('steps', '25'));
const ONLY = option('only', null)?.split(',').filter(Boolean) ?? null;
const RUN_TIMEOUT_S = Number(option('run-timeout', '600'));
const BUDGET_S = Number(option('budget-min', '33')) * 60;
const OUT = option('out', join(root, 'seeds/PRESET_RESULTS.md'));
const DIST = option('dist', join(root, 'dist'));
const JSON_OUT = option('json', null);
const REPORT_FROM = option('report-from', null);
if (!Number.isInteger(STEPS_ASKED) || STEPS_ASKED < 1) throw new Error(`--steps must be a positive whole number, not ${STEPS_ASKED}`);
if (!(RUN_TIMEOUT_S > 0)) throw new Error(`--run-timeout must be a positive number of seconds`);
if (!(BUDGET_S > 0)) throw new Error(`--budget-min must be a positive number of minutes`);

/** The light run the page opens with, before the presets load (as in e2e/methods.spec.ts). */
const START_URL = '/?backend=webgl&d=blobs&m=mlp&w=32&depth=1&dim=16';
/** How often the page's state is read while a run trains. */
const POLL_MS = 200;
/** Seconds a run needs besides training (preset load or reset, rebuild), set aside from the budget. */
const SETUP_S = 30;
/** No run gets less than this many seconds of training (two reports of the heaviest preset), whatever the budget says. */
const MIN_RUN_S = 120;

/**
 * A rough cost of one step of a run: batch × width² × depth of the preset's CNN (as in
 * bench.mjs), × 2.5 for ρSIM on (its heads made the CNN step 2.3× slower on WebGL in
 * bench/RESULTS.md, about 4× in this app under load).
 */
const cost = (config, on) => (config.batchSize ?? 64) * (config.width ?? 16) ** 2 * (config.depth ?? 1) * (on && config.methods?.includes('sim') ? 2.5 : 1);

const log = (...m) => console.error('[presets]', ...m);
const fmt = (x, digits = 2) => (x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : Math.abs(x) >= 1000 ? x.toFixed(0) : x.toFixed(digits));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The presets, naive (the baseline) first, then the rest by file name. */
function readPresets() {
  const dir = join(root, 'seeds/presets');
  const presets = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ id: f.replace(/\.json$/, ''), ...JSON.parse(readFileSync(join(dir, f), 'utf8')) }));
  presets.sort((a, b) => (a.id === 'naive' ? -1 : b.id === 'naive' ? 1 : 0));
  const unknown = ONLY?.filter((id) => !presets.some((p) => p.id === id)) ?? [];
  if (unknown.length) throw new Error(`--only: no preset ${unknown.join(', ')} (have ${presets.map((p) => p.id).join(', ')})`);
  return ONLY ? presets.filter((p) => ONLY.includes(p.id)) : presets;
}

// ---------------------------------------------------------------------------------------
// In the page.

/** The app's snapshot, without image bytes: what a poll needs. Pauses once `pauseAt` is reached. */
function probeInPage(pauseAt) {
  const lab = window.__collapseLab;
  if (!lab) return null;
  const s = lab.snapshot();
  const l = s.latest;
  let paused = false;
  if (pauseAt !== null && l && l.step >= pauseAt && s.state === 'running') {
    lab.send({ type: 'pause' });
    paused = true;
  }
  const terms = {};
  for (const [id, d] of Object.entries(l?.terms ?? {})) {
    terms[id] = { scalars: d.scalars ?? {}, heatmap: d.heatmap ? { rows: d.heatmap.rows, cols: d.heatmap.cols, values: d.heatmap.values } : null };
  }
  return {
    state: s.state,
    step: s.step,
    backend: s.backend,
    config: s.config,
    notices: s.notices,
    historyLength: s.history.length,
    latest: l ? { step: l.step, losses: l.losses, scalars: l.scalars, terms, stepsPerSecond: l.stepsPerSecond, spectrumSource: l.spectrumSource ?? null } : null,
    paused,
  };
}

/** The app's history of this run (steps, losses, scalars). */
const historyInPage = () => window.__collapseLab.snapshot().history;

// ---------------------------------------------------------------------------------------
// Driving the app.

async function probe(page, pauseAt = null) {
  return page.evaluate(probeInPage, pauseAt);
}

/** Polls until `pred(snapshot)` holds; throws after `timeoutMs` with `what`. */
async function until(page, pred, what, timeoutMs = 120_000) {
  const t0 = Date.now();
  let s = null;
  while (Date.now() - t0 < timeoutMs) {
    s = await probe(page);
    if (s && pred(s)) return s;
    await sleep(POLL_MS);
  }
  throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what} (state ${s?.state}, step ${s?.step}, methods ${JSON.stringify(s?.config?.methods)})`);
}

const sameList = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
const settled = (s) => s.state === 'idle' || s.state === 'paused';

/**
 * Pauses the engine (if it trains) and waits until it has stopped. Through the app's hook,
 * not the Pause button: a pause already sent leaves the button enabled until the worker's
 * status arrives, and a click landing after that waits on a disabled button.
 */
async function pause(page) {
  await page.evaluate(() => window.__collapseLab.send({ type: 'pause' }));
  return until(page, (x) => x.state !== 'running' && x.state !== 'building', 'the engine to pause');
}

/**
 * Presses Play and lets the run train until its metrics report reaches `steps` (paused
 * in the same page call that sees it), or for at most `timeoutS`. Returns what the run
 * showed: its first and last report, the history, timings and notices.
 */
async function train(page, steps, expectMethods, timeoutS) {
  const before = await probe(page);
  const noticesBefore = before.notices.length;
  if (before.state !== 'running') await page.getByTestId('btn-play').click();
  const t0 = Date.now();
  let first = null;
  let firstAt = null;
  let last = null;
  let lastAt = null;
  let timedOut = false;
  let lastSeen = -1;
  for (;;) {
    const s = await probe(page, steps);
    const l = s.latest;
    if (l && l.step !== lastSeen) {
      lastSeen = l.step;
      if (!first) {
        first = l;
        firstAt = Date.now();
      }
      last = l;
      lastAt = Date.now();
    }
    if (s.paused || (l && l.step >= steps)) break;
    if (s.state === 'error') break;
    if (s.state === 'paused' && l && s.notices.slice(noticesBefore).some((n) => n.code === 'nan-loss')) break;
    if ((Date.now() - t0) / 1000 > timeoutS) {
      timedOut = true;
      break;
    }
    await sleep(POLL_MS);
  }
  const wallSeconds = (Date.now() - t0) / 1000;
  const end = await pause(page);
  const history = await page.evaluate(historyInPage);
  const notices = end.notices.slice(noticesBefore);
  const problems = [];
  if (!last) problems.push('no metrics report');
  if (history.length && history[0].step > end.config.metricsEvery) problems.push(`history starts at step ${history[0].step}, not this run's first report`);
  for (const h of history) {
    const terms = Object.keys(h.losses).filter((k) => k !== 'total');
    const wrong = expectMethods.on ? !terms.includes(expectMethods.id) : expectMethods.id !== null && terms.includes(expectMethods.id);
    if (wrong) {
      problems.push(`the report at step ${h.step} has terms ${terms.join(', ')}`);
      break;
    }
  }
  return { first, firstAt, last, lastAt, t0, wallSeconds, timedOut, history, notices, problems, state: end.state };
}

/** Loads preset `p` through the preset menu and waits for its fresh, paused run at step 0. */
async function loadPreset(page, p) {
  await pause(page);
  await page.getByTestId('preset-select').selectOption(p.id);
  const methods = p.config.methods ?? [];
  return until(
    page,
    (s) => sameList(s.config.methods, methods) && s.config.dataset === p.config.dataset && s.config.model === p.config.model && settled(s) && s.step === 0 && s.latest === null,
    `preset ${p.id} to load`,
  );
}

/** Switches method `id` off with its toggle, presses Reset and waits for the fresh run at step 0. */
async function methodOffAndReset(page, id) {
  await page.getByTestId(`toggle-${id}`).uncheck();
  await until(page, (s) => !s.config.methods.includes(id) && settled(s), `${id} to switch off`);
  await page.getByTestId('btn-reset').click();
  return until(page, (s) => !s.config.methods.includes(id) && settled(s) && s.step === 0 && s.latest === null, `the reset without ${id}`);
}

// ---------------------------------------------------------------------------------------
// What each preset demonstrates: its method's own diagnostics, summarised.

/** Mean perplexity (exp entropy) of the rows of IMSVD's bin-usage heatmap: bins in use per variable. */
function binsInUse(heatmap) {
  if (!heatmap || !heatmap.rows) return null;
  let sum = 0;
  for (let r = 0; r < heatmap.rows; r++) {
    const row = heatmap.values.slice(r * heatmap.cols, (r + 1) * heatmap.cols);
    const total = row.reduce((a, b) => a + b, 0) || 1;
    let h = 0;
    for (const v of row) if (v > 0) h -= (v / total) * Math.log(v / total);
    sum += Math.exp(h);
  }
  return sum / heatmap.rows;
}

/** The method's diagnostic of one report, as `{ label: value }`. */
function diagnostic(id, report) {
  const d = report?.terms?.[id];
  if (!d) return null;
  const s = d.scalars;
  switch (id) {
    case 'corinfomax':
      return { 'log det R1': s.logdet1, 'log det R2': s.logdet2, 'L_cov': s.cov };
    case 'imsvd':
      return { 'bins in use (of 8)': binsInUse(d.heatmap), 'L_dia': s.dia, 'L_off': s.off };
    case 'sim':
      return Object.fromEntries(Object.entries(s).map(([k, v]) => [`${k} rec. error`, v]));
    case 'cir':
      return { 'dist own mean': s.ownDist, 'dist neg mean': s.negDist };
    case 'maskmix':
      return { 'mix loss': s.mix };
    default:
      return s;
  }
}

/** "label first → last" for every label of the method's diagnostic. */
function diagnosticText(id, run) {
  if (!id) return '–';
  const a = diagnostic(id, run.first);
  const b = diagnostic(id, run.last);
  if (!b) return 'n/a (method off)';
  return Object.keys(b)
    .map((k) => `${k} ${a && run.first.step !== run.last.step ? `${fmt(a[k])} → ` : ''}${fmt(b[k])}`)
    .join('; ');
}

/** The run's last accuracy up to `atStep` (kNN for SSL, test accuracy for supervised), with its step. */
function accuracy(run, atStep = Infinity) {
  const key = run.task === 'supervised' ? 'testAccuracy' : 'knnAccuracy';
  const at = [...(run.history ?? [])].reverse().find((h) => h.step <= atStep && Number.isFinite(h.scalars[key]));
  return at ? { value: at.scalars[key], step: at.step, key } : { value: null, step: null, key };
}

/** The run's report in the history at `step` (scalars and losses only). */
const reportAt = (run, step) => (run.history ?? []).find((h) => h.step === step) ?? null;

// ---------------------------------------------------------------------------------------

function gitDescription() {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, encoding: 'utf8' }).trim();
    return dirty ? `commit ${head} plus uncommitted changes` : `commit ${head}`;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

/** Runs every preset; returns the raw measurements. */
async function measure() {
  const started = Date.now();
  const loadBefore = os.loadavg()[0];
  const presets = readPresets();
  const every = Math.max(...presets.map((p) => p.config.metricsEvery ?? 5));
  const steps = Math.ceil(STEPS_ASKED / every) * every;
  if (steps !== STEPS_ASKED) log(`--steps ${STEPS_ASKED} rounded up to ${steps}, a multiple of the metrics interval ${every}`);
  closeOnSignals((...m) => log(...m));
  const server = await startPreview({ dist: DIST, probe: 'index.html', hint: '`npm run build` first (npm run presets does)' });
  log(`serving ${relative(root, DIST) || '.'} at ${server.url}`);
  const browser = await launch();
  const rows = [];
  let backend;
  let classes;
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => log(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) log(`console error: ${m.text().slice(0, 300)}`);
    });
    await page.goto(`${server.url}${START_URL}`);
    await page.waitForFunction(() => window.__collapseLab !== undefined, null, { timeout: 60_000 });
    const ready = await until(page, (s) => ['idle', 'paused', 'running'].includes(s.state) && s.backend !== null, 'the app to start');
    backend = ready.backend;
    log(`app ready on ${backend.id} (${backend.reason})`);
    if (backend.id !== 'webgl') log(`WARNING: asked for webgl, running on ${backend.id}`);
    classes = await page.evaluate(() => Object.fromEntries((window.__collapseLab.snapshot().catalog?.datasets ?? []).map((d) => [d.id, d.classes.length])));

    // Every run up front, so the budget can be shared by what is left.
    const runs = presets.flatMap((p) => {
      const methods = p.config.methods ?? [];
      // One method per preset here; a preset with several would run all on, then each off.
      const plan = methods.length ? [...methods.map((id) => ({ id, on: true })), ...methods.map((id) => ({ id, on: false }))] : [{ id: null, on: false }];
      return plan.map((run, i) => ({ p, ...run, first: i === 0 }));
    });
    for (const [k, run] of runs.entries()) {
      const { p } = run;
      const left = runs.slice(k);
      const spare = BUDGET_S - (Date.now() - started) / 1000 - SETUP_S * left.length;
      const share = (spare * cost(p.config, run.on)) / left.reduce((a, r) => a + cost(r.p.config, r.on), 0);
      // The off run of a preset trains to the step its on run reached, and may take 1.25 × as long.
      const onRow = run.on ? null : rows.find((r) => r.preset === p.id && r.on && r.last);
      const timeoutS = Math.round(Math.min(RUN_TIMEOUT_S, Math.max(MIN_RUN_S, share, 1.25 * (onRow?.wallSeconds ?? 0))));
      const pair = onRow?.timedOut ? onRow : null;
      const target = pair ? pair.last.step : steps;
      const row = { preset: p.id, dataset: p.config.dataset, task: p.config.task, method: run.id, on: run.on, steps: target, timeoutS, pairedTo: pair ? pair.last.step : null };
      rows.push(row);
      const t0 = Date.now();
      log(`${p.id} ${run.id ? `${run.id} ${run.on ? 'on' : 'off'}` : '(baseline)'}: ${target} steps, at most ${timeoutS} s of training`);
      try {
        if (run.first) await loadPreset(page, p);
        else await methodOffAndReset(page, run.id);
        const ready = await probe(page);
        row.methods = ready.config.methods;
        const result = await train(page, target, { id: run.id, on: run.on }, timeoutS);
        Object.assign(row, result);
      } catch (e) {
        row.error = e.message.split('\n')[0];
        log(`${p.id} ${run.on ? 'on' : 'off'}: ${row.error}`);
        try {
          await pause(page);
        } catch {
          // the next preset load reports it again
        }
      }
      row.seconds = (Date.now() - t0) / 1000;
      const l = row.last;
      log(
        `${p.id} ${run.id ? `${run.id} ${run.on ? 'on' : 'off'}` : '(baseline)'}: step ${l?.step ?? 'n/a'}, RankMe ${fmt(l?.scalars.rankme)}, loss ${fmt(l?.losses.total, 4)}, ` +
          `${fmt(secondsPerStep(row))} s/step (app ${l?.stepsPerSecond ? fmt(1 / l.stepsPerSecond) : 'n/a'}), ${fmt(row.seconds, 0)} s${row.timedOut ? ' (timeout)' : ''}${row.problems?.length ? `, problems: ${row.problems.join('; ')}` : ''}`,
      );
    }
  } finally {
    await browser.close();
    server.stop();
  }
  const command = process.env.npm_lifecycle_event === 'presets' ? `npm run presets${args.length ? ` -- ${args.join(' ')}` : ''}` : `node scripts/preset-report.mjs${args.length ? ` ${args.join(' ')}` : ''}`;
  const machine = { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown CPU' };
  return { command, date: new Date().toISOString(), git: gitDescription(), machine, rows, steps, backend, classes, budgetS: BUDGET_S, runTimeoutS: RUN_TIMEOUT_S, minutes: (Date.now() - started) / 60_000, chromium: browser.version(), load: [loadBefore, os.loadavg()[0]] };
}

async function main() {
  const raw = REPORT_FROM ? JSON.parse(readFileSync(REPORT_FROM, 'utf8')) : await measure();
  if (JSON_OUT) writeFileSync(JSON_OUT, `${JSON.stringify(raw)}\n`);
  const report = render(raw);
  console.log(report);
  if (OUT !== '-') {
    writeFileSync(OUT, `${report}\n`);
    log(`wrote ${relative(root, OUT)}${REPORT_FROM ? ` from ${REPORT_FROM}` : ` in ${raw.minutes.toFixed(1)} min`}`);
  }
}

/**
 * Seconds per step between the run's first and last metrics report, by the clock here: a
 * report arrives after a read that waits for all the GPU work before it, so this covers
 * whole steps (metrics and evaluation steps included). The app's own steps/s counts step
 * submissions, and on WebGL the engine does not wait for the GPU between steps, so over a
 * short run it reads low (shown in brackets).
 */
function secondsPerStep(r) {
  if (!r.first || !r.last || r.last.step <= r.first.step) return null;
  return (r.lastAt - r.firstAt) / 1000 / (r.last.step - r.first.step);
}

/** One table row of a run. */
function tableRow(r) {
  const l = r.last;
  const acc = accuracy(r);
  const loss0 = r.history?.[0]?.losses.total;
  const run = r.method ? `${r.method} ${r.on ? '**on**' : 'off'}` : 'baseline';
  const notes = [];
  if (r.error) notes.push(`failed: ${r.error}`);
  if (r.timedOut) notes.push(`**stopped at its time limit** (${r.timeoutS} s of training) at step ${l?.step ?? 0}`);
  if (r.pairedTo !== null && r.pairedTo !== undefined) notes.push(`trained to step ${r.pairedTo}, where the method-on run stopped`);
  if (l && !r.timedOut && l.step !== r.steps) notes.push(`read at step ${l.step}`);
  for (const n of r.notices ?? []) notes.push(`${n.level} ${n.code}: ${n.message.slice(0, 120)}`);
  for (const pr of r.problems ?? []) notes.push(pr);
  const accText = acc.value === null ? 'n/a' : `${fmt(acc.value)}${acc.step !== l?.step ? ` (step ${acc.step})` : ''}`;
  const std = l?.scalars.stdL2 === undefined ? 'n/a' : `${fmt(l.scalars.stdL2, 3)} (ref ${fmt(l.scalars.stdRef, 3)})`;
  const sps = `${fmt(secondsPerStep(r))}${l?.stepsPerSecond ? ` (${fmt(1 / l.stepsPerSecond)})` : ''}`;
  return `| ${r.preset} | ${run} | ${l?.step ?? 0} | ${fmt(l?.scalars.rankme)} | ${std} | ${accText} | ${r.method ? diagnosticText(r.method, r) : '–'} | ${r.history?.length > 1 ? `${fmt(loss0, 3)} → ` : ''}${fmt(l?.losses.total, 3)} | ${sps} | ${fmt(r.seconds, 0)} | ${notes.join('; ') || ''} |`;
}

/** Sentences comparing each method's on and off rows on what its preset claims. */
function comparisons(rows, classes) {
  const out = [];
  const get = (preset, on) => rows.find((r) => r.preset === preset && r.on === on && r.last);
  const naive = rows.find((r) => r.preset === 'naive' && r.last);
  if (naive) out.push(`naive (claim: RankMe falls to about 1): RankMe ${fmt(naive.last.scalars.rankme)} at step ${naive.last.step}.`);
  for (const preset of [...new Set(rows.filter((r) => r.method).map((r) => r.preset))]) {
    const on = get(preset, true);
    const off = get(preset, false);
    if (!on || !off) {
      out.push(`${preset}: no on/off pair to compare (see the table).`);
      continue;
    }
    // Both runs read at the last step they share.
    const common = Math.min(on.last.step, off.last.step);
    const rank = (r) => reportAt(r, common)?.scalars.rankme;
    const accOn = accuracy(on, common);
    const accOff = accuracy(off, common);
    const accName = on.task === 'supervised' ? 'test accuracy' : 'kNN accuracy';
    const chance = classes?.[on.dataset] ? ` (chance ${fmt(1 / classes[on.dataset])})` : '';
    const loss = (r) => `${fmt(r.history[0]?.losses.total, 3)} → ${fmt(reportAt(r, common)?.losses.total, 3)}`;
    const claims = {
      corinfomax: 'RankMe stays high where naive alignment collapses',
      imsvd: 'RankMe stays high where naive alignment collapses; bin usage fills out',
      sim: 'each block\'s head learns to recover its input (reconstruction error falls); accuracy climbs as usual',
      cir: 'a regulariser\'s effect on test accuracy, on par with label smoothing',
      maskmix: 'the mixing loss falls; compare kNN accuracy with the method off',
    };
    out.push(
      `${preset} (claim: ${claims[preset] ?? 'see its card'}), at step ${common}: RankMe ${fmt(rank(on))} with vs ${fmt(rank(off))} without; ` +
        `${accName}${accOn.step === accOff.step && accOn.step !== null ? ` (step ${accOn.step})` : ''} ${fmt(accOn.value)} with vs ${fmt(accOff.value)} without${chance}; ` +
        `loss total ${loss(on)} with, ${loss(off)} without; ${on.method} (first → last report of the on run): ${diagnosticText(on.method, on)}; ` +
        `s/step ${fmt(secondsPerStep(on))} with vs ${fmt(secondsPerStep(off))} without.`,
    );
  }
  return out;
}

function render({ command, date, git, machine, rows, steps, backend, classes, budgetS, runTimeoutS, minutes, chromium, load }) {
  return [
    '# Demo presets: what each one shows',
    '',
    `Generated by \`${command}\` (scripts/preset-report.mjs) on ${date.slice(0, 16).replace('T', ' ')} UTC in ${minutes.toFixed(1)} min; source ${git}.`,
    '',
    `- Machine: ${machine.cores} cores, no GPU (${machine.cpu}); headless Chromium ${chromium}. Load average (1 min) ${load[0].toFixed(1)} at the start, ${load[1].toFixed(1)} at the end (this report's browser included): other processes on the machine slow the times.`,
    `- Backend: **${backend?.id ?? 'unknown'}**${backend?.id === 'webgl' ? ' (asked for with `?backend=webgl`)' : ''}, on SwiftShader, a software GPU on the CPU. WebGL rather than the app's default WebGPU because the presets' small CNN steps faster on WebGL than on emulated WebGPU here (bench/RESULTS.md: mean CNN base step 1.7 s vs 2.3 s). Absolute times say nothing about a real GPU.`,
    `- Steps: **${steps}** per run, metrics every 5 steps, kNN / test accuracy on every 4th report (steps 5, 25, 45, 65, …). A run may train at most ${runTimeoutS} s and its share of a ${fmt(budgetS / 60, 0)}-min budget for the whole report; one stopped early is marked, and the method-off run of its preset then trains to the same step. Where the two runs of a pair still ended at different steps, the comparisons below read both at the last step they share.`,
    '- Each preset is loaded through the preset menu and trained with Play from step 0. A preset with a method runs twice, the same steps each: **on** (the preset as shipped) and **off** (its toggle unchecked, then Reset), so the rows differ only in the method. naive is the baseline (no method) and runs once; corinfomax off is the naive preset\'s config.',
    '- Figures are the app\'s own, from `window.__collapseLab.snapshot()` at the run\'s last report: RankMe; std of the L2-normalised embeddings (collapse: near 0; reference 1/√D); accuracy, kNN for SSL presets and the classifier\'s test accuracy for supervised ones (its last evaluation; its step in brackets when earlier); the method\'s diagnostics from the report\'s term, first report → last; the total loss, first report → last (with the method on it includes the method\'s term, so on/off totals are not comparable; cross-entropy at chance is ln 6 = 1.79 on the six shape classes); seconds per step from the arrival of the run\'s first metrics report (step 5) to its last, metrics and evaluation steps included (in brackets the app\'s own figure, 1 / its steps/s over the last ≤ 30 steps, which counts step submissions: on WebGL the engine does not wait for the GPU between steps, so it reads low); wall seconds of the whole run, build and first-step shader compilation included.',
    '- Runs are short and single-seed (seed 1): a difference of a few points of accuracy is within what another seed could change.',
    '',
    '| preset | run | step | RankMe | std L2-norm. (ref) | accuracy | method diagnostic (first → last report) | loss total | s/step (app) | wall s | notes |',
    '|---|---|---:|---:|---:|---:|---|---:|---:|---:|---|',
    ...rows.map(tableRow),
    '',
    '## On vs off',
    '',
    ...comparisons(rows, classes).map((l) => `- ${l}`),
    '',
  ].join('\n');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
