/**
 * A small made-up run for the report tests: every section, with the cases the report
 * words differently (a failed kernel path, a lower-bound composed figure, a backend not
 * available, a CNN over budget, a failed step, an engine run that stopped early or ran
 * on another backend, a failed page).
 */
import type { StepTiming } from './benchPage.ts';
import { benchSettings } from './options.ts';
import type { BenchRaw } from './raw.ts';

/** A step timing with `medianMs` and `readsPerStep`. */
function timing(medianMs: number, readsPerStep: number, readsByMethod: Record<string, number> = {}): StepTiming {
  return { steps: 4, medianMs, meanMs: medianMs, minMs: medianMs, readsPerStep, readsPerMetricsStep: 3, warmupMs: 2 * medianMs, readsByMethod, tensorDelta: 0 };
}

const memory = (numTensors: number, numBytesInGPU: number | null) => ({ numTensors, numBytes: 2 ** 20, numBytesInGPU, numBytesInGPUAllocated: numBytesInGPU });
const adapter = { vendor: 'google', architecture: 'swiftshader', description: '', isFallbackAdapter: true };

/** The sample run. */
export function sampleBenchRaw(): BenchRaw {
  const settings = benchSettings(true, ['webgpu', 'webgl', 'wasm', 'cpu']);
  const naive = { id: 'naive', title: 'Naive', config: { batchSize: 64, width: 16, depth: 2, methods: [] } };
  const cor = { id: 'corinfomax', title: 'CorInfoMax', config: { batchSize: 64, width: 16, depth: 2, methods: ['corinfomax'] } };
  const row = (preset: string, model: 'mlp' | 'cnn', methods: string[]) => ({ preset, model, methods, plan: settings.stepPlan[model] });
  return {
    quick: true,
    args: ['--quick'],
    command: 'npx tsx scripts/bench.ts --quick',
    date: '2026-12-02T10:20:30.000Z',
    loadBefore: 1.23,
    git: 'commit abc1234',
    machine: { cores: 2, cpu: 'Test CPU', memGiB: '7.8', os: 'linux 6.1', node: 'v20.20.2', chromiumPath: '/usr/bin/chromium', chromiumArgs: ['--no-sandbox', '--enable-unsafe-webgpu'] },
    settings,
    chromium: '156.0.1',
    kernels: {
      error: null,
      info: { id: 'webgpu', reason: 'forced', skipped: [], adapter },
      rows: [
        { kernel: 'LogDet', d: 32, webgpu: { ms: 2, iters: 3, warmupMs: 9, relError: 1e-6 }, readback: { ms: 5, iters: 3, warmupMs: 6, relError: 0 }, composed: { ms: 40, iters: 0, warmupMs: 40, relError: null } },
        { kernel: 'SymEigvals', d: 32, webgpu: { ms: 4, iters: 3, warmupMs: 9, relError: 2e-5 }, readback: { error: 'device lost' }, composed: { ms: 8, iters: 3, warmupMs: 9, relError: null, note: 'one QR: a lower bound' } },
      ],
    },
    steps: {
      presets: [naive, cor],
      tfjs: '4.22.0',
      backends: {
        webgpu: {
          info: { id: 'webgpu', reason: 'forced', skipped: [], adapter },
          seconds: 30,
          rows: [
            { ...row('naive', 'mlp', []), base: timing(10, 0), method: null, seconds: 1 },
            { ...row('corinfomax', 'mlp', ['corinfomax']), base: timing(10, 0), method: timing(15, 2, { logdet: 8 }), seconds: 2 },
            { ...row('naive', 'cnn', []), base: timing(1500, 0), method: null, seconds: 5 },
            { ...row('corinfomax', 'cnn', ['corinfomax']), skipped: 'not timed: over the budget' },
          ],
        },
        webgl: { skipped: 'not available (webgl: no context)', rows: [] },
        wasm: {
          info: { id: 'wasm', reason: 'forced', skipped: [] },
          seconds: 20,
          rows: [
            { ...row('naive', 'mlp', []), base: timing(20, 0), method: null, seconds: 1 },
            { ...row('corinfomax', 'mlp', ['corinfomax']), error: 'Error: kernel | failed', seconds: 1 },
            { ...row('naive', 'cnn', []), base: timing(900, 0), method: null, seconds: 4 },
            { ...row('corinfomax', 'cnn', ['corinfomax']), skipped: 'not timed: over the budget' },
          ],
        },
      },
    },
    fastest: { id: 'webgpu', measured: true, over: ['naive'] },
    memory: [
      { backend: 'webgpu', ranOn: 'webgpu', preset: 'corinfomax', warmupSteps: 10, stepsRequested: 100, stepsDone: 100, metricsReports: 20, seconds: 50, fresh: memory(10, 1000), before: memory(40, 2 ** 21), after: memory(40, 2 ** 21), reads: 60, notices: ['info: fine', 'warning: slow'] },
      { backend: 'webgl', ranOn: 'cpu', preset: 'corinfomax', warmupSteps: 10, stepsRequested: 20, stepsDone: 12, metricsReports: 2, seconds: 9, fresh: memory(10, null), before: memory(40, null), after: memory(38, null), reads: 6, notices: [] },
      { backend: 'cpu', preset: 'corinfomax', error: 'page crashed' },
    ],
    longtasks: [
      { requested: 'webgpu', boot: { tasks: 3, ms: 400, max: 200 }, state: 'running', step: 60, reports: 12, backend: 'webgpu', model: 'mlp', objective: 'vicreg', metricsEvery: 5, notices: [], count: 4, totalMs: 300, maxMs: 120, seconds: 10.4, stepsInWindow: 50, reportsInWindow: 10 },
      { requested: 'webgl', error: 'timed out' },
    ],
    loadAfter: 2.5,
    minutes: 6.04,
  };
}
