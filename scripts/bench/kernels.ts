/** Section 1: each WGSL kernel vs its read-back path vs the same result from composed tfjs ops, on WebGPU. */
import type { Page } from '@playwright/test';
import { firstLine } from '../lib/log.ts';
import { callBench, openPage, waitForBench, type KernelPath } from './benchPage.ts';
import { fmt } from './format.ts';
import { log } from './log.ts';
import type { BenchOptions, BenchSettings } from './options.ts';
import { failed, type KernelResult, type KernelRow, type KernelSection } from './raw.ts';

/** One timing for the log. */
function show(t: KernelResult): string {
  return failed(t) ? `failed (${t.error})` : `${fmt(t.ms, 2)} ms ×${t.iters} (err ${t.relError === null ? 'n/a' : t.relError.toExponential(1)})`;
}

/** One path of one kernel at size d, or why it failed. */
async function timePath(page: Page, kernel: string, d: number, path: KernelPath, settings: BenchSettings): Promise<KernelResult> {
  try {
    return await callBench(page, 'timeKernel', kernel, d, path, settings.kernelIters, settings.kernelBudgetMs);
  } catch (e) {
    return { error: firstLine(e) };
  }
}

/** Times every kernel of bench.html (served at `base`) at every size, every path on the same page. */
export async function measureKernels(base: string, options: BenchOptions): Promise<KernelSection> {
  const { page, close } = await openPage(`${base}/bench.html`);
  try {
    await waitForBench(page);
    let info;
    try {
      info = await callBench(page, 'start', 'webgpu');
    } catch (e) {
      return { error: `WebGPU did not start: ${firstLine(e)}`, rows: [] };
    }
    if (info.id !== 'webgpu') return { error: `WebGPU is not available here (${info.skipped.map((s) => `${s.id}: ${s.why}`).join('; ')})`, rows: [] };
    const kernels = await callBench(page, 'kernels');
    const rows: KernelRow[] = [];
    for (const kernel of kernels) {
      for (const d of options.kernelSizes) {
        const time = (path: KernelPath) => timePath(page, kernel, d, path, options.settings);
        const row: KernelRow = { kernel, d, webgpu: await time('webgpu'), readback: await time('readback'), composed: await time('composed') };
        log(`kernel ${kernel} D=${d}: WGSL ${show(row.webgpu)}, read-back ${show(row.readback)}, composed ${show(row.composed)}`);
        rows.push(row);
      }
    }
    return { error: null, info, rows };
  } finally {
    await close();
  }
}
