/** Driving the app through its UI and its test hook, as a user running a preset would. */
import type { Page } from '@playwright/test';
import { sendToLab } from '../lib/labInPage.ts';
import { historyInPage, probeInPage, type Probe } from './inPage.ts';
import type { Preset, Report, TrainResult } from './raw.ts';

/** How often the page's state is read while a run trains. */
const POLL_MS = 200;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const settled = (s: Probe) => s.state === 'idle' || s.state === 'paused';

/** The app's state (null before it has installed its hook); pauses the run once its report reaches `pauseAt`. */
export function probe(page: Page, pauseAt: number | null = null): Promise<Probe | null> {
  return page.evaluate(probeInPage, pauseAt);
}

/** The app's state, as `probe`; throws when the page has no app hook (it reloaded or crashed). */
async function probeApp(page: Page, pauseAt: number | null = null): Promise<Probe> {
  const s = await probe(page, pauseAt);
  if (!s) throw new Error('the page has no window.__collapseLab any more');
  return s;
}

/** Polls until `pred(snapshot)` holds; throws after `timeoutMs` with `what`. */
export async function until(page: Page, pred: (s: Probe) => boolean, what: string, timeoutMs = 120_000): Promise<Probe> {
  const t0 = Date.now();
  let s: Probe | null = null;
  while (Date.now() - t0 < timeoutMs) {
    s = await probe(page);
    if (s && pred(s)) return s;
    await sleep(POLL_MS);
  }
  throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what} (state ${s?.state}, step ${s?.step}, methods ${JSON.stringify(s?.config?.methods)})`);
}

/**
 * Pauses the engine (if it trains) and waits until it has stopped. Through the app's hook,
 * not the Pause button: a pause already sent leaves the button enabled until the worker's
 * status arrives, and a click landing after that waits on a disabled button.
 */
export async function pause(page: Page): Promise<Probe> {
  await page.evaluate(sendToLab, { type: 'pause' } as const);
  return until(page, (x) => x.state !== 'running' && x.state !== 'building', 'the engine to pause');
}

/** The method a run switches on or off (id null: the baseline, no method). */
export type MethodExpectation = { id: string; on: boolean } | { id: null; on: false };

/**
 * Presses Play and lets the run train until its metrics report reaches `steps` (paused
 * in the same page call that sees it), or for at most `timeoutS`. Returns what the run
 * showed: its first and last report, the history, timings and notices.
 */
export async function train(page: Page, steps: number, expect: MethodExpectation, timeoutS: number): Promise<TrainResult> {
  const before = await probeApp(page);
  const noticesBefore = before.notices.length;
  if (before.state !== 'running') await page.getByTestId('btn-play').click();
  const t0 = Date.now();
  let first: Report | null = null;
  let firstAt: number | null = null;
  let last: Report | null = null;
  let lastAt: number | null = null;
  let timedOut = false;
  let lastSeen = -1;
  for (;;) {
    const s = await probeApp(page, steps);
    const l = s.latest;
    if (l && l.step !== lastSeen) {
      lastSeen = l.step;
      if (!first) {
        first = l;
        firstAt = Date.now();
      }
      last = l;
      lastAt = Date.now();
    }
    if (s.paused || (l && l.step >= steps)) break;
    if (s.state === 'error') break;
    if (s.state === 'paused' && l && s.notices.slice(noticesBefore).some((n) => n.code === 'nan-loss')) break;
    if ((Date.now() - t0) / 1000 > timeoutS) {
      timedOut = true;
      break;
    }
    await sleep(POLL_MS);
  }
  const wallSeconds = (Date.now() - t0) / 1000;
  const end = await pause(page);
  const history = await page.evaluate(historyInPage);
  const notices = end.notices.slice(noticesBefore);
  const problems: string[] = [];
  if (!last) problems.push('no metrics report');
  if (history.length && history[0]!.step > end.config.metricsEvery) problems.push(`history starts at step ${history[0]!.step}, not this run's first report`);
  for (const h of history) {
    const terms = Object.keys(h.losses).filter((k) => k !== 'total');
    const wrong = expect.on ? !terms.includes(expect.id) : expect.id !== null && terms.includes(expect.id);
    if (wrong) {
      problems.push(`the report at step ${h.step} has terms ${terms.join(', ')}`);
      break;
    }
  }
  return { first, firstAt, last, lastAt, t0, wallSeconds, timedOut, history, notices, problems, state: end.state };
}

/** Loads preset `p` through the preset menu and waits for its fresh, paused run at step 0. */
export async function loadPreset(page: Page, p: Preset): Promise<Probe> {
  await pause(page);
  await page.getByTestId('preset-select').selectOption(p.id);
  const methods = p.config.methods ?? [];
  return until(
    page,
    (s) => sameList(s.config.methods, methods) && s.config.dataset === p.config.dataset && s.config.model === p.config.model && settled(s) && s.step === 0 && s.latest === null,
    `preset ${p.id} to load`,
  );
}

/** Switches method `id` off with its toggle, presses Reset and waits for the fresh run at step 0. */
export async function methodOffAndReset(page: Page, id: string): Promise<Probe> {
  await page.getByTestId(`toggle-${id}`).uncheck();
  await until(page, (s) => !s.config.methods.includes(id) && settled(s), `${id} to switch off`);
  await page.getByTestId('btn-reset').click();
  return until(page, (s) => !s.config.methods.includes(id) && settled(s) && s.step === 0 && s.latest === null, `the reset without ${id}`);
}
