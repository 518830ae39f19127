// `npm run bench` (after `npm run build`): serves the built app with `vite preview` on a
// free port, drives it in headless Chromium and measures, in one run, side by side:
//   1. each WGSL kernel vs its read-back path and vs the same result composed from tfjs
//      ops, D = 32..256 (bench.html, src/bench/kernelTiming.ts);
//   2. training-step time per backend for each preset (its CNN and an MLP variant), each
//      interleaved with its base (seed methods off): the method's overhead; and the
//      GPU-to-CPU reads per step (bench.html, src/bench/timeSteps.ts);
//   3. tensors and GPU bytes before and after N steps of the real Engine (bench.html);
//   4. main-thread long tasks while the real app trains (index.html).
// Saves the raw measurements as JSON first, then renders markdown to stdout and to
// bench/RESULTS.md (a --quick run: bench/results-raw/quick.md; raw JSON in bench/results-raw/,
// both git-ignored). On 2 cores with SwiftShader: about 19 minutes, --quick about 6.
//
// Options: --quick (few steps and calls everywhere), --only=kernels,steps,memory,longtasks,
// --backends=webgpu,webgl,wasm,cpu, --presets=<ids>, --out=<file> (--out=- prints only),
// --json=<file> (where the raw measurements go),
// --report-from=<json> (re-render a saved run, measuring nothing), --dist=<dir> (serve another
// build, e.g. `vite build --outDir /tmp/x`, leaving dist/ alone), --fastest=<backend> (the
// backend of the long memory runs; default: the fastest measured in section 2), --help.
// Environment: CHROMIUM_PATH (default /usr/bin/chromium; see scripts/lib/browser.mjs).
// Benchmarks are this script, never timed assertions in tests.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, CHROMIUM_ARGS, closeOnSignals, launch, root, startPreview as startPreviewOf } from './lib/browser.mjs';

const args = process.argv.slice(2);
if (args.includes('--help')) {
  const header = readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').filter((l, i, a) => l.startsWith('//') && a.slice(0, i).every((x) => x.startsWith('//')));
  console.log(header.map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
  process.exit(0);
}
const QUICK = args.includes('--quick');
const ONLY = (args.find((a) => a.startsWith('--only='))?.slice(7) ?? 'kernels,steps,memory,longtasks').split(',');
/** Where raw measurements and quick reports go by default (git-ignored). */
const RAW_DIR = join(root, 'bench/results-raw');
/** The committed report comes from a full run; a quick one goes next to the raw files. */
const OUT = args.find((a) => a.startsWith('--out='))?.slice(6) ?? (QUICK ? join(RAW_DIR, 'quick.md') : join(root, 'bench/RESULTS.md'));
const REPORT_FROM = args.find((a) => a.startsWith('--report-from='))?.slice(14) ?? null;
const JSON_OUT = args.find((a) => a.startsWith('--json='))?.slice(7) ?? null;
/** The built app to serve (default dist/, what `npm run build` writes). */
const DIST = args.find((a) => a.startsWith('--dist='))?.slice(7) ?? join(root, 'dist');

const BACKENDS = (args.find((a) => a.startsWith('--backends='))?.slice(11) ?? 'webgpu,webgl,wasm,cpu').split(',');
/** The backend for the long memory runs, instead of the measured fastest (needed with --only=memory). */
const FASTEST = args.find((a) => a.startsWith('--fastest='))?.slice(10) ?? null;
const PRESET_FILTER = args.find((a) => a.startsWith('--presets='))?.slice(10).split(',') ?? null;
/** Matrix sizes D of the kernel timings (quick: two of them). */
const KERNEL_SIZES = QUICK ? [32, 64] : [32, 64, 128, 256];
/** Calls per timing of one kernel path (after one warm-up call), unless the time budget allows fewer. */
const KERNEL_ITERS = QUICK ? 3 : 10;
/** Milliseconds one kernel path at one size may take, judged from its warm-up call (at least one call runs). */
const KERNEL_BUDGET_MS = QUICK ? 1000 : 4000;
/**
 * Warm-up and timed steps per (backend, preset, model), base and method interleaved (see
 * src/bench/timeSteps.ts): at most `steps`, fewer when the last warm-up round shows they
 * would take over `budgetMs`, never fewer than `minSteps`. The presets' small CNN takes
 * seconds per step on the emulated GPUs here (tens of seconds on the CPU), so it gets one
 * or two steps and no metrics step; the MLP variant gets more.
 */
const STEP_PLAN = QUICK
  ? { mlp: { warmup: 1, steps: 4, minSteps: 2, budgetMs: 3_000, metricsStep: true }, cnn: { warmup: 1, steps: 1, minSteps: 1, budgetMs: 0, metricsStep: false } }
  : { mlp: { warmup: 2, steps: 10, minSteps: 3, budgetMs: 12_000, metricsStep: true }, cnn: { warmup: 1, steps: 3, minSteps: 1, budgetMs: 8_000, metricsStep: false } };
/**
 * Seconds of CNN timing per backend. Presets run cheapest first (by batch × width² × depth);
 * once a backend has used its budget, its remaining CNN presets are reported as not timed.
 */
const CNN_BUDGET_SECONDS = QUICK ? 10 : 180;
/**
 * Engine runs for the memory check (MLP in place of the CNN): on the fastest backend
 * MEMORY_LONG steps of MEMORY_LONG_PRESET and MEMORY_SHORT steps of every other preset;
 * on the other backends MEMORY_OTHERS steps of MEMORY_LONG_PRESET (webgpu: half).
 */
const MEMORY_LONG = QUICK ? 100 : 1000;
const MEMORY_SHORT = QUICK ? 20 : 200;
const MEMORY_OTHERS = QUICK ? 20 : 100;
/** The preset with the most state kept across steps (running means and correlation matrices of both views). */
const MEMORY_LONG_PRESET = 'corinfomax';
/** Engine steps before the baseline: Adam's moments, method state and GPU copies are created lazily. */
const MEMORY_WARMUP = QUICK ? 10 : 20;
/**
 * The long-task window per backend, from the app's first metrics report: at least
 * LONGTASK_SECONDS, then until LONGTASK_REPORTS more reports arrived, at most LONGTASK_MAX_SECONDS.
 */
const LONGTASK_SECONDS = QUICK ? 10 : 20;
const LONGTASK_REPORTS = QUICK ? 5 : 10;
const LONGTASK_MAX_SECONDS = QUICK ? 15 : 45;

/** A rough cost of one CNN step of a preset: batch × width² × depth. */
const cnnCost = (config) => config.batchSize * config.width ** 2 * config.depth;

const log = (...m) => console.error('[bench]', ...m);
const fmt = (x, digits = 1) => (x === null || x === undefined || Number.isNaN(x) ? 'n/a' : x >= 1000 ? x.toFixed(0) : x.toFixed(digits));
const ratio = (a, b) => (a === null || b === null || !b ? 'n/a' : `${(a / b).toFixed(2)}×`);
const mb = (bytes) => (bytes === null || bytes === undefined ? 'n/a' : `${(bytes / 2 ** 20).toFixed(2)} MiB`);

/** Starts `vite preview` on the build to measure (scripts/lib/browser.mjs). */
const startPreview = () => startPreviewOf({ dist: DIST, probe: 'bench.html', hint: '`npm run build` first (npm run bench does)' });

closeOnSignals((...m) => log(...m));

/**
 * Opens a page in a browser of its own (so work a previous page left queued in the shared
 * GPU process cannot slow it) and forwards its errors to the log.
 */
async function openPage(url, init) {
  const browser = await launch();
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => log(`page error (${url}): ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) log(`console error (${url}): ${m.text().slice(0, 300)}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) log(`${r.status()} for ${r.url()}`);
  });
  if (init) await page.addInitScript(init);
  await page.goto(url);
  return { page, close: () => browser.close() };
}

// ---------------------------------------------------------------------------------------
// 1. Kernels.

async function benchKernels(base) {
  const { page, close } = await openPage(`${base}/bench.html`);
  try {
    await page.waitForFunction(() => window.__bench, null, { timeout: 60_000 });
    let info;
    try {
      info = await page.evaluate(() => window.__bench.start('webgpu'));
    } catch (e) {
      return { error: `WebGPU did not start: ${e.message.split('\n')[0]}`, rows: [] };
    }
    if (info.id !== 'webgpu') return { error: `WebGPU is not available here (${info.skipped.map((s) => `${s.id}: ${s.why}`).join('; ')})`, rows: [] };
    const kernels = await page.evaluate(() => window.__bench.kernels());
    const rows = [];
    for (const kernel of kernels) {
      for (const d of KERNEL_SIZES) {
        const row = { kernel, d };
        for (const path of ['webgpu', 'readback', 'composed']) {
          try {
            row[path] = await page.evaluate(([k, dd, p, it, b]) => window.__bench.timeKernel(k, dd, p, it, b), [kernel, d, path, KERNEL_ITERS, KERNEL_BUDGET_MS]);
          } catch (e) {
            row[path] = { error: e.message.split('\n')[0] };
          }
        }
        const show = (t) => (t.error ? `failed (${t.error})` : `${fmt(t.ms, 2)} ms ×${t.iters} (err ${t.relError === null ? 'n/a' : t.relError.toExponential(1)})`);
        log(`kernel ${kernel} D=${d}: WGSL ${show(row.webgpu)}, read-back ${show(row.readback)}, composed ${show(row.composed)}`);
        rows.push(row);
      }
    }
    return { error: null, info, rows };
  } finally {
    await close();
  }
}

// ---------------------------------------------------------------------------------------
// 2. Training steps per backend and preset, with reads per step.

async function benchSteps(base) {
  const out = { presets: [], tfjs: '', backends: {} };
  for (const backend of BACKENDS) {
    const { page, close } = await openPage(`${base}/bench.html`);
    const started = Date.now();
    try {
      await page.waitForFunction(() => window.__bench, null, { timeout: 60_000 });
      const { tfjs, presets } = await page.evaluate(() => window.__bench.presets());
      out.tfjs = tfjs;
      out.presets = PRESET_FILTER ? presets.filter((p) => PRESET_FILTER.includes(p.id)) : presets;
      let info;
      try {
        info = await page.evaluate((b) => window.__bench.start(b), backend);
      } catch (e) {
        out.backends[backend] = { skipped: `could not start: ${e.message.split('\n')[0]}`, rows: [] };
        continue;
      }
      if (info.id !== backend) {
        out.backends[backend] = { skipped: `not available (${info.skipped.map((s) => `${s.id}: ${s.why}`).join('; ')})`, rows: [] };
        continue;
      }
      const rows = [];
      let cnnSeconds = 0;
      let cnnRate = 0;
      let cnnRateCost = 0;
      for (const model of ['mlp', 'cnn']) {
        const order = model === 'cnn' ? [...out.presets].sort((a, b) => cnnCost(a.config) - cnnCost(b.config)) : out.presets;
        for (const preset of order) {
          const config = { ...preset.config, model };
          const plan = STEP_PLAN[model];
          const row = { preset: preset.id, model, methods: preset.config.methods, plan };
          rows.push(row);
          // tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter; the engine refuses the CNN there.
          if (backend === 'wasm' && model === 'cnn') {
            row.skipped = 'the engine refuses the CNN on WASM: no Conv2DBackpropFilter in tfjs-backend-wasm 4.22';
            continue;
          }
          // Seconds per unit of cnnCost of the costliest row so far (small rows carry fixed overheads) predicts this one.
          const estimate = cnnRate * cnnCost(config);
          if (model === 'cnn' && cnnSeconds + estimate > CNN_BUDGET_SECONDS) {
            row.skipped = `not timed: over this backend's CNN budget (${fmt(cnnSeconds, 0)} s used + about ${fmt(estimate, 0)} s predicted > ${CNN_BUDGET_SECONDS} s)`;
            log(`steps ${backend} ${model} ${preset.id}: ${row.skipped}`);
            continue;
          }
          const t0 = Date.now();
          try {
            const { base: b, method: m } = await page.evaluate(([c, p]) => window.__bench.time(c, p), [config, plan]);
            row.base = b;
            row.method = m;
          } catch (e) {
            row.error = e.message.split('\n')[0].replace(/^page\.evaluate: (Error: )?/, '');
          }
          row.seconds = (Date.now() - t0) / 1000;
          if (model === 'cnn') {
            cnnSeconds += row.seconds;
            if (cnnCost(config) >= cnnRateCost) {
              cnnRate = cnnCost(config) === cnnRateCost ? Math.max(cnnRate, row.seconds / cnnCost(config)) : row.seconds / cnnCost(config);
              cnnRateCost = cnnCost(config);
            }
          }
          log(`steps ${backend} ${model} ${preset.id}: base ${fmt(row.base?.medianMs)} ms, with ${preset.config.methods.join('+') || '(none)'} ${fmt(row.method?.medianMs)} ms (${row.base?.steps ?? 0} steps), reads/step ${row.base?.readsPerStep ?? 'n/a'}/${row.method?.readsPerStep ?? 'n/a'} (${fmt(row.seconds)} s)${row.error ? `, error: ${row.error}` : ''}`);
        }
      }
      out.backends[backend] = { info, rows, seconds: (Date.now() - started) / 1000 };
    } finally {
      await close();
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// 3. Memory across N engine steps.

/**
 * The backend with the lowest median MLP base step, summed over the presets every timed
 * backend ran; without step timings, the first of --backends (noted in the report).
 */
function fastestBackend(steps) {
  if (FASTEST) return { id: FASTEST, measured: false, given: true };
  const timed = BACKENDS.filter((b) => steps?.backends[b]?.rows?.some((r) => r.model === 'mlp' && r.base));
  if (!timed.length) return { id: BACKENDS[0], measured: false };
  const mlpBase = (b, preset) => steps.backends[b].rows.find((r) => r.model === 'mlp' && r.preset === preset && r.base)?.base.medianMs;
  const common = steps.presets.map((p) => p.id).filter((id) => timed.every((b) => mlpBase(b, id) !== undefined));
  const total = (b) => common.reduce((a, id) => a + mlpBase(b, id), 0);
  const id = timed.reduce((best, b) => (total(b) < total(best) ? b : best));
  return { id, measured: true, over: common };
}

async function benchMemory(base, presets, fastest) {
  const rows = [];
  const long = presets.find((p) => p.id === MEMORY_LONG_PRESET) ?? presets[0];
  const runs = [];
  for (const backend of BACKENDS) {
    if (backend === fastest.id) {
      runs.push({ backend, preset: long, steps: MEMORY_LONG });
      for (const preset of presets) if (preset !== long) runs.push({ backend, preset, steps: MEMORY_SHORT });
    } else {
      runs.push({ backend, preset: long, steps: backend === 'webgpu' ? Math.ceil(MEMORY_OTHERS / 2) : MEMORY_OTHERS });
    }
  }
  for (const { backend, preset, steps } of runs) {
    // The MLP variant: the CNN takes seconds per step on the emulated GPUs here.
    const config = { ...preset.config, backend, model: 'mlp' };
    const { page, close } = await openPage(`${base}/bench.html`);
    try {
      await page.waitForFunction(() => window.__bench, null, { timeout: 60_000 });
      const run = await page.evaluate(([c, w, n, t]) => window.__bench.engine(c, w, n, t), [config, MEMORY_WARMUP, steps, 20 * 60_000]);
      log(`memory ${backend} ${preset.id}: ${run.stepsDone}/${steps} steps in ${fmt(run.seconds)} s, tensors ${run.before.numTensors} -> ${run.after.numTensors}, bytes ${mb(run.before.numBytes)} -> ${mb(run.after.numBytes)}, GPU ${mb(run.before.numBytesInGPU)} -> ${mb(run.after.numBytesInGPU)}, reads ${run.reads}`);
      rows.push({ ...run, backend, ranOn: run.backend?.id ?? null, preset: preset.id });
    } catch (e) {
      rows.push({ backend, preset: preset.id, error: e.message.split('\n')[0] });
      log(`memory ${backend} ${preset.id} failed: ${e.message.split('\n')[0]}`);
    } finally {
      await close();
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------
// 4. Main-thread long tasks while the app trains.

/** Registered before the app's scripts: records every long task of the page's main thread. */
function longTaskObserver() {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
}

async function benchLongTasks(base) {
  const rows = [];
  for (const backend of BACKENDS) {
    // The MLP: with the CNN the emulated GPUs here take seconds per step and few reports arrive in the window.
    const { page, close } = await openPage(`${base}/index.html?backend=${backend}&m=mlp`, longTaskObserver);
    try {
      // The app starts training by itself once the run is built; press Play if it did not.
      await page.waitForFunction(() => window.__collapseLab && /idle|paused|running/.test(window.__collapseLab.snapshot().state), null, { timeout: 120_000 });
      if ((await page.evaluate(() => window.__collapseLab.snapshot().state)) !== 'running') await page.evaluate(() => window.__collapseLab.send({ type: 'start' }));
      // The window opens at the first metrics report: shaders are compiled and charts are drawing.
      await page.waitForFunction(() => window.__collapseLab.snapshot().history.length > 0, null, { timeout: 180_000 });
      const start = await page.evaluate(() => ({
        t: performance.now(),
        step: window.__collapseLab.snapshot().latest?.step ?? 0,
        reports: window.__collapseLab.snapshot().history.length,
        boot: { tasks: window.__longTasks.length, ms: window.__longTasks.reduce((a, t) => a + t.duration, 0), max: window.__longTasks.reduce((a, t) => Math.max(a, t.duration), 0) },
      }));
      await page.waitForTimeout(LONGTASK_SECONDS * 1000);
      await page
        .waitForFunction((n) => window.__collapseLab.snapshot().history.length >= n, start.reports + LONGTASK_REPORTS, { timeout: (LONGTASK_MAX_SECONDS - LONGTASK_SECONDS) * 1000, polling: 250 })
        .catch(() => {});
      const res = await page.evaluate((since) => {
        const s = window.__collapseLab.snapshot();
        const tasks = window.__longTasks.filter((t) => t.start >= since);
        return {
          state: s.state,
          step: s.latest?.step ?? 0,
          reports: s.history.length,
          backend: s.backend?.id ?? null,
          model: s.config.model,
          objective: s.config.objective,
          metricsEvery: s.config.metricsEvery,
          notices: s.notices.filter((n) => n.level !== 'info').map((n) => `${n.code}: ${n.message}`),
          count: tasks.length,
          totalMs: tasks.reduce((a, t) => a + t.duration, 0),
          maxMs: tasks.reduce((a, t) => Math.max(a, t.duration), 0),
          seconds: (performance.now() - since) / 1000,
        };
      }, start.t);
      await page.evaluate(() => window.__collapseLab.send({ type: 'pause' }));
      const row = { requested: backend, boot: start.boot, ...res, stepsInWindow: res.step - start.step, reportsInWindow: res.reports - start.reports };
      log(`long tasks ${backend}: ${row.count} (${fmt(row.totalMs)} ms total, max ${fmt(row.maxMs)} ms) in ${fmt(row.seconds)} s of training on ${row.backend}, steps ${start.step} -> ${row.step}, ${row.reportsInWindow} reports; boot ${row.boot.tasks} (${fmt(row.boot.ms)} ms)`);
      rows.push(row);
    } catch (e) {
      rows.push({ requested: backend, error: e.message.split('\n')[0] });
      log(`long tasks ${backend} failed: ${e.message.split('\n')[0]}`);
    } finally {
      await close();
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------
// Report.

/** Milliseconds of a kernel path, or null when it failed. */
const kms = (t) => (t && !t.error ? t.ms : null);
/** Markdown-safe one-line text. */
const cell = (text, max = 160) => String(text).replace(/\|/g, '/').replace(/\s+/g, ' ').slice(0, max);

function kernelCell(t) {
  if (!t) return 'n/a';
  if (t.error) return `failed: ${cell(t.error, 80)}`;
  return `${t.note ? '≥ ' : ''}${fmt(t.ms, 2)}${t.iters === 0 ? ' †' : ''}`;
}

function kernelTable(k, cfg) {
  if (!k) return [];
  const lines = ['## 1. WGSL kernels vs read-back vs composed tfjs ops', ''];
  if (k.error) return [...lines, `Skipped: ${k.error}`, ''];
  lines.push(
    'Milliseconds per call on WebGPU, all three paths on the same page, device and input (a fresh GPU-resident copy per call, as inside a training step;',
    'one read of the last output included). *WGSL*: the registered kernel. *Read-back*: await the input on the CPU, float64 reference there, upload the result.',
    '*Composed*: the same result from stock tfjs ops (src/bench/composedOps.ts): the covariance as mean, sub and matMul; the log det and the inverse through a',
    'Cholesky composed column by column (tfjs has no Cholesky or triangular solve), about ten small ops per column. SymEigvals has no practical tfjs',
    'composition (no eigen-solver): its composed figure is a single tf.linalg.qr, a lower bound (≥) for a QR-algorithm eigen-solver, which needs on the order of D of them.',
    `Inputs: CovarianceCentered Z [2D, D] Gaussian; the others (1/2D) XᵀX + 0.1 I. Calls per figure: up to ${cfg.kernelIters} after a warm-up, fewer where the warm-up showed they would take over ${cfg.kernelBudgetMs / 1000} s;`,
    `† marks a composed figure that is the warm-up call itself (calls 0), because it alone took over ${cfg.kernelBudgetMs / 1000} s: those composed calls are hundreds of small ops, bound by dispatch more than by shader compilation; in an earlier full run such warm-up calls were 0–30% slower than a timed repeat, so a † ratio may favour WGSL by that much.`,
    'Error: max |output − float64 reference| / max(1, max |reference|), of the warm-up call.',
    '',
    '| kernel | D | WGSL ms | read-back ms | composed ms | read-back / WGSL | composed / WGSL | calls | error WGSL / read-back / composed |',
    '|---|---:|---:|---:|---:|---:|---:|---|---|',
  );
  const err = (t) => (t && !t.error && t.relError !== null && t.relError !== undefined ? t.relError.toExponential(0) : '—');
  const iters = (t) => (t && !t.error ? t.iters : '–');

  for (const r of k.rows) {
    const composedRatio = kms(r.composed) === null ? 'n/a' : `${r.composed.note ? '≥ ' : ''}${ratio(kms(r.composed), kms(r.webgpu))}`;
    lines.push(
      `| ${r.kernel} | ${r.d} | ${kernelCell(r.webgpu)} | ${kernelCell(r.readback)} | ${kernelCell(r.composed)} | ${ratio(kms(r.readback), kms(r.webgpu))} | ${composedRatio} | ${iters(r.webgpu)}/${iters(r.readback)}/${iters(r.composed)} | ${err(r.webgpu)} / ${err(r.readback)} / ${err(r.composed)} |`,
    );
  }
  lines.push('', 'A ratio above 1× means the WGSL kernel is faster; below 1×, the alternative is faster on this emulated GPU.', '');
  return lines;
}

/** The step rows of one backend and model, by preset id. */
function stepRow(s, backend, model, preset) {
  return s.backends[backend]?.rows?.find((r) => r.model === model && r.preset === preset) ?? null;
}

/** A short reason a row has no timing. */
function whyNot(s, backend, r) {
  const b = s.backends[backend];
  if (!b) return 'n/a (not run)';
  if (b.skipped) return `n/a (${cell(b.skipped, 80)})`;
  if (!r) return 'n/a';
  if (r.skipped) return `n/a (${cell(r.skipped, 120)})`;
  if (r.error) return `failed: ${cell(r.error, 120)}`;
  return null;
}

function stepTables(s, cfg) {
  if (!s) return [];
  const backends = cfg.backends.filter((b) => s.backends[b]);
  const plan = cfg.stepPlan;
  const lines = ['## 2. Training step per backend and preset; seed-method overhead', ''];
  lines.push(
    "Trainer.trainStep then waitForGpu, as the engine's loop runs it (WebGPU: flush tfjs's encoder and wait for the queue, no read; elsewhere one drain read",
    "outside the read counter so that no queued work spills into the next step). Each preset's config runs interleaved with its *base* (the same config with its",
    'seed methods off), step for step, on the page (the app runs the same code in its worker), so load from other processes hits both alike; figures are',
    'medians of single steps, warm-up excluded. Each preset runs with its own model (the small CNN) and with the MLP in its place.',
    `Steps: MLP ${plan.mlp.warmup} warm-up then ${plan.mlp.minSteps}–${plan.mlp.steps} timed (fewer when a round would exceed ${plan.mlp.budgetMs / 1000} s); CNN ${plan.cnn.warmup} warm-up then ${plan.cnn.minSteps}–${plan.cnn.steps} timed`,
    `(budget ${plan.cnn.budgetMs / 1000} s), cheapest presets first, and a preset is skipped when the rows before it predict it would take the backend past ${cfg.cnnBudgetSeconds} s of CNN. CNN figures rest on one to three steps: read them as rough.`,
    '',
    '### Base step, median ms (ratio to the fastest backend in the row)',
    '',
    `| model | preset | ${backends.join(' | ')} |`,
    `|---|---|${backends.map(() => '---:|').join('')}`,
  );
  for (const model of ['mlp', 'cnn']) {
    for (const p of s.presets) {
      const cells = backends.map((b) => stepRow(s, b, model, p.id));
      const ms = cells.map((r) => r?.base?.medianMs ?? null);
      const best = Math.min(...ms.filter((m) => m !== null));
      lines.push(`| ${model} | ${p.id} | ${cells.map((r, i) => (ms[i] === null ? whyNot(s, backends[i], r) : `${fmt(ms[i])} (${ratio(ms[i], best)})`)).join(' | ')} |`);
    }
  }
  lines.push(
    '',
    '### Seed-method overhead: with method / base (median ms with method in brackets)',
    '',
    `| model | preset | method | ${backends.join(' | ')} |`,
    `|---|---|---|${backends.map(() => '---:|').join('')}`,
  );
  for (const model of ['mlp', 'cnn']) {
    for (const p of s.presets) {
      if (!p.config.methods.length) continue;
      const cells = backends.map((b) => {
        const r = stepRow(s, b, model, p.id);
        const why = whyNot(s, b, r);
        if (why) return why;
        return r.method ? `${ratio(r.method.medianMs, r.base.medianMs)} (${fmt(r.method.medianMs)})` : 'n/a';
      });
      lines.push(`| ${model} | ${p.id} | ${p.config.methods.join(', ')} | ${cells.join(' | ')} |`);
    }
  }
  lines.push(
    '',
    'The base of cir and sim is the same supervised run, and that of corinfomax is the naive preset; each is re-measured next to its method. The `naive`',
    'preset has no seed method. The CNN cannot train on WASM: tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter and the engine refuses that combination.',
    '',
  );
  const errors = backends.flatMap((b) => s.backends[b].rows?.filter((r) => r.error).map((r) => `${b} ${r.model} ${r.preset}: ${cell(r.error, 240)}`) ?? []);
  if (errors.length) lines.push('Failures:', '', ...errors.map((e) => `- ${e}`), '');
  return lines;
}

function readTables(s, mem, cfg) {
  if (!s && !mem) return [];
  const lines = ['## 3. GPU-to-CPU reads per training step', ''];
  lines.push(
    "Calls of the active backend's read / readSync / readToGPU, wrapped while the steps run (every tensor.data(), dataSync() and array() goes through them).",
    'The goal is none outside the metrics step every K steps. On WASM and CPU these are reads of CPU memory (tfjs kernels there call readSync internally), listed for completeness.',
    'On WebGL the log-determinant and inverse kernels are the read-back ones by design (src/kernels/logdet/register.ts: WGSL exists for WebGPU only), so a',
    'method that takes a log det (CorInfoMax) reads synchronously in every step there; on WebGPU the WGSL kernels keep it on the GPU.',
    '',
  );
  if (s) {
    const backends = cfg.backends.filter((b) => s.backends[b]);
    lines.push(
      'Per non-metrics step, base / with method (from section 2):',
      '',
      `| model | preset | ${backends.join(' | ')} |`,
      `|---|---|${backends.map(() => '---|').join('')}`,
    );
    for (const model of ['mlp', 'cnn']) {
      for (const p of s.presets) {
        const cells = backends.map((b) => {
          const r = stepRow(s, b, model, p.id);
          if (!r?.base) return '–';
          const by = r.method && r.method.readsPerStep > 0 ? ` (${Object.entries(r.method.readsByMethod).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n / r.method.steps}`).join(', ')})` : '';
          return `${fmt(r.base.readsPerStep, 1)} / ${r.method ? fmt(r.method.readsPerStep, 1) : '–'}${by}`;
        });
        lines.push(`| ${model} | ${p.id} | ${cells.join(' | ')} |`);
      }
    }
    lines.push('', 'Reads in one metrics step with evaluation (MLP, base / with method):', '', `| preset | ${backends.join(' | ')} |`, `|---|${backends.map(() => '---|').join('')}`);
    for (const p of s.presets) {
      const cells = backends.map((b) => {
        const r = stepRow(s, b, 'mlp', p.id);
        return r?.base ? `${r.base.readsPerMetricsStep ?? '–'} / ${r.method?.readsPerMetricsStep ?? '–'}` : '–';
      });
      lines.push(`| ${p.id} | ${cells.join(' | ')} |`);
    }
    lines.push('');
  }
  if (mem?.length) {
    lines.push(
      'Over whole engine runs (section 4: metrics every K steps, evaluation on every 4th report, a weight snapshot every 50 steps):',
      '',
      '| backend | preset | steps | metrics reports | reads | reads per report | reads per step |',
      '|---|---|---:|---:|---:|---:|---:|',
    );
    for (const r of mem) if (!r.error && r.stepsDone) lines.push(`| ${r.backend} | ${r.preset} | ${r.stepsDone} | ${r.metricsReports} | ${r.reads} | ${fmt(r.reads / Math.max(r.metricsReports, 1))} | ${fmt(r.reads / r.stepsDone, 2)} |`);
    lines.push('');
  }
  return lines;
}

function memoryTable(mem, fastest, cfg) {
  if (!mem) return [];
  const lines = ['## 4. Tensors and GPU bytes before and after N engine steps', ''];
  lines.push(
    `The real Engine (metrics every K steps, evaluation, weight snapshots) on a fresh page, with the MLP in place of the CNN: ${cfg.memoryWarmup} warm-up steps (Adam's moments,`,
    'method state, GPU copies and buffer pools are created lazily), then N steps; tf.memory() is read with the engine idle after its last report. Fastest backend',
    `(${fastest.measured ? `lowest summed median MLP base step in section 2` : fastest.given ? 'given with --fastest' : 'not measured; the first backend listed'}): **${fastest.id}**, with N = ${cfg.memoryLong} for ${cfg.memoryLongPreset} (the preset with the most state kept across steps) and`,
    `${cfg.memoryShort} for the other presets; the other backends run ${cfg.memoryOthers} steps of ${cfg.memoryLongPreset} (webgpu ${Math.ceil(cfg.memoryOthers / 2)}). GPU bytes are tfjs's bytes in live GPU`,
    "buffers or textures (webgpu, webgl; n/a elsewhere); *allocated* adds the backend's pool of freed buffers kept for reuse.",
    '',
    '| backend | preset | N | seconds | tensors: fresh; after warm-up → after N | bytes after warm-up → after N | GPU bytes: fresh; after warm-up → after N | GPU allocated after warm-up → after N | notes |',
    '|---|---|---:|---:|---|---|---|---|---|',
  );
  for (const r of mem) {
    if (r.error) {
      lines.push(`| ${r.backend} | ${r.preset} | | | failed: ${cell(r.error)} | | | | |`);
      continue;
    }
    const notes = [r.ranOn && r.ranOn !== r.backend ? `ran on ${r.ranOn}` : '', r.stepsDone < r.stepsRequested ? `stopped at ${r.stepsDone} of ${r.stepsRequested}` : '', ...r.notices.filter((n) => !n.startsWith('info'))].filter(Boolean).join('; ');
    const dt = r.after.numTensors - r.before.numTensors;
    lines.push(
      `| ${r.backend} | ${r.preset} | ${r.stepsDone} | ${fmt(r.seconds)} | ${r.fresh.numTensors}; ${r.before.numTensors} → ${r.after.numTensors} (${dt >= 0 ? '+' : ''}${dt}) | ${mb(r.before.numBytes)} → ${mb(r.after.numBytes)} | ${mb(r.fresh.numBytesInGPU)}; ${mb(r.before.numBytesInGPU)} → ${mb(r.after.numBytesInGPU)} | ${mb(r.before.numBytesInGPUAllocated)} → ${mb(r.after.numBytesInGPUAllocated)} | ${cell(notes, 300)} |`,
    );
  }
  lines.push('');
  return lines;
}

function longTaskTable(lt, cfg) {
  if (!lt) return [];
  const lines = ['## 5. Main-thread long tasks while the app trains', ''];
  lines.push(
    'The built app (index.html?backend=…&m=mlp: the default run, shapes with VICReg, with the MLP in place of the CNN so that several metrics reports arrive',
    `in the window) trains in its worker; a PerformanceObserver registered before the app's scripts records long tasks (> 50 ms) on the page's main thread. The window`,
    `opens at the first metrics report (shaders compiled, charts drawing) and lasts ${cfg.longtaskSeconds} s, then until ${cfg.longtaskReports} reports have arrived in it, ${cfg.longtaskMaxSeconds} s at most;`,
    'boot is everything before it (page load, worker start, run build, first steps).',
    '',
    '| requested | ran on | model | window s | steps in window | reports in window | long tasks in window | per report | total ms | longest ms | boot: long tasks (total ms, longest) | notes |',
    '|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|',
  );
  for (const r of lt) {
    if (r.error) {
      lines.push(`| ${r.requested} | | | | | | failed: ${cell(r.error)} | | | | | |`);
      continue;
    }
    lines.push(`| ${r.requested} | ${r.backend} | ${r.model} | ${fmt(r.seconds, 0)} | ${r.stepsInWindow} | ${r.reportsInWindow} | ${r.count} | ${r.reportsInWindow ? fmt(r.count / r.reportsInWindow, 2) : 'n/a'} | ${fmt(r.totalMs)} | ${fmt(r.maxMs)} | ${r.boot.tasks} (${fmt(r.boot.ms)} ms, ${fmt(r.boot.max)} ms) | ${cell(r.notices.join('; '), 240)} |`);
  }
  lines.push('');
  return lines;
}

function headline(raw) {
  const { kernels: k, steps: s, memory: mem, longtasks: lt, settings: cfg } = raw;
  const out = [];
  if (k?.rows?.length) {
    for (const name of [...new Set(k.rows.map((r) => r.kernel))]) {
      const rows = k.rows.filter((r) => r.kernel === name);
      const rb = rows.map((r) => `${r.d}: ${ratio(kms(r.readback), kms(r.webgpu))}`).join(', ');
      const cp = rows.map((r) => `${r.d}: ${kms(r.composed) === null ? 'n/a' : `${r.composed.note ? '≥ ' : ''}${ratio(kms(r.composed), kms(r.webgpu))}`}`).join(', ');
      out.push(`${name}, WGSL speed-up over read-back at D = ${rb}; over composed tfjs ops: ${cp}.`);
    }
  }
  if (s) {
    const backends = cfg.backends.filter((b) => s.backends[b]?.rows?.length);
    for (const model of ['mlp', 'cnn']) {
      const base = (b, id) => stepRow(s, b, model, id)?.base?.medianMs;
      const timed = backends.filter((b) => s.presets.some((p) => base(b, p.id) !== undefined));
      const common = s.presets.filter((p) => timed.every((b) => base(b, p.id) !== undefined)).map((p) => p.id);
      if (!timed.length) continue;
      if (common.length) {
        const means = timed.map((b) => common.reduce((a, id) => a + base(b, id), 0) / common.length);
        const best = Math.min(...means);
        out.push(`Mean base step, ${model.toUpperCase()} (over ${common.join(', ')}): ${timed.map((b, i) => `${b} ${fmt(means[i])} ms (${ratio(means[i], best)})`).join(', ')}${backends.length > timed.length ? `; ${backends.filter((b) => !timed.includes(b)).join(', ')} n/a` : ''}.`);
      } else {
        out.push(`Base step, ${model.toUpperCase()}: no preset was timed on every backend (see section 2).`);
      }
    }
    const over = [];
    for (const p of s.presets.filter((q) => q.config.methods.length)) {
      const parts = backends.map((b) => {
        const r = stepRow(s, b, 'mlp', p.id);
        return r?.method ? `${b} ${ratio(r.method.medianMs, r.base.medianMs)}` : null;
      }).filter(Boolean);
      if (parts.length) over.push(`${p.config.methods.join('+')} ${parts.join(' / ')}`);
    }
    if (over.length) out.push(`Method overhead (with / without, MLP): ${over.join('; ')}.`);
    const reads = backends.filter((b) => b === 'webgpu' || b === 'webgl').map((b) => {
      const rows = s.backends[b].rows.filter((r) => r.base);
      const nonzero = rows.filter((r) => r.base.readsPerStep > 0 || (r.method?.readsPerStep ?? 0) > 0);
      const max = Math.max(0, ...rows.flatMap((r) => [r.base.readsPerStep, r.method?.readsPerStep ?? 0]));
      return `${b} ${fmt(max, 1)} max${nonzero.length ? ` (non-zero: ${nonzero.map((r) => `${r.model} ${r.preset} ${fmt(r.base.readsPerStep, 1)}/${fmt(r.method?.readsPerStep ?? 0, 1)}`).join(', ')})` : ' (zero in every preset)'}`;
    });
    if (reads.length) out.push(`GPU reads per non-metrics step: ${reads.join('; ')}.`);
  }
  if (lt?.length) out.push(`Main-thread long tasks while the app trains: ${lt.map((r) => (r.error ? `${r.requested} failed` : `${r.requested}${r.backend !== r.requested ? ` (ran on ${r.backend})` : ''} ${r.count} in ${fmt(r.seconds, 0)} s and ${r.reportsInWindow} reports (longest ${fmt(r.maxMs, 0)} ms)`)).join(', ')}.`);
  if (mem?.length) {
    out.push(`Tensors / GPU bytes before → after N engine steps: ${mem.map((r) => (r.error ? `${r.backend} ${r.preset} failed` : !r.stepsDone ? `${r.backend} ${r.preset}: every step failed (see section 4), tensors ${r.before.numTensors} → ${r.after.numTensors}` : `${r.backend} ${r.preset} N=${r.stepsDone}: ${r.before.numTensors} → ${r.after.numTensors}${r.before.numBytesInGPU === null ? '' : `, ${mb(r.before.numBytesInGPU)} → ${mb(r.after.numBytesInGPU)}`}`)).join('; ')}.`);
  }
  return out.length ? ['## Headline', '', ...out.map((l) => `- ${l}`), ''] : [];
}

// ---------------------------------------------------------------------------------------

/** The commit measured, and whether the working tree had uncommitted changes. */
function gitDescription() {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, encoding: 'utf8' }).trim();
    return dirty ? `commit ${head} plus uncommitted changes in the working tree` : `commit ${head}`;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

/** Runs the selected sections; returns the raw measurements. */
async function measure() {
  const started = Date.now();
  const raw = {
    quick: QUICK,
    args,
    command: process.env.npm_lifecycle_event === 'bench' ? `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}` : `node scripts/bench.mjs${args.length ? ` ${args.join(' ')}` : ''}`,
    date: new Date().toISOString(),
    loadBefore: os.loadavg()[0],
    git: gitDescription(),
    machine: {
      cores: os.cpus().length,
      cpu: os.cpus()[0]?.model ?? 'unknown',
      memGiB: (os.totalmem() / 2 ** 30).toFixed(1),
      os: `${os.platform()} ${os.release()}`,
      node: process.version,
      chromiumPath: CHROMIUM,
      chromiumArgs: CHROMIUM_ARGS,
    },
    settings: {
      backends: BACKENDS,
      kernelIters: KERNEL_ITERS,
      kernelBudgetMs: KERNEL_BUDGET_MS,
      stepPlan: STEP_PLAN,
      cnnBudgetSeconds: CNN_BUDGET_SECONDS,
      memoryLong: MEMORY_LONG,
      memoryShort: MEMORY_SHORT,
      memoryOthers: MEMORY_OTHERS,
      memoryLongPreset: MEMORY_LONG_PRESET,
      memoryWarmup: MEMORY_WARMUP,
      longtaskSeconds: LONGTASK_SECONDS,
      longtaskReports: LONGTASK_REPORTS,
      longtaskMaxSeconds: LONGTASK_MAX_SECONDS,
    },
  };
  const preview = await startPreview();
  log(`serving ${relative(root, DIST) || '.'} at ${preview.url}`);
  try {
    const browser = await launch();
    raw.chromium = browser.version();
    await browser.close();
    if (ONLY.includes('kernels')) raw.kernels = await benchKernels(preview.url);
    if (ONLY.includes('steps')) raw.steps = await benchSteps(preview.url);
    if (ONLY.includes('memory')) {
      let presets = raw.steps?.presets;
      if (!presets) {
        const { page, close } = await openPage(`${preview.url}/bench.html`);
        await page.waitForFunction(() => window.__bench, null, { timeout: 60_000 });
        presets = (await page.evaluate(() => window.__bench.presets())).presets.filter((p) => !PRESET_FILTER || PRESET_FILTER.includes(p.id));
        await close();
      }
      raw.fastest = fastestBackend(raw.steps);
      raw.memory = await benchMemory(preview.url, presets, raw.fastest);
    }
    if (ONLY.includes('longtasks')) raw.longtasks = await benchLongTasks(preview.url);
  } finally {
    preview.stop();
  }
  raw.loadAfter = os.loadavg()[0];
  raw.minutes = (Date.now() - started) / 60_000;
  return raw;
}

/** The markdown report of a run's raw measurements. */
function render(raw) {
  const { kernels, steps, memory, longtasks, fastest, settings: cfg, machine: m } = raw;
  const adapter = kernels?.info?.adapter ?? steps?.backends.webgpu?.info?.adapter;
  return [
    '# Collapse Lab benchmark',
    '',
    `> **Measured on an emulated GPU.** ${m.cores} CPU cores and no GPU: WebGPU and WebGL run on SwiftShader, a software GPU on the CPU, in headless Chromium.`,
    '> Absolute times and the backend order say little about a real GPU, where the order changes completely. Ratios measured side by side on the same',
    '> page are the robust part.',
    '',
    `Generated by \`${raw.command}\` on ${raw.date.slice(0, 16).replace('T', ' ')} UTC in ${raw.minutes.toFixed(1)} min${raw.quick ? ' (**quick setting**: few steps and calls, noisy; the default setting runs more)' : ''}; source ${raw.git}.`,
    '',
    '## Machine',
    '',
    `- CPU: ${m.cores} × ${m.cpu}, ${m.memGiB} GiB RAM, ${m.os}, Node ${m.node}; no GPU`,
    `- Browser: headless Chromium ${raw.chromium} (${m.chromiumPath}), flags \`${m.chromiumArgs.join(' ')}\``,
    `- tfjs ${steps?.tfjs || 'n/a'}; WebGPU adapter: ${adapter ? `${adapter.vendor || '?'} / ${adapter.architecture || '?'}${adapter.description ? ` (${adapter.description})` : ''}${adapter.isFallbackAdapter ? ': **software (SwiftShader), the GPU is emulated on the CPU**' : ''}` : 'n/a'}`,
    `- Load average (1 min) at start ${raw.loadBefore.toFixed(1)}, at end ${raw.loadAfter.toFixed(1)} (the benchmark's own browser included), on ${m.cores} cores: other processes running at the same time slow the absolute figures; the side-by-side ratios are robust to it.`,
    '- Benchmarks are this script (`npm run bench`, `--quick` for a short run, `--help` in its header); never timed assertions in tests.',
    '',
    ...headline(raw),
    ...kernelTable(kernels, cfg),
    ...stepTables(steps, cfg),
    ...readTables(steps, memory, cfg),
    ...memoryTable(memory, fastest, cfg),
    ...longTaskTable(longtasks, cfg),
  ]
    .filter((l, i, a) => !(l === '' && a[i - 1] === ''))
    .join('\n');
}

async function main() {
  let raw;
  if (REPORT_FROM) raw = JSON.parse(readFileSync(REPORT_FROM, 'utf8'));
  else {
    raw = await measure();
    // Saved before rendering, so a rendering bug never costs a run: re-render with --report-from.
    const rawFile = JSON_OUT ?? join(RAW_DIR, `${raw.date.replace(/[:.]/g, '-')}${raw.quick ? '-quick' : ''}.json`);
    mkdirSync(dirname(rawFile), { recursive: true });
    writeFileSync(rawFile, `${JSON.stringify(raw, null, 1)}\n`);
    log(`raw measurements in ${rawFile}`);
  }
  const report = render(raw);
  console.log(report);
  if (OUT !== '-') {
    mkdirSync(dirname(OUT), { recursive: true });
    writeFileSync(OUT, `${report}\n`);
    log(`wrote ${relative(root, OUT)} (run took ${raw.minutes.toFixed(1)} min)`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
