/**
 * A small made-up preset run for the report tests: a preset whose claims all hold, one with
 * a claim that fails, one that did not reach its budget, and a skipped file.
 */
import type { HistoryPoint, PresetRaw, RunRecord } from './raw.ts';

/** A run with one report every 10 steps: `rankme[i]` at step 10(i+1); an evaluation on the first and every 4th report. */
function run(label: string, rankme: number[], stdL2: number, accuracy: number): RunRecord {
  const history: HistoryPoint[] = rankme.map((r, i) => ({
    step: 10 * (i + 1),
    losses: { total: 1 - 0.1 * i },
    scalars: { rankme: r, stdL2, ...(i % 4 === 0 || i === rankme.length - 1 ? { knnAccuracy: accuracy + 0.1 * i, probeAccuracy: accuracy } : {}) },
    termScalars: {},
  }));
  return { label, step: history.at(-1)?.step ?? 0, history };
}

const SWIFTSHADER = 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)';

/** The sample run. */
export function samplePresetRaw(): PresetRaw {
  const wasm = { id: 'wasm' as const, reason: 'forced', skipped: [] };
  return {
    command: 'npx tsx scripts/preset-report.ts --only corinfomax,simsiam-stopgrad,imsvd',
    date: '2026-12-02T11:00:00.000Z',
    git: 'commit abc1234 plus uncommitted changes',
    machine: { cores: 2, cpu: 'Test CPU', webglRenderer: SWIFTSHADER },
    chromium: '156.0.1',
    minutes: 12.5,
    results: [
      {
        id: 'corinfomax',
        title: 'CorInfoMax cures naive-alignment collapse',
        budget: 40,
        backendAsked: 'wasm',
        backend: wasm,
        embedDim: 32,
        seconds: 80,
        reached: true,
        failure: null,
        // RankMe ends at (20 + 21 + 24) / 3 = 21.67; spread 0.15 √32 = 0.85; kNN (0.3 + 0.6) / 2 = 0.45; probe 0.30; loss (0.9 + 0.8 + 0.7) / 3 = 0.800.
        main: run('CorInfoMax on', [10, 20, 21, 24], 0.15, 0.3),
        control: run('CorInfoMax off', [3, 2, 1, 1], 0.001, 0.2),
        claims: [
          { holds: true, text: 'CorInfoMax on healthy (RankMe 21.67 of 32, spread 0.85/√D); claimed healthy' },
          { holds: true, text: 'CorInfoMax off collapsed (RankMe 1.33 of 32, spread 0.0057/√D); claimed collapsed' },
        ],
        notices: [],
      },
      {
        id: 'simsiam-stopgrad',
        title: 'SimSiam needs its stop-gradient',
        budget: 40,
        backendAsked: 'auto',
        backend: { id: 'webgpu', reason: 'best available', skipped: [], adapter: { vendor: 'google', architecture: 'swiftshader', description: '', isFallbackAdapter: true } },
        embedDim: 32,
        seconds: 160,
        reached: true,
        failure: null,
        main: run('stop-gradient on', [5, 5, 5, 5], 0.1, 0.25),
        control: run('stop-gradient off', [2, 1, 1, 1], 0.001, 0.2),
        claims: [
          { holds: false, text: 'stop-gradient on partly collapsed (RankMe 5.00 of 32, spread 0.57/√D); claimed healthy' },
          { holds: true, text: 'rankme 5.00 (stop-gradient on) vs 1.00 (stop-gradient off); claimed higher (2x)' },
        ],
        notices: [],
      },
      {
        id: 'imsvd',
        title: 'IMSVD cures naive-alignment collapse',
        budget: 300,
        backendAsked: 'wasm',
        backend: wasm,
        embedDim: 32,
        seconds: 360,
        reached: false,
        failure: 'did not reach its budget in 6 min (main at step 20, control at step 10 of 300)',
        main: run('IMSVD on', [4, 6], 0.1, 0.2),
        control: run('IMSVD off', [4], 0.1, 0.2),
        claims: null,
        notices: [{ level: 'warning', code: 'backend-fallback', message: 'Running on wasm: test.' }],
      },
    ],
    skipped: ['Preset cir: control: Invalid input'],
  };
}
