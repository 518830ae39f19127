/** The markdown report of the preset runs (seeds/PRESET_RESULTS.md): a table of every run, then each method on vs off. */
import type { PresetRaw, PresetRow, Report, TermReport } from './raw.ts';

/** `x` with `digits` decimals (none from ±1000 up); 'n/a' when missing or not finite. */
export const fmt = (x: number | null | undefined, digits = 2): string => (x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : Math.abs(x) >= 1000 ? x.toFixed(0) : x.toFixed(digits));

/** Mean perplexity (exp entropy) of the rows of IMSVD's bin-usage heatmap: bins in use per variable. */
export function binsInUse(heatmap: TermReport['heatmap']): number | null {
  if (!heatmap || !heatmap.rows) return null;
  let sum = 0;
  for (let r = 0; r < heatmap.rows; r++) {
    const row = heatmap.values.slice(r * heatmap.cols, (r + 1) * heatmap.cols);
    const total = row.reduce((a, b) => a + b, 0) || 1;
    let h = 0;
    for (const v of row) if (v > 0) h -= (v / total) * Math.log(v / total);
    sum += Math.exp(h);
  }
  return sum / heatmap.rows;
}

/** The method's diagnostic of one report, as `{ label: value }`. */
export function diagnostic(id: string, report: Report | null | undefined): Record<string, number | null | undefined> | null {
  const d = report?.terms?.[id];
  if (!d) return null;
  const s = d.scalars;
  switch (id) {
    case 'corinfomax':
      return { 'log det R1': s.logdet1, 'log det R2': s.logdet2, 'L_cov': s.cov };
    case 'imsvd':
      return { 'bins in use (of 8)': binsInUse(d.heatmap), 'L_dia': s.dia, 'L_off': s.off };
    case 'sim':
      return Object.fromEntries(Object.entries(s).map(([k, v]) => [`${k} rec. error`, v]));
    case 'cir':
      return { 'dist own mean': s.ownDist, 'dist neg mean': s.negDist };
    case 'maskmix':
      return { 'mix loss': s.mix };
    default:
      return s;
  }
}

/** "label first → last" for every label of the method's diagnostic. */
function diagnosticText(id: string | null, run: PresetRow): string {
  if (!id) return '–';
  const a = diagnostic(id, run.first);
  const b = diagnostic(id, run.last);
  if (!b) return 'n/a (method off)';
  return Object.keys(b)
    .map((k) => `${k} ${a && run.first?.step !== run.last?.step ? `${fmt(a[k])} → ` : ''}${fmt(b[k])}`)
    .join('; ');
}

/** The run's last accuracy up to `atStep` (kNN for SSL, test accuracy for supervised), with its step. */
export function accuracy(run: PresetRow, atStep = Infinity): { value: number | null; step: number | null; key: string } {
  const key = run.task === 'supervised' ? 'testAccuracy' : 'knnAccuracy';
  const at = [...(run.history ?? [])].reverse().find((h) => h.step <= atStep && Number.isFinite(h.scalars[key]));
  return at ? { value: at.scalars[key]!, step: at.step, key } : { value: null, step: null, key };
}

/** The run's report in the history at `step` (scalars and losses only). */
const reportAt = (run: PresetRow, step: number) => (run.history ?? []).find((h) => h.step === step) ?? null;

/**
 * Seconds per step between the run's first and last metrics report, by the clock here: a
 * report arrives after a read that waits for all the GPU work before it, so this covers
 * whole steps (metrics and evaluation steps included). The app's own steps/s counts step
 * submissions, and on WebGL the engine does not wait for the GPU between steps, so over a
 * short run it reads low (shown in brackets).
 */
export function secondsPerStep(r: PresetRow): number | null {
  if (!r.first || !r.last || r.last.step <= r.first.step || r.firstAt == null || r.lastAt == null) return null;
  return (r.lastAt - r.firstAt) / 1000 / (r.last.step - r.first.step);
}

/** One table row of a run. */
function tableRow(r: PresetRow): string {
  const l = r.last;
  const acc = accuracy(r);
  const loss0 = r.history?.[0]?.losses.total;
  const run = r.method ? `${r.method} ${r.on ? '**on**' : 'off'}` : 'baseline';
  const notes: string[] = [];
  if (r.error) notes.push(`failed: ${r.error}`);
  if (r.timedOut) notes.push(`**stopped at its time limit** (${r.timeoutS} s of training) at step ${l?.step ?? 0}`);
  if (r.pairedTo !== null && r.pairedTo !== undefined) notes.push(`trained to step ${r.pairedTo}, where the method-on run stopped`);
  if (l && !r.timedOut && l.step !== r.steps) notes.push(`read at step ${l.step}`);
  for (const n of r.notices ?? []) notes.push(`${n.level} ${n.code}: ${n.message.slice(0, 120)}`);
  for (const pr of r.problems ?? []) notes.push(pr);
  const accText = acc.value === null ? 'n/a' : `${fmt(acc.value)}${acc.step !== l?.step ? ` (step ${acc.step})` : ''}`;
  const std = l?.scalars.stdL2 === undefined ? 'n/a' : `${fmt(l.scalars.stdL2, 3)} (ref ${fmt(l.scalars.stdRef, 3)})`;
  const sps = `${fmt(secondsPerStep(r))}${l?.stepsPerSecond ? ` (${fmt(1 / l.stepsPerSecond)})` : ''}`;
  const loss = `${(r.history?.length ?? 0) > 1 ? `${fmt(loss0, 3)} → ` : ''}${fmt(l?.losses.total, 3)}`;
  return `| ${r.preset} | ${run} | ${l?.step ?? 0} | ${fmt(l?.scalars.rankme)} | ${std} | ${accText} | ${r.method ? diagnosticText(r.method, r) : '–'} | ${loss} | ${sps} | ${fmt(r.seconds, 0)} | ${notes.join('; ') || ''} |`;
}

/** What each method's preset claims, for the on-vs-off sentences. */
const CLAIMS: Record<string, string> = {
  corinfomax: 'RankMe stays high where naive alignment collapses',
  imsvd: 'RankMe stays high where naive alignment collapses; bin usage fills out',
  sim: "each block's head learns to recover its input (reconstruction error falls); accuracy climbs as usual",
  cir: "a regulariser's effect on test accuracy, on par with label smoothing",
  maskmix: 'the mixing loss falls; compare kNN accuracy with the method off',
};

/** A run that reached a metrics report. */
type ReportedRow = PresetRow & { last: Report };
const reported = (r: PresetRow): r is ReportedRow => Boolean(r.last);

/** Sentences comparing each method's on and off rows on what its preset claims. */
export function comparisons(rows: PresetRow[], classes: Record<string, number> | undefined): string[] {
  const out: string[] = [];
  const get = (preset: string, on: boolean) => rows.filter(reported).find((r) => r.preset === preset && r.on === on);
  const naive = rows.filter(reported).find((r) => r.preset === 'naive');
  if (naive) out.push(`naive (claim: RankMe falls to about 1): RankMe ${fmt(naive.last.scalars.rankme)} at step ${naive.last.step}.`);
  for (const preset of [...new Set(rows.filter((r) => r.method).map((r) => r.preset))]) {
    const on = get(preset, true);
    const off = get(preset, false);
    if (!on || !off) {
      out.push(`${preset}: no on/off pair to compare (see the table).`);
      continue;
    }
    // Both runs read at the last step they share.
    const common = Math.min(on.last.step, off.last.step);
    const rank = (r: PresetRow) => reportAt(r, common)?.scalars.rankme;
    const accOn = accuracy(on, common);
    const accOff = accuracy(off, common);
    const accName = on.task === 'supervised' ? 'test accuracy' : 'kNN accuracy';
    const classCount = on.dataset === undefined ? undefined : classes?.[on.dataset];
    const chance = classCount ? ` (chance ${fmt(1 / classCount)})` : '';
    const loss = (r: PresetRow) => `${fmt(r.history?.[0]?.losses.total, 3)} → ${fmt(reportAt(r, common)?.losses.total, 3)}`;
    out.push(
      `${preset} (claim: ${CLAIMS[preset] ?? 'see its card'}), at step ${common}: RankMe ${fmt(rank(on))} with vs ${fmt(rank(off))} without; ` +
        `${accName}${accOn.step === accOff.step && accOn.step !== null ? ` (step ${accOn.step})` : ''} ${fmt(accOn.value)} with vs ${fmt(accOff.value)} without${chance}; ` +
        `loss total ${loss(on)} with, ${loss(off)} without; ${on.method} (first → last report of the on run): ${diagnosticText(on.method, on)}; ` +
        `s/step ${fmt(secondsPerStep(on))} with vs ${fmt(secondsPerStep(off))} without.`,
    );
  }
  return out;
}

/** The markdown report of a preset run's raw measurements. */
export function renderPresetReport({ command, date, git, machine, rows, steps, backend, classes, budgetS, runTimeoutS, minutes, chromium, load }: PresetRaw): string {
  return [
    '# Demo presets: what each one shows',
    '',
    `Generated by \`${command}\` (scripts/preset-report.ts) on ${date.slice(0, 16).replace('T', ' ')} UTC in ${minutes.toFixed(1)} min; source ${git}.`,
    '',
    `- Machine: ${machine.cores} cores, no GPU (${machine.cpu}); headless Chromium ${chromium}. Load average (1 min) ${load[0].toFixed(1)} at the start, ${load[1].toFixed(1)} at the end (this report's browser included): other processes on the machine slow the times.`,
    `- Backend: **${backend?.id ?? 'unknown'}**${backend?.id === 'webgl' ? ' (asked for with `?backend=webgl`)' : ''}, on SwiftShader, a software GPU on the CPU. WebGL rather than the app's default WebGPU because the presets' small CNN steps faster on WebGL than on emulated WebGPU here (bench/RESULTS.md: mean CNN base step 1.7 s vs 2.3 s). Absolute times say nothing about a real GPU.`,
    `- Steps: **${steps}** per run, metrics every 5 steps, kNN / test accuracy on every 4th report (steps 5, 25, 45, 65, …). A run may train at most ${runTimeoutS} s and its share of a ${fmt(budgetS / 60, 0)}-min budget for the whole report; one stopped early is marked, and the method-off run of its preset then trains to the same step. Where the two runs of a pair still ended at different steps, the comparisons below read both at the last step they share.`,
    "- Each preset is loaded through the preset menu and trained with Play from step 0. A preset with a method runs twice, the same steps each: **on** (the preset as shipped) and **off** (its toggle unchecked, then Reset), so the rows differ only in the method. naive is the baseline (no method) and runs once; corinfomax off is the naive preset's config.",
    "- Figures are the app's own, from `window.__collapseLab.snapshot()` at the run's last report: RankMe; std of the L2-normalised embeddings (collapse: near 0; reference 1/√D); accuracy, kNN for SSL presets and the classifier's test accuracy for supervised ones (its last evaluation; its step in brackets when earlier); the method's diagnostics from the report's term, first report → last; the total loss, first report → last (with the method on it includes the method's term, so on/off totals are not comparable; cross-entropy at chance is ln 6 = 1.79 on the six shape classes); seconds per step from the arrival of the run's first metrics report (step 5) to its last, metrics and evaluation steps included (in brackets the app's own figure, 1 / its steps/s over the last ≤ 30 steps, which counts step submissions: on WebGL the engine does not wait for the GPU between steps, so it reads low); wall seconds of the whole run, build and first-step shader compilation included.",
    '- Runs are short and single-seed (seed 1): a difference of a few points of accuracy is within what another seed could change.',
    '',
    '| preset | run | step | RankMe | std L2-norm. (ref) | accuracy | method diagnostic (first → last report) | loss total | s/step (app) | wall s | notes |',
    '|---|---|---:|---:|---:|---:|---|---:|---:|---:|---|',
    ...rows.map(tableRow),
    '',
    '## On vs off',
    '',
    ...comparisons(rows, classes).map((l) => `- ${l}`),
    '',
  ].join('\n');
}
