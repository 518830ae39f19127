/** Section 6, the soak: runs scripts/bench/soakRun.ts in this process through Vite's module runner (no browser, no build). */
import { join } from 'node:path';
import { runnerImport } from 'vite';
import { firstLine } from '../lib/log.ts';
import { root } from '../lib/root.ts';
import { log } from './log.ts';
import type { BenchSettings } from './options.ts';
import type { Failure, SoakSection } from './raw.ts';

/** The soak with the run's settings, or why it failed. */
export async function measureSoak(settings: BenchSettings): Promise<SoakSection | Failure> {
  try {
    // The engine reads import.meta.env (Vite's), which tsx does not define: the runner does.
    const { module } = await runnerImport<typeof import('./soakRun.ts')>(join(root, 'scripts/bench/soakRun.ts'), { root, logLevel: 'warn' });
    const plan = { steps: settings.soakSteps, resetEvery: settings.soakResetEvery, rebuilds: settings.soakRebuilds, warmup: settings.soakWarmup, publicDir: join(root, 'public') };
    log(`soak: ${plan.steps} steps on WASM in Node, a reset every ${plan.resetEvery}, then ${plan.rebuilds} resets/rebuilds`);
    return await module.runSoak(plan, log);
  } catch (e) {
    log(`soak failed: ${firstLine(e)}`);
    return { error: firstLine(e) };
  }
}
