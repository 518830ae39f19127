// `npm run bench` (after `npm run build`): serves dist/ with `vite preview`, opens it in
// headless Chromium and measures, in one run:
//   1. each WGSL kernel vs its read-back path and vs a composition of tfjs ops (kernels.html);
//   2. training-step time per backend for each preset, with and without its seed method
//      (the method's overhead), and GPU-to-CPU reads per step (bench.html, src/bench/);
//   3. tensors and GPU bytes before and after N steps of the real Engine (bench.html);
//   4. main-thread long tasks while the real app trains (index.html).
// Prints a markdown report and writes it to bench/RESULTS.md.
//
// Options: --quick (few steps everywhere, about 5 minutes), --only=kernels,steps,memory,longtasks,
// --backends=webgpu,webgl,wasm,cpu, --presets=<ids>, --out=<file> (default bench/RESULTS.md; --out=- prints only), --json=<file> (raw measurements).
// Environment: CHROMIUM_PATH.
// Benchmarks are this script, never timed assertions in tests.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const ONLY = (args.find((a) => a.startsWith('--only='))?.slice(7) ?? 'kernels,steps,memory,longtasks').split(',');
const OUT = args.find((a) => a.startsWith('--out='))?.slice(6) ?? join(root, 'bench/RESULTS.md');
const JSON_OUT = args.find((a) => a.startsWith('--json='))?.slice(7) ?? null;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--enable-unsafe-webgpu'];

const BACKENDS = (args.find((a) => a.startsWith('--backends='))?.slice(11) ?? 'webgpu,webgl,wasm,cpu').split(',');
const PRESET_FILTER = args.find((a) => a.startsWith('--presets='))?.slice(10).split(',') ?? null;
const KERNEL_SIZES = [32, 64, 128, 256];
/** Calls per timing of a kernel at size D (after one warm-up call). */
const kernelIters = (d) => (QUICK ? 2 : d <= 64 ? 10 : d <= 128 ? 5 : 3);
/**
 * Warm-up and timed steps. The presets' small CNN is very slow on the emulated GPUs here
 * (seconds per step on SwiftShader), so it gets few steps; the MLP variant gets more.
 */
const STEP_PLAN = QUICK
  ? { cnn: { warmup: 1, steps: 2 }, mlp: { warmup: 2, steps: 5 } }
  : { cnn: { warmup: 2, steps: 5 }, mlp: { warmup: 3, steps: 20 } };
/** Engine steps for the memory check: the full count on the fastest backend, fewer elsewhere. */
const MEMORY_STEPS_FASTEST = QUICK ? 50 : 1000;
const MEMORY_STEPS_OTHERS = QUICK ? 10 : 100;
/** How long the real app trains while long tasks are counted, per backend. */
const LONGTASK_SECONDS = QUICK ? 8 : 20;

const log = (...m) => console.error('[bench]', ...m);
const fmt = (x, digits = 1) => (x === null || x === undefined || Number.isNaN(x) ? 'n/a' : x >= 1000 ? x.toFixed(0) : x.toFixed(digits));
const ratio = (a, b) => (a === null || b === null || !b ? 'n/a' : `${(a / b).toFixed(2)}×`);
const mb = (bytes) => (bytes === null || bytes === undefined ? 'n/a' : `${(bytes / 2 ** 20).toFixed(2)} MiB`);

/** A free TCP port on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Starts `vite preview` on dist/ and resolves once it answers. */
async function startPreview() {
  if (!existsSync(join(root, 'dist/bench.html'))) throw new Error('dist/bench.html is missing: run `npm run build` first (npm run bench does).');
  const port = await freePort();
  const child = spawn(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`vite preview exited: ${output}`);
    try {
      if ((await fetch(`${url}/bench.html`)).ok) return { url, stop: () => child.kill('SIGTERM') };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGTERM');
  throw new Error(`vite preview did not answer on ${url}: ${output}`);
}

/** Opens a fresh page (own context) and forwards its errors to the log. */
async function openPage(browser, url, init) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => log(`page error (${url}): ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') log(`console error (${url}): ${m.text().slice(0, 300)}`);
  });
  if (init) await page.addInitScript(init);
  await page.goto(url);
  return { page, close: () => context.close() };
}

// ---------------------------------------------------------------------------------------
// 1. Kernels.

async function benchKernels(browser, base) {
  const { page, close } = await openPage(browser, `${base}/kernels.html`);
  try {
    await page.waitForFunction(() => window.__kernels || window.__kernelsError, null, { timeout: 120_000 });
    const error = await page.evaluate(() => window.__kernelsError ?? null);
    if (error) return { error, rows: [] };
    const kernels = await page.evaluate(() => window.__kernels.kernels);
    const rows = [];
    for (const kernel of kernels) {
      for (const d of KERNEL_SIZES) {
        const iters = kernelIters(d);
        const t = {};
        for (const path of ['webgpu', 'readback', 'composed']) {
          t[path] = await page.evaluate(([k, dd, it, p]) => window.__kernels.time(k, dd, it, p), [kernel, d, iters, path]);
        }
        log(`kernel ${kernel} D=${d}: webgpu ${fmt(t.webgpu, 2)} ms, read-back ${fmt(t.readback, 2)} ms, composed ${fmt(t.composed, 2)} ms`);
        rows.push({ kernel, d, iters, ...t });
      }
    }
    return { error: null, rows };
  } finally {
    await close();
  }
}

// ---------------------------------------------------------------------------------------
// 2. Training steps per backend and preset, with reads per step.

async function benchSteps(browser, base) {
  const out = { presets: [], tfjs: '', backends: {} };
  for (const backend of BACKENDS) {
    const { page, close } = await openPage(browser, `${base}/bench.html`);
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
      const baseCache = new Map();
      for (const preset of out.presets) {
        for (const model of ['cnn', 'mlp']) {
          const config = { ...preset.config, model };
          const plan = STEP_PLAN[model];
          const row = { preset: preset.id, model, methods: preset.config.methods, plan };
          rows.push(row);
          // tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter; the engine refuses the CNN there.
          if (backend === 'wasm' && model === 'cnn') {
            row.skipped = 'no convolution gradient in tfjs-backend-wasm';
            continue;
          }
          try {
            const baseKey = JSON.stringify({ ...config, methods: [], params: {} });
            if (!baseCache.has(baseKey)) baseCache.set(baseKey, await page.evaluate(([c, p]) => window.__bench.time(c, p, true), [config, plan]));
            row.base = baseCache.get(baseKey);
            row.method = config.methods.length ? await page.evaluate(([c, p]) => window.__bench.time(c, p, false), [config, plan]) : row.base;
          } catch (e) {
            row.error = e.message.split('\n')[0];
          }
          log(`steps ${backend} ${preset.id} ${model}: base ${fmt(row.base?.msPerStep)} ms, with ${preset.config.methods.join('+') || '(none)'} ${fmt(row.method?.msPerStep)} ms, reads/step ${row.method?.readsPerStep ?? 'n/a'}${row.error ? `, error: ${row.error}` : ''}`);
        }
      }
      out.backends[backend] = { info, rows };
    } finally {
      await close();
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// 3. Memory across N engine steps.

async function benchMemory(browser, base, presets, fastest) {
  const rows = [];
  for (const backend of BACKENDS) {
    for (const preset of presets) {
      // The MLP variant: the CNN takes seconds per step on the emulated GPUs here.
      const config = { ...preset.config, backend, model: 'mlp' };
      const steps = backend === fastest ? MEMORY_STEPS_FASTEST : MEMORY_STEPS_OTHERS;
      // Only the fastest backend runs every preset; the others run the first one.
      if (backend !== fastest && preset !== presets[0]) continue;
      const { page, close } = await openPage(browser, `${base}/bench.html`);
      try {
        await page.waitForFunction(() => window.__bench, null, { timeout: 60_000 });
        const run = await page.evaluate(([c, n, t]) => window.__bench.engine(c, n, t), [config, steps, 40 * 60_000]);
        log(`memory ${backend} ${preset.id}: ${run.stepsDone}/${steps} steps in ${fmt(run.seconds)} s, tensors ${run.before.numTensors} -> ${run.after.numTensors}, GPU ${mb(run.before.numBytesInGPU)} -> ${mb(run.after.numBytesInGPU)}`);
        rows.push({ backend, preset: preset.id, ...run });
      } catch (e) {
        rows.push({ backend, preset: preset.id, error: e.message.split('\n')[0] });
      } finally {
        await close();
      }
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

async function benchLongTasks(browser, base) {
  const rows = [];
  for (const backend of BACKENDS) {
    const { page, close } = await openPage(browser, `${base}/index.html?backend=${backend}`, longTaskObserver);
    try {
      await page.waitForFunction(() => window.__collapseLab && /idle|paused/.test(window.__collapseLab.snapshot().state), null, { timeout: 120_000 });
      const boot = await page.evaluate(() => ({ tasks: window.__longTasks.length, ms: window.__longTasks.reduce((a, t) => a + t.duration, 0) }));
      const snap0 = await page.evaluate(() => window.__collapseLab.snapshot());
      const t0 = await page.evaluate(() => performance.now());
      await page.evaluate(() => window.__collapseLab.send({ type: 'start' }));
      await page.waitForTimeout(LONGTASK_SECONDS * 1000);
      const res = await page.evaluate((since) => {
        const s = window.__collapseLab.snapshot();
        const tasks = window.__longTasks.filter((t) => t.start >= since);
        return {
          state: s.state,
          step: s.step,
          reports: s.history.length,
          backend: s.backend?.id ?? null,
          model: s.config.model,
          notices: s.notices.filter((n) => n.level !== 'info').map((n) => `${n.code}: ${n.message}`),
          count: tasks.length,
          totalMs: tasks.reduce((a, t) => a + t.duration, 0),
          maxMs: tasks.reduce((a, t) => Math.max(a, t.duration), 0),
          seconds: (performance.now() - since) / 1000,
        };
      }, t0);
      await page.evaluate(() => window.__collapseLab.send({ type: 'pause' }));
      log(`long tasks ${backend}: ${res.count} (${fmt(res.totalMs)} ms total, max ${fmt(res.maxMs)} ms) in ${fmt(res.seconds)} s of training on ${res.backend}, step ${snap0.step} -> ${res.step}`);
      rows.push({ requested: backend, boot, ...res });
    } catch (e) {
      rows.push({ requested: backend, error: e.message.split('\n')[0] });
    } finally {
      await close();
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------
// Report.

function kernelTable(k) {
  if (!k) return [];
  const lines = ['## 1. WGSL kernels vs read-back vs composed tfjs ops', ''];
  if (k.error) return [...lines, `Skipped: ${k.error}`, ''];
  lines.push(
    'Milliseconds per call on WebGPU (inputs already on the GPU, one read of the last output included), and how many times faster the WGSL kernel is than',
    '*read-back* (await the input, float64 reference on the CPU, upload the result) and than *composed* (the same result from tfjs ops; only practical for the covariance:',
    'a log det or eigenvalues composed from tf.linalg.qr take seconds per call). Covariance input is Z [2D, D]; the others take a random SPD [D, D].',
    '',
    '| kernel | D | WGSL ms | read-back ms | composed ms | read-back / WGSL | composed / WGSL |',
    '|---|---:|---:|---:|---:|---:|---:|',
  );
  for (const r of k.rows) lines.push(`| ${r.kernel} | ${r.d} | ${fmt(r.webgpu, 2)} | ${fmt(r.readback, 2)} | ${fmt(r.composed, 2)} | ${ratio(r.readback, r.webgpu)} | ${ratio(r.composed, r.webgpu)} |`);
  lines.push('', 'A ratio above 1× means the WGSL kernel is faster. SymEigvalsJacobi is the harness-only parallel-Jacobi alternative to SymEigvals.', '');
  return lines;
}

function stepTables(s) {
  if (!s) return [];
  const lines = ['## 2. Training step per backend and preset; seed-method overhead', ''];
  lines.push(
    'Each preset is timed on each backend with its own model (the small CNN) and with the MLP in its place, twice: *base* (its objective with its seed',
    "methods off) and *with method*. One step is Trainer.trainStep followed by the engine's yield (WebGPU: flush and wait for the queue); ms/step is the",
    'wall time of the timed steps plus one final wait for the backend, divided by the steps (warm-up excluded); the median of single steps is in brackets.',
    `Steps timed: CNN ${STEP_PLAN.cnn.steps} after ${STEP_PLAN.cnn.warmup} warm-up, MLP ${STEP_PLAN.mlp.steps} after ${STEP_PLAN.mlp.warmup}. Runs on the page, not in a worker (the app runs the same code in a worker).`,
    '',
    '| backend | preset | model | method | base ms/step | with method ms/step | method overhead |',
    '|---|---|---|---|---:|---:|---:|',
  );
  for (const backend of BACKENDS) {
    const b = s.backends[backend];
    if (!b) continue;
    if (b.skipped) {
      lines.push(`| ${backend} | all | | | skipped: ${b.skipped} | | |`);
      continue;
    }
    for (const r of b.rows) {
      const lead = `| ${backend} | ${r.preset} | ${r.model} | ${r.methods.join(', ') || '(none)'} |`;
      if (r.skipped) lines.push(`${lead} skipped: ${r.skipped} | | |`);
      else if (r.error) lines.push(`${lead} failed: ${r.error} | | |`);
      else lines.push(`${lead} ${fmt(r.base.msPerStep)} (${fmt(r.base.medianMs)}) | ${r.methods.length ? `${fmt(r.method.msPerStep)} (${fmt(r.method.medianMs)})` : '—'} | ${r.methods.length ? ratio(r.method.msPerStep, r.base.msPerStep) : '—'} |`);
    }
  }
  lines.push('', 'Method overhead = with method / base. The CNN cannot train on WASM: tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter, and the engine refuses that combination.', '');
  lines.push('### Backends side by side', '', 'Mean base ms/step over the presets, and the ratio to the fastest backend for that model.', '', '| model | ' + BACKENDS.join(' | ') + ' |', '|---|' + BACKENDS.map(() => '---:|').join(''));
  for (const model of ['cnn', 'mlp']) {
    const means = BACKENDS.map((backend) => {
      const rows = s.backends[backend]?.rows?.filter((r) => r.model === model && r.base) ?? [];
      return rows.length ? rows.reduce((a, r) => a + r.base.msPerStep, 0) / rows.length : null;
    });
    const best = Math.min(...means.filter((m) => m !== null));
    lines.push(`| ${model} | ${means.map((m) => (m === null ? 'n/a' : `${fmt(m)} ms (${ratio(m, best)})`)).join(' | ')} |`);
  }
  lines.push('');
  return lines;
}

function readTables(s, mem) {
  if (!s && !mem) return [];
  const lines = ['## 3. GPU-to-CPU reads per training step', ''];
  lines.push(
    "Calls of the backend's read / readSync / readToGPU (every tensor.data(), dataSync(), array() goes through them). The goal is none outside the metrics step every K steps.",
    'On WASM and CPU these are reads of CPU memory, listed for completeness.',
    '',
  );
  if (s) {
    lines.push('| backend | preset | model | reads per non-metrics step (base) | reads per non-metrics step (with method) | reads in one metrics step with evaluation |', '|---|---|---|---:|---:|---:|');
    for (const backend of BACKENDS) {
      for (const r of s.backends[backend]?.rows ?? []) {
        if (!r.base) continue;
        lines.push(`| ${backend} | ${r.preset} | ${r.model} | ${fmt(r.base.readsPerStep, 2)} | ${fmt(r.method.readsPerStep, 2)} | ${r.method.readsPerMetricsStep} |`);
      }
    }
    lines.push('');
  }
  if (mem?.length) {
    lines.push('Over whole engine runs (section 4; metrics every K steps, evaluation every 4th report, a weight snapshot every 50 steps):', '', '| backend | preset | steps | metrics reports | reads | reads per report |', '|---|---|---:|---:|---:|---:|');
    for (const r of mem) if (!r.error && r.stepsDone) lines.push(`| ${r.backend} | ${r.preset} | ${r.stepsDone} | ${r.metricsReports} | ${r.reads} | ${fmt(r.reads / Math.max(r.metricsReports, 1))} |`);
    lines.push('');
  }
  return lines;
}

function memoryTable(mem, fastest) {
  if (!mem) return [];
  const lines = ['## 4. Tensors and GPU bytes before and after N steps', ''];
  lines.push(
    `The real Engine (metrics, evaluation and snapshots included) runs N steps of each preset with the MLP in place of the CNN (the CNN takes seconds per step on the emulated GPUs here) from a freshly built run; memory is read when it is idle before and after. N = ${MEMORY_STEPS_FASTEST} on the fastest GPU backend (${fastest}, every preset), ${MEMORY_STEPS_OTHERS} elsewhere (first preset only).`,
    'GPU bytes: bytes in live GPU buffers/textures; allocated includes the backend\'s pool of free buffers for reuse.',
    '',
    '| backend | preset | steps | seconds | tensors before → after | bytes before → after | GPU bytes before → after | GPU allocated before → after | notes |',
    '|---|---|---:|---:|---|---|---|---|---|',
  );
  for (const r of mem) {
    if (r.error) {
      lines.push(`| ${r.backend} | ${r.preset} | | | failed: ${r.error} | | | | |`);
      continue;
    }
    const notes = [r.stepsDone < r.stepsRequested ? `stopped at ${r.stepsDone} of ${r.stepsRequested}` : '', ...r.notices.filter((n) => !n.startsWith('info'))].filter(Boolean).join('; ').replace(/\|/g, '/');
    lines.push(
      `| ${r.backend} | ${r.preset} | ${r.stepsDone} | ${fmt(r.seconds)} | ${r.before.numTensors} → ${r.after.numTensors} (${r.after.numTensors - r.before.numTensors >= 0 ? '+' : ''}${r.after.numTensors - r.before.numTensors}) | ${mb(r.before.numBytes)} → ${mb(r.after.numBytes)} | ${mb(r.before.numBytesInGPU)} → ${mb(r.after.numBytesInGPU)} | ${mb(r.before.numBytesInGPUAllocated)} → ${mb(r.after.numBytesInGPUAllocated)} | ${notes.slice(0, 300)} |`,
    );
  }
  lines.push('');
  return lines;
}

function longTaskTable(lt) {
  if (!lt) return [];
  const lines = ['## 5. Main-thread long tasks while the app trains', ''];
  lines.push(
    `The built app (index.html?backend=…, default preset: shapes, CNN, VICReg) trains for ${LONGTASK_SECONDS} s after Play; a PerformanceObserver registered before the app's scripts counts long tasks (> 50 ms) on the page's main thread (training runs in the worker).`,
    '',
    '| requested | ran on | model | steps in window | metrics reports (total) | long tasks | total ms | longest ms | long tasks during boot | notes |',
    '|---|---|---|---:|---:|---:|---:|---:|---:|---|',
  );
  for (const r of lt) {
    if (r.error) {
      lines.push(`| ${r.requested} | | | | | failed: ${r.error} | | | | |`);
      continue;
    }
    lines.push(`| ${r.requested} | ${r.backend} | ${r.model} | ${r.step} | ${r.reports} | ${r.count} | ${fmt(r.totalMs)} | ${fmt(r.maxMs)} | ${r.boot.tasks} (${fmt(r.boot.ms)} ms) | ${r.notices.join('; ').replace(/\|/g, '/').slice(0, 240)} |`);
  }
  lines.push('');
  return lines;
}

function headline(k, s, mem, lt) {
  const out = [];
  const cov = k?.rows?.filter((r) => r.kernel === 'CovarianceCentered' && r.composed);
  if (cov?.length) out.push(`CovarianceCentered WGSL vs composed tfjs: ${cov.map((r) => `D=${r.d} ${ratio(r.composed, r.webgpu)}`).join(', ')}.`);
  const ld = k?.rows?.filter((r) => r.kernel === 'LogDetSPD');
  if (ld?.length) out.push(`LogDetSPD WGSL vs read-back: ${ld.map((r) => `D=${r.d} ${ratio(r.readback, r.webgpu)}`).join(', ')}.`);
  if (s) {
    const reads = [];
    for (const backend of ['webgpu', 'webgl']) {
      const rows = s.backends[backend]?.rows?.filter((r) => r.method) ?? [];
      if (rows.length) reads.push(`${backend}: max ${Math.max(...rows.flatMap((r) => [r.base.readsPerStep, r.method.readsPerStep]))}`);
    }
    if (reads.length) out.push(`GPU reads per non-metrics step (${reads.join('; ')}).`);
  }
  if (mem?.length) {
    const grow = mem.filter((r) => !r.error && r.after.numTensors !== r.before.numTensors);
    out.push(grow.length ? `Tensor count changed across the engine run in: ${grow.map((r) => `${r.backend}/${r.preset} ${r.before.numTensors} → ${r.after.numTensors}`).join(', ')}.` : 'Tensor count unchanged across every engine run.');
  }
  if (lt?.length) out.push(`Long tasks while training: ${lt.filter((r) => !r.error).map((r) => `${r.requested} ${r.count}`).join(', ')}.`);
  return out.length ? ['## Headline', '', ...out.map((l) => `- ${l}`), ''] : [];
}

// ---------------------------------------------------------------------------------------

async function main() {
  const started = Date.now();
  const loadBefore = os.loadavg()[0];
  const preview = await startPreview();
  log(`serving dist/ at ${preview.url}`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  let kernels, steps, memory, longtasks, fastest;
  try {
    if (ONLY.includes('kernels')) kernels = await benchKernels(browser, preview.url);
    if (ONLY.includes('steps')) steps = await benchSteps(browser, preview.url);
    if (ONLY.includes('memory')) {
      let presets = steps?.presets;
      if (!presets) {
        const { page, close } = await openPage(browser, `${preview.url}/bench.html`);
        await page.waitForFunction(() => window.__bench, null, { timeout: 60_000 });
        presets = (await page.evaluate(() => window.__bench.presets())).presets.filter((p) => !PRESET_FILTER || PRESET_FILTER.includes(p.id));
        await close();
      }
      // The fastest GPU backend by measured mean MLP base step (GPU bytes need a GPU backend).
      let best = Infinity;
      fastest = BACKENDS.includes('webgl') ? 'webgl' : BACKENDS[0];
      for (const backend of ['webgpu', 'webgl'].filter((b) => BACKENDS.includes(b))) {
        const rows = steps?.backends[backend]?.rows?.filter((r) => r.base && r.model === 'mlp') ?? [];
        if (!rows.length) continue;
        const mean = rows.reduce((a, r) => a + r.base.msPerStep, 0) / rows.length;
        if (mean < best) {
          best = mean;
          fastest = backend;
        }
      }
      memory = await benchMemory(browser, preview.url, presets, fastest);
    }
    if (ONLY.includes('longtasks')) longtasks = await benchLongTasks(browser, preview.url);
    const minutes = (Date.now() - started) / 60_000;
    const adapter = steps?.backends.webgpu?.info?.adapter;
    const report = [
      '# Collapse Lab benchmark',
      '',
      `Generated by \`npm run bench${QUICK ? ' -- --quick' : ''}\` (\`node scripts/bench.mjs${args.length ? ` ${args.join(' ')}` : ''}\` after \`npm run build\`) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, in ${minutes.toFixed(1)} min.`,
      QUICK ? '**Quick setting**: few steps and iterations; numbers are noisy.' : '',
      '',
      '## Machine',
      '',
      `- CPU: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.platform()} ${os.release()}, Node ${process.version}`,
      `- Browser: headless Chromium ${browser.version()} (${CHROMIUM}), flags ${CHROMIUM_ARGS.join(' ')}`,
      `- tfjs ${steps?.tfjs || 'n/a'}; WebGPU adapter: ${adapter ? `${adapter.vendor || '?'} / ${adapter.architecture || '?'}${adapter.description ? ` (${adapter.description})` : ''}${adapter.isFallbackAdapter ? ', **fallback adapter: the GPU is emulated on the CPU**' : ''}` : 'n/a'}`,
      `- Load average (1 min) at start ${loadBefore.toFixed(1)}, at end ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores: other work on the machine slows every figure; ratios measured side by side are the robust part.`,
      '- Numbers depend heavily on the machine: on a real GPU the backend order changes completely. Benchmarks are this script, never timed assertions in tests.',
      '',
      ...headline(kernels, steps, memory, longtasks),
      ...kernelTable(kernels),
      ...stepTables(steps),
      ...readTables(steps, memory),
      ...memoryTable(memory, fastest),
      ...longTaskTable(longtasks),
    ]
      .filter((l, i, a) => !(l === '' && a[i - 1] === ''))
      .join('\n');
    console.log(report);
    if (OUT !== '-') {
      mkdirSync(dirname(OUT), { recursive: true });
      writeFileSync(OUT, `${report}\n`);
      if (JSON_OUT) writeFileSync(JSON_OUT, `${JSON.stringify({ quick: QUICK, kernels, steps, memory, longtasks }, null, 1)}\n`);
      log(`wrote ${relative(root, OUT)} in ${minutes.toFixed(1)} min`);
    }
  } finally {
    await browser.close();
    preview.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
