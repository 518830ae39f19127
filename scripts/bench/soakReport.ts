/** Section 6 of the report (the soak, scripts/bench/soakRun.ts): flat or not, per check, and its headline bullet. */
import { cell, fmt, mb } from './format.ts';
import { failed, type Failure, type SoakMemory, type SoakSection, type SoakSlot } from './raw.ts';

/** One flatness check: memory readings at the same point of the soak, first to last; flat when none is above the first. */
export interface SoakCheck {
  what: string;
  readings: SoakMemory[];
  /** The most tensors seen mid-run around these readings (a step's temporaries and reads in flight), when measured. */
  peakTensors?: number;
  /** Also judge the WASM heap (it grows on demand and never shrinks: after the first cycle it must hold still). */
  heap: boolean;
}

const FLAT = '✓';
const GREW = '✗';

/** True when no reading has more tensors or bytes (or, when judged, WASM heap) than the first. */
export function isFlat(check: SoakCheck): boolean {
  const [first, ...rest] = check.readings;
  if (!first) return true;
  return rest.every((r) => r.numTensors <= first.numTensors && r.numBytes <= first.numBytes && (!check.heap || (r.wasmHeapBytes ?? 0) <= (first.wasmHeapBytes ?? 0)));
}

/** The soak's checks: start vs end, before and after every reset from the first cycle on, the resets/rebuilds in a row. */
export function soakChecks(s: SoakSection): SoakCheck[] {
  const n = s.cycles.length;
  const checks: SoakCheck[] = [
    { what: `fresh run after ${s.warmup} warm-up steps: start → end (after all ${n} cycles)`, readings: [s.start, s.end], heap: false },
    { what: `before each reset (paused at the cycle's stop, back to its first slot): cycle 1 → ${n}`, readings: s.cycles.map((c) => c.beforeReset), peakTensors: Math.max(0, ...s.cycles.map((c) => c.peakTensors)), heap: true },
    { what: `after each reset (a fresh run at step 0): cycle 1 → ${n}`, readings: s.cycles.map((c) => c.afterReset), heap: true },
  ];
  if (!failed(s.rebuilds)) {
    const r = s.rebuilds;
    checks.push({ what: `${r.done} resets and rebuilds in a row (${r.methods.join(', ')} on): before → after`, readings: [r.before, r.after], peakTensors: r.peakTensors, heap: true });
  }
  return checks;
}

/** "first → last (max m)" of one figure over a check's readings, its growth in bold when `judged`. */
function span(readings: readonly SoakMemory[], pick: (m: SoakMemory) => number | null, show: (x: number | null) => string, judged = true): string {
  const xs = readings.map(pick);
  const first = xs[0] ?? null;
  const last = xs.at(-1) ?? null;
  const max = xs.reduce<number | null>((a, x) => (x === null ? a : a === null ? x : Math.max(a, x)), null);
  const grew = judged && first !== null && max !== null && max > first ? ` **+${show(max - first)}**` : '';
  return `${show(first)} → ${show(last)}${xs.length > 2 ? ` (max ${show(max)})` : ''}${grew}`;
}

const count = (x: number | null): string => (x === null ? 'n/a' : String(x));

/** One slot as the report names it. */
const slotText = (s: SoakSlot): string => (s.methods.length ? s.methods.join(' + ') : 'none');

/** The cycle's slots in words, grouped by task and objective. */
function scheduleText(schedule: readonly SoakSlot[]): string {
  const groups: string[] = [];
  for (const s of schedule) {
    const head = `${s.task} ${s.objective}`;
    const last = groups.at(-1);
    if (last?.startsWith(`${head}: `)) groups[groups.length - 1] = `${last} → ${slotText(s)}`;
    else groups.push(`${head}: ${slotText(s)}`);
  }
  return groups.join('; then ');
}

/** Why the cycle has a stretch of another task: the methods that run only there. */
function otherTaskNote(soak: SoakSection): string {
  const own = (s: SoakSlot) => s.task === soak.config.task;
  const only = [...new Set(soak.schedule.filter((s) => !own(s)).flatMap((s) => s.methods))].filter((m) => !soak.schedule.some((s) => own(s) && s.methods.includes(m)));
  const other = soak.schedule.find((s) => !own(s));
  if (!other || !only.length) return '';
  return ` (${only.join(', ')} ${only.length > 1 ? 'run' : 'runs'} in ${other.task} runs only, so a ${other.task} stretch with the fallback objective, ${other.objective}, switches ${only.length > 1 ? 'them' : 'it'})`;
}

/** Section 6's tables, or why it failed. */
export function soakTables(soak: SoakSection | Failure | undefined): string[] {
  if (!soak) return [];
  const lines = ['## 6. Soak: seed methods switched on and off live, resets and rebuilds (WASM, Node)', ''];
  if (failed(soak)) return [...lines, `Failed: ${cell(soak.error, 400)}`, ''];
  const c = soak.config;
  const steps = soak.cycles.reduce((a, x) => a + x.steps, 0);
  const slots = soak.schedule.length;
  const every = soak.cycles[0]?.steps ?? c.stopAt;
  lines.push(
    `The real Engine (src/engine.ts) in Node, outside the browser, on ${soak.runtime}, driven as the app drives its worker: the app's default run`,
    `(${c.dataset}, ${c.model.toUpperCase()} width ${c.width} × ${c.depth} blocks, D ${c.embedDim}, batch ${c.batchSize}, metrics every ${c.metricsEvery} steps with evaluation on every 4th report and weight snapshots)`,
    `trains with Play; it stops every ${every} steps (its stop step), is put back to the cycle's first slot and reset: ${soak.cycles.length} cycles, ${steps} steps.`,
    `While it trains, each cycle walks through ${slots} slots of about ${fmt(every / Math.max(slots, 1), 0)} steps, each a live change (\`set\`, validated as the app does) made on the report that reaches its step:`,
    `${scheduleText(soak.schedule)}. Every seed method is switched on and off once per cycle${otherTaskNote(soak)}.`,
    `Then resets and structural rebuilds (width ${failed(soak.rebuilds) ? '?' : soak.rebuilds.widths.join(' ↔ ')}) in turn while the run trains, each followed by one report of the new run.`,
    'tf.memory() is read with the loop stopped and the tensor count still for 100 ms (reads and snapshots finished); *peak*: the most tensors seen at a change, mid-run.',
    `*Flat* (${FLAT}): no reading above the first at the same point; ${GREW} marks growth. The WASM heap grows on demand and never shrinks: it is judged from the first cycle on.`,
    '',
    '| check | tensors | bytes | WASM heap | flat |',
    '|---|---|---|---|---|',
  );
  for (const check of soakChecks(soak)) {
    const peak = check.peakTensors === undefined ? '' : `; peak ${check.peakTensors}`;
    lines.push(`| ${check.what} | ${span(check.readings, (m) => m.numTensors, count)}${peak} | ${span(check.readings, (m) => m.numBytes, mb)} | ${span(check.readings, (m) => m.wasmHeapBytes, mb, check.heap)} | ${isFlat(check) ? FLAT : GREW} |`);
  }
  if (failed(soak.rebuilds)) lines.push(`| resets and rebuilds in a row | failed: ${cell(soak.rebuilds.error, 200)} | | | ${GREW} |`);
  lines.push(
    '',
    `Steps per second over the cycles (changes, reads and resets included): ${fmt(soak.stepsPerSecond)}; the soak took ${fmt(soak.seconds / 60)} min.`,
    '',
    '| cycle | steps | changes | seconds | tensors before reset / after | peak | bytes before reset / after |',
    '|---:|---:|---:|---:|---|---:|---|',
    ...soak.cycles.map((x, i) => `| ${i + 1} | ${x.steps} | ${x.changes} | ${fmt(x.seconds)} | ${x.beforeReset.numTensors} / ${x.afterReset.numTensors} | ${x.peakTensors} | ${mb(x.beforeReset.numBytes)} / ${mb(x.afterReset.numBytes)} |`),
    '',
  );
  if (soak.notices.length) lines.push('Notices the engine raised:', '', ...soak.notices.map((n) => `- ${cell(n, 300)}`), '');
  return lines;
}

/** The headline bullet of the soak. */
export function soakHeadline(soak: SoakSection | Failure | undefined): string[] {
  if (!soak) return [];
  if (failed(soak)) return [`Soak (WASM, Node): failed: ${cell(soak.error, 200)}.`];
  const checks = soakChecks(soak);
  const grew = checks.filter((c) => !isFlat(c));
  const steps = soak.cycles.reduce((a, x) => a + x.steps, 0);
  const rebuilds = failed(soak.rebuilds) ? 'resets/rebuilds failed' : `${soak.rebuilds.done} resets/rebuilds in a row ${soak.rebuilds.before.numTensors} → ${soak.rebuilds.after.numTensors}`;
  const verdict = grew.length || failed(soak.rebuilds) ? `${GREW} grew: ${grew.map((c) => c.what.split(':')[0]).join('; ') || 'see section 6'}` : `${FLAT} flat`;
  return [`Soak (WASM, Node): ${steps} steps in ${soak.cycles.length} cycles with every seed method switched on and off and a reset after each, tensors ${soak.start.numTensors} → ${soak.end.numTensors} (bytes ${mb(soak.start.numBytes)} → ${mb(soak.end.numBytes)}); ${rebuilds}: ${verdict}.`];
}
