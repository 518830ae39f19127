/**
 * A small made-up run for the report tests: every section, with the cases the report
 * words differently (a failed kernel path, a lower-bound composed figure, a backend not
 * available, a CNN over budget, a failed step, an engine run that stopped early or ran
 * on another backend, a failed page) and a flat soak.
 */
import { DEFAULT_CONFIG } from '../../src/config.ts';
import type { StepTiming } from './benchPage.ts';
import { benchSettings } from './options.ts';
import type { AppRun, BenchRaw, SoakCycle, SoakMemory } from './raw.ts';

/** A step timing with `medianMs` and `readsPerStep`. */
function timing(medianMs: number, readsPerStep: number, readsByMethod: Record<string, number> = {}): StepTiming {
  return { steps: 4, medianMs, meanMs: medianMs, minMs: medianMs, readsPerStep, readsPerMetricsStep: 3, warmupMs: 2 * medianMs, readsByMethod, tensorDelta: 0 };
}

const memory = (numTensors: number, numBytesInGPU: number | null) => ({ numTensors, numBytes: 2 ** 20, numBytesInGPU, numBytesInGPUAllocated: numBytesInGPU });
const adapter = { vendor: 'google', architecture: 'swiftshader', description: '', isFallbackAdapter: true };

/** One app visit that measured. */
function appRun(backend: string, run: string, twin: string | null, ranOn: string, firstMetricsSeconds: number, stepsPerSecond: number, longTasks: AppRun['longTasks'], reports: number, twinStepsPerSecond: number | null = null): AppRun {
  return { backend, run, twin, ranOn, firstMetricsSeconds, stepsPerSecond, twinStepsPerSecond, twins: twin ? 1 : 0, seconds: 10, reports, longTasks, bootLongTasks: { tasks: 3, ms: 400, max: 200 }, notices: [] };
}

/** A soak memory reading: `numTensors` tensors of 4 KiB each, and the WASM heap in MiB. */
const soakMemory = (numTensors: number, heapMiB: number): SoakMemory => ({ numTensors, numBytes: numTensors * 4096, wasmHeapBytes: heapMiB * 2 ** 20 });

/** One soak cycle of 250 steps. */
const soakCycle = (before: number, after: number, heapMiB: number): SoakCycle => ({ steps: 250, changes: 12, peakTensors: before + 5, beforeReset: soakMemory(before, heapMiB), afterReset: soakMemory(after, heapMiB), seconds: 30 });

/** The sample run. */
export function sampleBenchRaw(): BenchRaw {
  const settings = benchSettings(true, ['webgpu', 'webgl', 'wasm', 'cpu']);
  const config = { ...DEFAULT_CONFIG, dataset: 'shapes16', batchSize: 64, width: 16, depth: 2, embedDim: 16, task: 'ssl' as const, objective: 'naive' };
  const naive = { id: 'naive', title: 'Naive', config: { ...config, methods: [] }, control: { kind: 'objective' as const, id: 'vicreg' } };
  const cor = { id: 'corinfomax', title: 'CorInfoMax', config: { ...config, methods: ['corinfomax'] }, control: { kind: 'method' as const, id: 'corinfomax' } };
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
          simParts: [
            { model: 'mlp', blockShape: [64, 16], tokens: 12, rows: 12, parts: [{ part: 'block loss, forward', ms: 2 }, { part: 'block loss, forward + backward', ms: 5 }] },
            { model: 'cnn', error: 'Error: out of memory' },
          ],
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
    app: [
      appRun('webgpu', 'default', null, 'webgpu', 20, 2, { count: 4, totalMs: 300, maxMs: 120 }, 10),
      appRun('webgpu', 'default + twin', 'norm:norm:layer', 'webgpu', 30, 1.5, { count: 2, totalMs: 120, maxMs: 70 }, 5, 1.4),
      appRun('webgpu', 'naive', 'objective:vicreg', 'webgpu', 25, 1, { count: 0, totalMs: 0, maxMs: 0 }, 2, 1),
      { backend: 'webgpu', run: 'corinfomax', error: 'timed out' },
      { ...appRun('wasm', 'default', null, 'wasm', 3, 10, { count: 2, totalMs: 150, maxMs: 80 }, 40), mainThread: { tasks: 900, cpuMs: 800, overWall: 2, overCpu: 0, longestWallMs: 80, longestWallCpuMs: 21, longestCpuMs: 33 } },
      { ...appRun('wasm', 'default + twin', 'norm:norm:layer', 'wasm', 4, 6, { count: 3, totalMs: 200, maxMs: 90 }, 24, 5.5), mainThread: { tasks: 1200, cpuMs: 960, overWall: 3, overCpu: 1, longestWallMs: 91, longestWallCpuMs: 12, longestCpuMs: 55 } },
      appRun('wasm', 'naive', 'objective:vicreg', 'cpu', 5, 4, { count: 0, totalMs: 0, maxMs: 0 }, 8, 4),
      { backend: 'wasm', run: 'corinfomax', error: 'timed out' },
      { ...appRun('auto', 'default', null, 'wasm', 3.5, 9, { count: 1, totalMs: 60, maxMs: 60 }, 36), autoSpeeds: { wasm: 9.5, webgl: 3, webgpu: 0 }, autoTooSlow: ['webgpu'], autoEmulatedWebgpu: true, autoMovedTo: null, ranOnAtEnd: 'wasm', stepsPerSecondAfterAuto: 9.8 },
    ],
    soak: {
      runtime: 'Node v20.20.2, tfjs 4.22.0 WASM backend (SIMD, one thread)',
      config: { ...DEFAULT_CONFIG, backend: 'wasm', stopAt: 250 },
      schedule: [
        { task: 'ssl', objective: 'vicreg', methods: [] },
        { task: 'ssl', objective: 'vicreg', methods: ['sim'] },
        { task: 'ssl', objective: 'vicreg', methods: ['sim', 'imsvd'] },
        { task: 'ssl', objective: 'vicreg', methods: ['imsvd'] },
        { task: 'supervised', objective: 'ce', methods: [] },
        { task: 'supervised', objective: 'ce', methods: ['cir'] },
      ],
      warmup: 10,
      start: soakMemory(100, 36),
      cycles: [soakCycle(155, 48, 64), soakCycle(155, 48, 64), soakCycle(154, 48, 64)],
      end: soakMemory(100, 64),
      stepsPerSecond: 8.13,
      rebuilds: { done: 20, widths: [64, 48], methods: ['sim', 'imsvd'], before: soakMemory(152, 64), after: soakMemory(152, 64), peakTensors: 160, seconds: 13 },
      notices: ['warning backend-fallback: slow'],
      seconds: 150,
    },
    loadAfter: 2.5,
    minutes: 6.04,
  };
}
