/** Section 3: tensors and GPU bytes before and after N steps of the real Engine, one fresh page per run. */
import { firstLine } from '../lib/log.ts';
import { callBench, openPage, waitForBench, type BenchPreset } from './benchPage.ts';
import { fmt, mb } from './format.ts';
import { log } from './log.ts';
import type { BenchSettings } from './options.ts';
import type { Fastest, MemoryRow, StepSection } from './raw.ts';

/**
 * The backend of the long memory runs: `given` (--fastest) if any, else the one with the
 * lowest median MLP base step summed over the presets every timed backend ran; without
 * step timings, the first of `backends` (the report says which).
 */
export function fastestBackend(steps: StepSection | undefined, backends: string[], given: string | null): Fastest {
  if (given) return { id: given, measured: false, given: true };
  const mlpBase = (b: string, preset: string) => steps?.backends[b]?.rows.find((r) => r.model === 'mlp' && r.preset === preset && r.base)?.base?.medianMs;
  const timed = backends.filter((b) => steps?.backends[b]?.rows?.some((r) => r.model === 'mlp' && r.base));
  if (!steps || !timed.length) return { id: backends[0]!, measured: false };
  const common = steps.presets.map((p) => p.id).filter((id) => timed.every((b) => mlpBase(b, id) !== undefined));
  const total = (b: string) => common.reduce((a, id) => a + mlpBase(b, id)!, 0);
  const id = timed.reduce((best, b) => (total(b) < total(best) ? b : best));
  return { id, measured: true, over: common };
}

/** One engine run to do. */
export interface MemoryRunPlan {
  backend: string;
  preset: BenchPreset;
  steps: number;
}

/**
 * The engine runs: on the fastest backend a long run of the preset with the most state
 * and a short one of every other preset; on the others a short run of that preset (webgpu: half).
 */
export function memoryRuns(presets: BenchPreset[], fastest: string, settings: BenchSettings): MemoryRunPlan[] {
  const long = presets.find((p) => p.id === settings.memoryLongPreset) ?? presets[0];
  if (!long) return [];
  const runs: MemoryRunPlan[] = [];
  for (const backend of settings.backends) {
    if (backend === fastest) {
      runs.push({ backend, preset: long, steps: settings.memoryLong });
      for (const preset of presets) if (preset !== long) runs.push({ backend, preset, steps: settings.memoryShort });
    } else {
      runs.push({ backend, preset: long, steps: backend === 'webgpu' ? Math.ceil(settings.memoryOthers / 2) : settings.memoryOthers });
    }
  }
  return runs;
}

/** Runs the engine for every run of `memoryRuns` on bench.html served at `base`. */
export async function measureMemory(base: string, presets: BenchPreset[], fastest: Fastest, settings: BenchSettings): Promise<MemoryRow[]> {
  const rows: MemoryRow[] = [];
  for (const { backend, preset, steps } of memoryRuns(presets, fastest.id, settings)) {
    // The MLP variant: the CNN takes seconds per step on the emulated GPUs here.
    const config = { ...preset.config, backend, model: 'mlp' as const };
    const { page, close } = await openPage(`${base}/bench.html`);
    try {
      await waitForBench(page);
      const run = await callBench(page, 'engine', config, settings.memoryWarmup, steps, 20 * 60_000);
      log(
        `memory ${backend} ${preset.id}: ${run.stepsDone}/${steps} steps in ${fmt(run.seconds)} s, tensors ${run.before.numTensors} -> ${run.after.numTensors}, bytes ${mb(run.before.numBytes)} -> ${mb(run.after.numBytes)}, GPU ${mb(run.before.numBytesInGPU)} -> ${mb(run.after.numBytesInGPU)}, reads ${run.reads}`,
      );
      rows.push({ ...run, backend, ranOn: run.backend?.id ?? null, preset: preset.id });
    } catch (e) {
      rows.push({ backend, preset: preset.id, error: firstLine(e) });
      log(`memory ${backend} ${preset.id} failed: ${firstLine(e)}`);
    } finally {
      await close();
    }
  }
  return rows;
}
