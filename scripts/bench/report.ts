/** The markdown report of a run's raw measurements (bench/RESULTS.md). */
import { datasetSource } from '../../src/data/registry.ts';
import { appHeadline, appTables } from './appReport.ts';
import { beforeAfterTables, type PreviousBench } from './beforeAfter.ts';
import type { BenchPresetConfig, StepTiming } from './benchPage.ts';
import { flopsRatio, stepFlops } from './flops.ts';
import { cell, fmt, mb, ratio } from './format.ts';
import type { BenchSettings, Model } from './options.ts';
import { soakHeadline, soakTables } from './soakReport.ts';
import { failed, PYTORCH_COLUMN, type BenchRaw, type Fastest, type KernelResult, type KernelSection, type MemoryRow, type StepRow, type StepSection } from './raw.ts';

const MODELS: readonly Model[] = ['mlp', 'cnn'];

/** The overhead each seed method is asked to stay within (issue 11): +50% on its base step. */
const OVERHEAD_GOAL = 1.5;

/** The arithmetic ratio (FLOPs with methods / base, scripts/bench/flops.ts) of a preset run with `model`. */
function arithmeticRatio(config: BenchPresetConfig, model: Model): number {
  const spec = datasetSource(config.dataset).spec;
  return flopsRatio(stepFlops({ ...config, model }, { shape: spec.shape, classes: spec.classes.length }));
}

/** Milliseconds of a kernel path, or null when it failed. */
const kms = (t: KernelResult | undefined): number | null => (t && !failed(t) ? t.ms : null);

/** The composed path's ratio to WGSL, marked ≥ when the composed figure is a lower bound. */
function composedRatio(composed: KernelResult, webgpu: KernelResult): string {
  return failed(composed) ? 'n/a' : `${composed.note ? '≥ ' : ''}${ratio(composed.ms, kms(webgpu))}`;
}

function kernelCell(t: KernelResult | undefined): string {
  if (!t) return 'n/a';
  if (failed(t)) return `failed: ${cell(t.error, 80)}`;
  return `${t.note ? '≥ ' : ''}${fmt(t.ms, 2)}${t.iters === 0 ? ' †' : ''}`;
}

function kernelTable(k: KernelSection | undefined, cfg: BenchSettings): string[] {
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
  const err = (t: KernelResult) => (!failed(t) && t.relError !== null && t.relError !== undefined ? t.relError.toExponential(0) : '—');
  const iters = (t: KernelResult) => (!failed(t) ? t.iters : '–');

  for (const r of k.rows) {
    lines.push(
      `| ${r.kernel} | ${r.d} | ${kernelCell(r.webgpu)} | ${kernelCell(r.readback)} | ${kernelCell(r.composed)} | ${ratio(kms(r.readback), kms(r.webgpu))} | ${composedRatio(r.composed, r.webgpu)} | ${iters(r.webgpu)}/${iters(r.readback)}/${iters(r.composed)} | ${err(r.webgpu)} / ${err(r.readback)} / ${err(r.composed)} |`,
    );
  }
  lines.push('', 'A ratio above 1× means the WGSL kernel is faster; below 1×, the alternative is faster on this emulated GPU.', '');
  return lines;
}

/** The step row of one backend, model and preset id. */
function stepRow(s: StepSection, backend: string, model: Model, preset: string): StepRow | null {
  return s.backends[backend]?.rows?.find((r) => r.model === model && r.preset === preset) ?? null;
}

/** A short reason a row has no timing. */
function whyNot(s: StepSection, backend: string, r: StepRow | null): string | null {
  const b = s.backends[backend];
  if (!b) return 'n/a (not run)';
  if (b.skipped) return `n/a (${cell(b.skipped, 80)})`;
  if (!r) return 'n/a';
  if (r.skipped) return `n/a (${cell(r.skipped, 120)})`;
  if (r.error) return `failed: ${cell(r.error, 120)}`;
  return null;
}

/** One ρSIM block by part per backend and model (section 2), when a run timed it. */
function simPartsTable(s: StepSection, backends: string[]): string[] {
  const timed = backends.filter((b) => s.backends[b]?.simParts?.length);
  if (!timed.length) return [];
  const columns = timed.flatMap((b) => s.backends[b]!.simParts!.map((r) => ({ b, r })));
  const shapes = columns.flatMap(({ r }) => (failed(r) ? [] : [`${r.model}: block [${r.blockShape.join(', ')}], ${r.tokens} tokens sampled, ${r.rows} rows into the heads`]));
  const lines = [
    '',
    '### ρSIM by part: one block, median ms',
    '',
    "Each part of one ρSIM block alone, at the block shape of the ρSIM preset's run (authors' head sizes, default token ratio), forward and backward as in a step,",
    `timed to the end of its GPU work (tfjs's per-kernel profiler has no GPU timers on SwiftShader). The parts overlap: the block loss holds the others. ${[...new Set(shapes)].join('; ')}.`,
    '',
    `| part | ${columns.map(({ b, r }) => `${b} ${r.model}`).join(' | ')} |`,
    `|---|${columns.map(() => '---:|').join('')}`,
  ];
  const parts = [...new Set(columns.flatMap(({ r }) => (failed(r) ? [] : r.parts.map((p) => p.part))))];
  for (const part of parts) lines.push(`| ${part} | ${columns.map(({ r }) => (failed(r) ? `failed: ${cell(r.error, 60)}` : fmt(r.parts.find((p) => p.part === part)?.ms))).join(' | ')} |`);
  return lines;
}

/** What the PyTorch column is, when the run has one. */
function pytorchNote(s: StepSection): string[] {
  const p = s.backends[PYTORCH_COLUMN];
  if (!p) return [];
  return [
    `Column ${PYTORCH_COLUMN}: the same step (same config, base and with its methods, interleaved the same way) taken by the exported PyTorch project on this CPU, outside the browser`,
    `(${p.note ?? p.skipped ?? 'n/a'}; random inputs of the dataset's shape): what moving the run to PyTorch costs or gains here.`,
  ];
}

function stepTables(s: StepSection | undefined, cfg: BenchSettings): string[] {
  if (!s) return [];
  const backends = [...cfg.backends, PYTORCH_COLUMN].filter((b) => s.backends[b]);
  const plan = cfg.stepPlan;
  const lines = ['## 2. Training step per backend and preset; seed-method overhead', ''];
  lines.push(
    "Trainer.trainStep then waitForGpu, as the engine's loop runs it (WebGPU: flush tfjs's encoder and wait for the queue, no read; elsewhere one drain read",
    "outside the read counter so that no queued work spills into the next step). Each preset's config runs interleaved with its *base* (the same config with its",
    'seed methods off), step for step, on the page (the app runs the same code in its worker), so load from other processes hits both alike; figures are',
    'medians of single steps, warm-up excluded. Each preset runs with its own model (the small CNN) and with the MLP in its place.',
    `Steps: MLP ${plan.mlp.warmup} warm-up then ${plan.mlp.minSteps}–${plan.mlp.steps} timed (fewer when a round would exceed ${plan.mlp.budgetMs / 1000} s); CNN ${plan.cnn.warmup} warm-up then ${plan.cnn.minSteps}–${plan.cnn.steps} timed`,
    `(budget ${plan.cnn.budgetMs / 1000} s), cheapest presets first, and a preset is skipped when the rows before it predict it would take the backend past ${cfg.cnnBudgetSeconds} s of CNN. CNN figures rest on one to three steps: read them as rough.`,
    ...pytorchNote(s),
    '',
    '### Base step, median ms (ratio to the fastest backend in the row)',
    '',
    `| model | preset | ${backends.join(' | ')} |`,
    `|---|---|${backends.map(() => '---:|').join('')}`,
  );
  for (const model of MODELS) {
    for (const p of s.presets) {
      const cells = backends.map((b) => stepRow(s, b, model, p.id));
      const ms = cells.map((r) => r?.base?.medianMs ?? null);
      const best = Math.min(...ms.filter((m) => m !== null));
      const shown = cells.map((r, i) => {
        const m = ms[i] ?? null;
        return m === null ? whyNot(s, backends[i]!, r) : `${fmt(m)} (${ratio(m, best)})`;
      });
      lines.push(`| ${model} | ${p.id} | ${shown.join(' | ')} |`);
    }
  }
  lines.push(
    '',
    '### Seed-method overhead: with method / base (median ms with method in brackets)',
    '',
    `*Arithmetic*: the same ratio of the step's FLOPs (matrix products and convolutions, forward and backward; scripts/bench/flops.ts), the floor a backend`,
    `bound by arithmetic would reach; a measured ratio well above it is time spent on dispatch, copies and small ops. ⚠ marks a method over +${Math.round((OVERHEAD_GOAL - 1) * 100)}% (the goal).`,
    '',
    `| model | preset | method | arithmetic | ${backends.join(' | ')} |`,
    `|---|---|---|---:|${backends.map(() => '---:|').join('')}`,
  );
  for (const model of MODELS) {
    for (const p of s.presets) {
      if (!p.config.methods.length) continue;
      const cells = backends.map((b) => {
        const r = stepRow(s, b, model, p.id);
        const why = whyNot(s, b, r);
        if (why) return why;
        if (!r?.method || !r.base) return 'n/a';
        const over = r.method.medianMs / r.base.medianMs > OVERHEAD_GOAL ? ' ⚠' : '';
        return `${ratio(r.method.medianMs, r.base.medianMs)}${over} (${fmt(r.method.medianMs)})`;
      });
      lines.push(`| ${model} | ${p.id} | ${p.config.methods.join(', ')} | ${fmt(arithmeticRatio(p.config, model), 2)}× | ${cells.join(' | ')} |`);
    }
  }
  lines.push(...simPartsTable(s, backends));
  lines.push(
    '',
    "Each base is re-measured next to its method; presets without a seed method have no overhead row.",
    '',
  );
  const errors = backends.flatMap((b) => s.backends[b]!.rows?.filter((r) => r.error).map((r) => `${b} ${r.model} ${r.preset}: ${cell(r.error, 240)}`) ?? []);
  if (errors.length) lines.push('Failures:', '', ...errors.map((e) => `- ${e}`), '');
  return lines;
}

function readTables(s: StepSection | undefined, mem: MemoryRow[] | undefined, cfg: BenchSettings): string[] {
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
    lines.push('Per non-metrics step, base / with method (from section 2):', '', `| model | preset | ${backends.join(' | ')} |`, `|---|---|${backends.map(() => '---|').join('')}`);
    for (const model of MODELS) {
      for (const p of s.presets) {
        const cells = backends.map((b) => {
          const r = stepRow(s, b, model, p.id);
          if (!r?.base) return '–';
          const m = r.method;
          const by = m && m.readsPerStep > 0 ? ` (${Object.entries(m.readsByMethod).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n / m.steps}`).join(', ')})` : '';
          return `${fmt(r.base.readsPerStep, 1)} / ${m ? fmt(m.readsPerStep, 1) : '–'}${by}`;
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
    for (const r of mem) if (!failed(r) && r.stepsDone) lines.push(`| ${r.backend} | ${r.preset} | ${r.stepsDone} | ${r.metricsReports} | ${r.reads} | ${fmt(r.reads / Math.max(r.metricsReports, 1))} | ${fmt(r.reads / r.stepsDone, 2)} |`);
    lines.push('');
  }
  return lines;
}

/** How the backend of the long memory runs was chosen. */
function fastestWhy(fastest: Fastest): string {
  if (fastest.measured) return 'lowest summed median MLP base step in section 2';
  return fastest.given ? 'given with --fastest' : 'not measured; the first backend listed';
}

function memoryTable(mem: MemoryRow[] | undefined, fastest: Fastest | undefined, cfg: BenchSettings): string[] {
  if (!mem) return [];
  const lines = ['## 4. Tensors and GPU bytes before and after N engine steps', ''];
  lines.push(
    `The real Engine (metrics every K steps, evaluation, weight snapshots) on a fresh page, with the MLP in place of the CNN: ${cfg.memoryWarmup} warm-up steps (Adam's moments,`,
    'method state, GPU copies and buffer pools are created lazily), then N steps; tf.memory() is read with the engine idle after its last report. Fastest backend',
    `(${fastest ? fastestWhy(fastest) : 'not measured; the first backend listed'}): **${fastest?.id}**, with N = ${cfg.memoryLong} for ${cfg.memoryLongPreset} (the preset with the most state kept across steps) and`,
    `${cfg.memoryShort} for the other presets; the other backends run ${cfg.memoryOthers} steps of ${cfg.memoryLongPreset} (webgpu ${Math.ceil(cfg.memoryOthers / 2)}). GPU bytes are tfjs's bytes in live GPU`,
    "buffers or textures (webgpu, webgl; n/a elsewhere); *allocated* adds the backend's pool of freed buffers kept for reuse.",
    '',
    '| backend | preset | N | seconds | tensors: fresh; after warm-up → after N | bytes after warm-up → after N | GPU bytes: fresh; after warm-up → after N | GPU allocated after warm-up → after N | notes |',
    '|---|---|---:|---:|---|---|---|---|---|',
  );
  for (const r of mem) {
    if (failed(r)) {
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

/** The headline bullets: the figures of every section in a sentence or two each. */
function headline(raw: BenchRaw): string[] {
  const { kernels: k, steps: s, memory: mem, app, settings: cfg } = raw;
  const out: string[] = [];
  if (k?.rows?.length) {
    for (const name of [...new Set(k.rows.map((r) => r.kernel))]) {
      const rows = k.rows.filter((r) => r.kernel === name);
      const rb = rows.map((r) => `${r.d}: ${ratio(kms(r.readback), kms(r.webgpu))}`).join(', ');
      const cp = rows.map((r) => `${r.d}: ${composedRatio(r.composed, r.webgpu)}`).join(', ');
      out.push(`${name}, WGSL speed-up over read-back at D = ${rb}; over composed tfjs ops: ${cp}.`);
    }
  }
  if (s) {
    const backends = cfg.backends.filter((b) => s.backends[b]?.rows?.length);
    for (const model of MODELS) {
      const base = (b: string, id: string) => stepRow(s, b, model, id)?.base?.medianMs;
      const timed = backends.filter((b) => s.presets.some((p) => base(b, p.id) !== undefined));
      const common = s.presets.filter((p) => timed.every((b) => base(b, p.id) !== undefined)).map((p) => p.id);
      if (!timed.length) continue;
      if (common.length) {
        const means = timed.map((b) => common.reduce((a, id) => a + base(b, id)!, 0) / common.length);
        const best = Math.min(...means);
        out.push(
          `Mean base step, ${model.toUpperCase()} (over ${common.join(', ')}): ${timed.map((b, i) => `${b} ${fmt(means[i])} ms (${ratio(means[i], best)})`).join(', ')}${backends.length > timed.length ? `; ${backends.filter((b) => !timed.includes(b)).join(', ')} n/a` : ''}.`,
        );
      } else {
        out.push(`Base step, ${model.toUpperCase()}: no preset was timed on every backend (see section 2).`);
      }
    }
    const over: string[] = [];
    for (const p of s.presets.filter((q) => q.config.methods.length)) {
      const parts = backends.flatMap((b) => {
        const r = stepRow(s, b, 'mlp', p.id);
        return r?.method && r.base ? [`${b} ${ratio(r.method.medianMs, r.base.medianMs)}`] : [];
      });
      if (parts.length) over.push(`${p.config.methods.join('+')} ${parts.join(' / ')} (arithmetic ${fmt(arithmeticRatio(p.config, 'mlp'), 2)}×)`);
    }
    if (over.length) out.push(`Method overhead (with / without, MLP): ${over.join('; ')}.`);
    const reads = backends
      .filter((b) => b === 'webgpu' || b === 'webgl')
      .map((b) => {
        const rows = s.backends[b]!.rows.filter((r): r is StepRow & { base: StepTiming } => r.base !== undefined);
        const nonzero = rows.filter((r) => r.base.readsPerStep > 0 || (r.method?.readsPerStep ?? 0) > 0);
        const max = Math.max(0, ...rows.flatMap((r) => [r.base.readsPerStep, r.method?.readsPerStep ?? 0]));
        return `${b} ${fmt(max, 1)} max${nonzero.length ? ` (non-zero: ${nonzero.map((r) => `${r.model} ${r.preset} ${fmt(r.base.readsPerStep, 1)}/${fmt(r.method?.readsPerStep ?? 0, 1)}`).join(', ')})` : ' (zero in every preset)'}`;
      });
    if (reads.length) out.push(`GPU reads per non-metrics step: ${reads.join('; ')}.`);
  }
  if (mem?.length) {
    const each = mem.map((r) => {
      if (failed(r)) return `${r.backend} ${r.preset} failed`;
      if (!r.stepsDone) return `${r.backend} ${r.preset}: every step failed (see section 4), tensors ${r.before.numTensors} → ${r.after.numTensors}`;
      return `${r.backend} ${r.preset} N=${r.stepsDone}: ${r.before.numTensors} → ${r.after.numTensors}${r.before.numBytesInGPU === null ? '' : `, ${mb(r.before.numBytesInGPU)} → ${mb(r.after.numBytesInGPU)}`}`;
    });
    out.push(`Tensors / GPU bytes before → after N engine steps: ${each.join('; ')}.`);
  }
  out.push(...appHeadline(app));
  out.push(...soakHeadline(raw.soak));
  return out.length ? ['## Headline', '', ...out.map((l) => `- ${l}`), ''] : [];
}

/** The markdown report of a run's raw measurements (with `previous`, an earlier run's figures, a before → after section). */
export function renderBenchReport(raw: BenchRaw, previous: { file: string; previous: PreviousBench } | null = null): string {
  const { kernels, steps, memory, app, fastest, settings: cfg, machine: m } = raw;
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
    raw.chromium ? `- Browser: headless Chromium ${raw.chromium} (${m.chromiumPath}), flags \`${m.chromiumArgs.join(' ')}\`` : '- Browser: not started (only the soak ran, in Node)',
    `- tfjs ${steps?.tfjs || 'n/a'}; WebGPU adapter: ${adapter ? `${adapter.vendor || '?'} / ${adapter.architecture || '?'}${adapter.description ? ` (${adapter.description})` : ''}${adapter.isFallbackAdapter ? ': **software (SwiftShader), the GPU is emulated on the CPU**' : ''}` : 'n/a'}`,
    `- Load average (1 min) at start ${raw.loadBefore.toFixed(1)}, at end ${raw.loadAfter.toFixed(1)} (the benchmark's own browser included), on ${m.cores} cores: other processes running at the same time slow the absolute figures; the side-by-side ratios are robust to it.`,
    '- Benchmarks are this script (`npm run bench`, `--quick` for a short run, `--help` in its header); never timed assertions in tests.',
    '',
    ...headline(raw),
    ...kernelTable(kernels, cfg),
    ...stepTables(steps, cfg),
    ...readTables(steps, memory, cfg),
    ...memoryTable(memory, fastest, cfg),
    ...appTables(app, cfg),
    ...soakTables(raw.soak),
    ...beforeAfterTables(raw, previous),
  ]
    .filter((l, i, a) => !(l === '' && a[i - 1] === ''))
    .join('\n');
}
