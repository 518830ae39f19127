/**
 * A small made-up preset report for the report tests: a baseline, a supervised pair, a
 * pair whose method-on run hit its time limit, a failed run and a method without its pair.
 */
import type { PresetRaw, PresetRow, Report } from './raw.ts';

/** A report at `step` with these scalars, losses and term diagnostics. */
function report(step: number, scalars: Record<string, number>, total: number, terms: Report['terms'] = {}): Report {
  return { step, losses: { total }, scalars, terms, stepsPerSecond: 0.5, spectrumSource: 'device' };
}

/** A run that trained from `first` to `last`, 2 s per step, with the history of both. */
function trained(first: Report, last: Report, methodLoss: string | null): Pick<PresetRow, 'first' | 'firstAt' | 'last' | 'lastAt' | 't0' | 'wallSeconds' | 'timedOut' | 'history' | 'notices' | 'problems' | 'state'> {
  const point = (r: Report) => ({ step: r.step, losses: methodLoss ? { ...r.losses, [methodLoss]: 0.1 } : r.losses, scalars: r.scalars });
  return { first, firstAt: 1000, last, lastAt: 1000 + 2000 * (last.step - first.step), t0: 0, wallSeconds: 60, timedOut: false, history: [point(first), point(last)], notices: [], problems: [], state: 'paused' };
}

const bins = { rows: 2, cols: 4, values: [1, 1, 1, 1, 4, 0, 0, 0] };

/** The sample report. */
export function samplePresetRaw(): PresetRaw {
  const base = { timeoutS: 600, pairedTo: null, steps: 25 };
  const rows: PresetRow[] = [
    { ...base, preset: 'naive', dataset: 'shapes', task: 'ssl', method: null, on: false, methods: [], ...trained(report(5, { rankme: 3.2, stdL2: 0.1, stdRef: 0.18 }, 0.5), report(25, { rankme: 1.04, stdL2: 0.01, stdRef: 0.18, knnAccuracy: 0.31 }, 0.01), null), seconds: 70 },
    { ...base, preset: 'cir', dataset: 'shapes', task: 'supervised', method: 'cir', on: true, methods: ['cir'], ...trained(report(5, { rankme: 5, testAccuracy: 0.3 }, 1.7, { cir: { scalars: { ownDist: 2, negDist: 3 }, heatmap: null } }), report(25, { rankme: 6, testAccuracy: 0.62 }, 1.1, { cir: { scalars: { ownDist: 1.5, negDist: 3.5 }, heatmap: null } }), 'cir'), seconds: 80 },
    { ...base, preset: 'cir', dataset: 'shapes', task: 'supervised', method: 'cir', on: false, methods: [], ...trained(report(5, { rankme: 5, testAccuracy: 0.28 }, 1.75), report(25, { rankme: 5.5, testAccuracy: 0.6 }, 1.2), null), seconds: 75 },
    {
      ...base,
      preset: 'imsvd',
      dataset: 'shapes',
      task: 'ssl',
      method: 'imsvd',
      on: true,
      methods: ['imsvd'],
      ...trained(report(5, { rankme: 4, knnAccuracy: 0.4 }, 2, { imsvd: { scalars: { dia: 0.5, off: 0.2 }, heatmap: bins } }), report(15, { rankme: 7 }, 1.5, { imsvd: { scalars: { dia: 0.3, off: 0.1 }, heatmap: bins } }), 'imsvd'),
      timedOut: true,
      timeoutS: 200,
      seconds: 230,
    },
    {
      ...base,
      preset: 'imsvd',
      dataset: 'shapes',
      task: 'ssl',
      method: 'imsvd',
      on: false,
      steps: 15,
      pairedTo: 15,
      methods: [],
      ...trained(report(5, { rankme: 4, knnAccuracy: 0.35 }, 0.6), report(15, { rankme: 1.5 }, 0.2), null),
      notices: [{ level: 'warning', code: 'nan-loss', message: 'The loss became NaN | paused' }],
      seconds: 100,
    },
    { ...base, preset: 'sim', dataset: 'shapes', task: 'supervised', method: 'sim', on: true, error: 'timed out after 120 s waiting for preset sim to load', seconds: 121 },
    { ...base, preset: 'maskmix', dataset: 'shapes', task: 'ssl', method: 'maskmix', on: true, methods: ['maskmix'], ...trained(report(5, { rankme: 2 }, 3, { maskmix: { scalars: { mix: 0.9 } , heatmap: null } }), report(25, { rankme: 2.5 }, 2.5, { maskmix: { scalars: { mix: 0.7 }, heatmap: null } }), 'maskmix'), problems: ['no metrics report'], seconds: 90 },
  ];
  return {
    command: 'npx tsx scripts/preset-report.ts --steps 25',
    date: '2026-12-02T11:00:00.000Z',
    git: 'commit abc1234 plus uncommitted changes',
    machine: { cores: 2, cpu: 'Test CPU' },
    rows,
    steps: 25,
    backend: { id: 'webgl', reason: 'forced', skipped: [] },
    classes: { shapes: 6 },
    budgetS: 33 * 60,
    runTimeoutS: 600,
    minutes: 12.5,
    chromium: '156.0.1',
    load: [1.5, 2.25],
  };
}
