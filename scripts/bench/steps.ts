/**
 * Section 2: training-step time per backend for each preset, with its CNN and with an MLP
 * in its place, each interleaved with its base (seed methods off); and reads per step.
 */
import { firstLine } from '../lib/log.ts';
import { callBench, openPage, waitForBench, type BenchPreset, type BenchPresetConfig } from './benchPage.ts';
import { fmt } from './format.ts';
import { log } from './log.ts';
import type { BenchOptions, Model } from './options.ts';
import type { SimPartsRow, StepRow, StepSection } from './raw.ts';

/** A rough cost of one CNN step of a preset: batch × width² × depth. */
export const cnnCost = (config: BenchPresetConfig): number => config.batchSize * config.width ** 2 * config.depth;

/** The presets of `all` that --presets asks for (all when it was not given). */
export const selectPresets = (all: BenchPreset[], ids: string[] | null): BenchPreset[] => (ids ? all.filter((p) => ids.includes(p.id)) : all);

/**
 * Predicts the seconds of CNN rows from those timed: seconds per unit of `cnnCost` of the
 * costliest row so far (small rows carry fixed overheads).
 */
export class CnnBudget {
  /** Seconds of CNN timing used. */
  used = 0;
  private rate = 0;
  private rateCost = 0;

  /** The predicted seconds of a row of this cost. */
  estimate(cost: number): number {
    return this.rate * cost;
  }

  /** Records a timed row. */
  add(cost: number, seconds: number): void {
    this.used += seconds;
    if (cost >= this.rateCost) {
      this.rate = cost === this.rateCost ? Math.max(this.rate, seconds / cost) : seconds / cost;
      this.rateCost = cost;
    }
  }
}

/** Times every preset with both models on every backend, one page per backend. */
export async function measureSteps(base: string, options: BenchOptions): Promise<StepSection> {
  const { settings } = options;
  const out: StepSection = { presets: [], tfjs: '', backends: {} };
  for (const backend of settings.backends) {
    const { page, close } = await openPage(`${base}/bench.html`);
    const started = Date.now();
    try {
      await waitForBench(page);
      const { tfjs, presets } = await callBench(page, 'presets');
      out.tfjs = tfjs;
      out.presets = selectPresets(presets, options.presets);
      let info;
      try {
        info = await callBench(page, 'start', backend);
      } catch (e) {
        out.backends[backend] = { skipped: `could not start: ${firstLine(e)}`, rows: [] };
        continue;
      }
      if (info.id !== backend) {
        out.backends[backend] = { skipped: `not available (${info.skipped.map((s) => `${s.id}: ${s.why}`).join('; ')})`, rows: [] };
        continue;
      }
      const rows: StepRow[] = [];
      const budget = new CnnBudget();
      for (const model of ['mlp', 'cnn'] as const satisfies readonly Model[]) {
        const order = model === 'cnn' ? [...out.presets].sort((a, b) => cnnCost(a.config) - cnnCost(b.config)) : out.presets;
        for (const preset of order) {
          const config = { ...preset.config, model };
          const plan = settings.stepPlan[model];
          const row: StepRow = { preset: preset.id, model, methods: preset.config.methods, plan };
          rows.push(row);
          const estimate = budget.estimate(cnnCost(config));
          if (model === 'cnn' && budget.used + estimate > settings.cnnBudgetSeconds) {
            row.skipped = `not timed: over this backend's CNN budget (${fmt(budget.used, 0)} s used + about ${fmt(estimate, 0)} s predicted > ${settings.cnnBudgetSeconds} s)`;
            log(`steps ${backend} ${model} ${preset.id}: ${row.skipped}`);
            continue;
          }
          const t0 = Date.now();
          try {
            const { base: b, method: m } = await callBench(page, 'time', config, plan);
            row.base = b;
            row.method = m;
          } catch (e) {
            row.error = firstLine(e).replace(/^page\.evaluate: (Error: )?/, '');
          }
          row.seconds = (Date.now() - t0) / 1000;
          if (model === 'cnn') budget.add(cnnCost(config), row.seconds);
          log(
            `steps ${backend} ${model} ${preset.id}: base ${fmt(row.base?.medianMs)} ms, with ${preset.config.methods.join('+') || '(none)'} ${fmt(row.method?.medianMs)} ms (${row.base?.steps ?? 0} steps), reads/step ${row.base?.readsPerStep ?? 'n/a'}/${row.method?.readsPerStep ?? 'n/a'} (${fmt(row.seconds)} s)${row.error ? `, error: ${row.error}` : ''}`,
          );
        }
      }
      const simPreset = out.presets.find((p) => p.config.methods.includes('sim'));
      const simParts: SimPartsRow[] = [];
      for (const model of simPreset ? (['mlp', 'cnn'] as const) : []) {
        try {
          const r = await callBench(page, 'simParts', { ...simPreset!.config, model }, settings.simPartsReps[model]);
          simParts.push({ model, ...r });
          log(`steps ${backend} ${model} ρSIM by part: ${r.parts.map((p) => `${p.part} ${fmt(p.ms)} ms`).join(', ')}`);
        } catch (e) {
          simParts.push({ model, error: firstLine(e).replace(/^page\.evaluate: (Error: )?/, '') });
        }
      }
      out.backends[backend] = { info, rows, seconds: (Date.now() - started) / 1000, ...(simParts.length ? { simParts } : {}) };
    } finally {
      await close();
    }
  }
  return out;
}
