/**
 * Section 2's PyTorch column: the same training step as the browser rows (each preset with
 * its MLP and CNN, base and with its seed methods), taken by the exported PyTorch project
 * (python/collapselab) on this machine's CPU with Debian's PyTorch, so users see what
 * moving a run to PyTorch costs or gains. Timed by scripts/bench/pytorchStep.py.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { RunConfig } from '../../src/config.ts';
import { buildCatalog } from '../../src/engine.ts';
import { exportedConfig } from '../../src/export/exportedRun.ts';
import { firstLine } from '../lib/log.ts';
import { root } from '../lib/root.ts';
import type { BenchPreset, StepTiming } from './benchPage.ts';
import { log } from './log.ts';
import type { BenchSettings, Model } from './options.ts';
import { PYTORCH_COLUMN, type BackendSteps, type StepRow } from './raw.ts';

const PYTHON = '/usr/bin/python3';
const SCRIPT = path.join(root, 'scripts', 'bench', 'pytorchStep.py');

/** What pytorchStep.py prints. */
interface PytorchOutput {
  threads: number;
  torch: string;
  results: ({ base: StepTiming; method: StepTiming | null } | { error: string })[];
}

/** Times every preset with both models in the exported PyTorch project; skipped, saying why, without torch. */
export async function measurePytorchSteps(presets: BenchPreset[], settings: BenchSettings): Promise<BackendSteps> {
  if (spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status !== 0) return { skipped: `${PYTHON} has no torch (apt-get install python3-torch)`, rows: [] };
  const catalog = buildCatalog();
  const started = Date.now();
  const rows: StepRow[] = [];
  const jobs = [];
  for (const model of ['mlp', 'cnn'] as const satisfies readonly Model[]) {
    for (const preset of presets) {
      // The page hands over the full preset config (bench/presets.ts).
      const config = { ...(preset.config as RunConfig), model };
      const plan = settings.stepPlan[model];
      rows.push({ preset: preset.id, model, methods: config.methods, plan });
      jobs.push({
        plan,
        base: exportedConfig({ ...config, methods: [] }, catalog, 0),
        method: config.methods.length ? exportedConfig(config, catalog, 0) : null,
      });
    }
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-pytorch-'));
  try {
    const file = path.join(dir, 'jobs.json');
    writeFileSync(file, JSON.stringify(jobs));
    const { stdout } = await promisify(execFile)(PYTHON, [SCRIPT, file], { maxBuffer: 1 << 24 });
    const out = JSON.parse(stdout) as PytorchOutput;
    out.results.forEach((r, i) => {
      const row = rows[i]!;
      if ('error' in r) row.error = r.error;
      else Object.assign(row, r);
      log(`steps ${PYTORCH_COLUMN} ${row.model} ${row.preset}: base ${row.base?.medianMs.toFixed(1) ?? 'n/a'} ms, with methods ${row.method?.medianMs.toFixed(1) ?? 'n/a'} ms${row.error ? `, error: ${row.error}` : ''}`);
    });
    return { rows, seconds: (Date.now() - started) / 1000, note: `torch ${out.torch}, ${out.threads} CPU threads, the exported project's step (python/collapselab)` };
  } catch (e) {
    return { skipped: `failed: ${firstLine(e)}`, rows: [] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
