/**
 * One preset through the app's UI, as a user would: open the app, choose the preset in the
 * header's preset menu (which starts its run and its control as twins, both stopping at the
 * budget), press Play if nothing trains, and wait until both runs are at the budget.
 */
import type { Page } from '@playwright/test';
import type { Preset } from '../../src/compare/preset.ts';
import { labInstalled } from '../lib/labInPage.ts';
import { firstLine, type Log } from '../lib/log.ts';
import { progressInPage, runsInPage, type Progress } from './inPage.ts';
import type { BackendChoice } from './options.ts';
import type { Notice, PresetResult } from './raw.ts';

/** How often the page's state is read while the runs train. */
const POLL_MS = 500;
/** How long the app may take to start (engine, backend, catalog) before the preset is chosen. */
const READY_MS = 120_000;
/** Play is pressed again at most this often while the run stands still short of its budget. */
const PLAY_EVERY_MS = 5_000;
/** How often progress is logged. */
const LOG_EVERY_MS = 30_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** True when both runs have stopped at the budget with their last report in the histories. */
export function bothAtBudget(s: Progress, budget: number): boolean {
  const t = s.twin;
  return s.state === 'paused' && s.step >= budget && (s.lastReport ?? 0) >= budget && t !== null && t.step >= budget && (t.lastReport ?? 0) >= budget;
}

/** "main at step 120, control at step 110 of 300". */
function whereRunsAre(s: Progress | null, budget: number): string {
  return `main at step ${s?.step ?? 0}, control at step ${s?.twin?.step ?? 'n/a (no twin)'} of ${budget}`;
}

/** The page address for `backend` ('auto' leaves the app's own choice). */
export const appAddress = (server: string, backend: BackendChoice): string => (backend === 'auto' ? `${server}/` : `${server}/?backend=${backend}`);

/** What `runPreset` measured; the claims are checked by the caller. */
export type PresetRun = Omit<PresetResult, 'claims' | 'title' | 'budget' | 'backendAsked' | 'id'>;

/** Polls until the app has installed its hook, has a backend and a catalog and is not building. */
async function untilReady(page: Page): Promise<void> {
  await page.waitForFunction(labInstalled, null, { timeout: READY_MS });
  const t0 = Date.now();
  for (;;) {
    const s = await page.evaluate(progressInPage);
    if (s?.ready && ['idle', 'paused', 'running'].includes(s.state)) return;
    if (Date.now() - t0 > READY_MS) throw new Error(`the app did not start in ${READY_MS / 1000} s (state ${s?.state})`);
    await sleep(POLL_MS);
  }
}

/** Opens the app on `backend`, runs preset `p` to its budget within `minutes` and reads both runs. */
export async function runPreset(page: Page, server: string, p: Preset, backend: BackendChoice, minutes: number, log: Log): Promise<PresetRun> {
  await page.goto(appAddress(server, backend));
  await untilReady(page);
  const before = new Set((await page.evaluate(progressInPage))?.notices.map((n) => n.message));
  const t0 = Date.now();
  await page.getByTestId('preset-select').selectOption(p.id, { timeout: 30_000 });
  let failure: string | null = null;
  let notices: Notice[];
  let playedAt = 0;
  let loggedAt = t0;
  for (;;) {
    const s = await page.evaluate(progressInPage);
    if (!s) throw new Error('the page has no window.__collapseLab any more');
    notices = s.notices.filter((n) => n.level !== 'info' && !before.has(n.message));
    if (bothAtBudget(s, p.budget)) break;
    const error = notices.find((n) => n.level === 'error');
    if (error || s.state === 'error') {
      failure = `stopped by the app (${whereRunsAre(s, p.budget)}): ${error?.message ?? 'the run is in its error state'}`;
      break;
    }
    if (Date.now() - t0 > minutes * 60_000) {
      failure = `did not reach its budget in ${minutes} min (${whereRunsAre(s, p.budget)})`;
      break;
    }
    // The preset is applied (its budget is the stop step) and its twin exists, but nothing trains: press Play.
    const standing = (s.state === 'idle' || s.state === 'paused') && s.step < p.budget && s.stopAt === p.budget && s.twin !== null;
    if (standing && Date.now() - playedAt > PLAY_EVERY_MS) {
      playedAt = Date.now();
      await page
        .getByTestId('btn-play')
        .click({ timeout: PLAY_EVERY_MS })
        .catch((e: unknown) => log(`${p.id}: could not press Play (${firstLine(e)}); trying again`));
    }
    if (Date.now() - loggedAt > LOG_EVERY_MS) {
      loggedAt = Date.now();
      log(`${p.id}: ${whereRunsAre(s, p.budget)} after ${((loggedAt - t0) / 1000).toFixed(0)} s`);
    }
    await sleep(POLL_MS);
  }
  const seconds = (Date.now() - t0) / 1000;
  const runs = await page.evaluate(runsInPage);
  return { backend: runs.backend, embedDim: runs.embedDim, seconds, reached: failure === null, failure, main: runs.main, control: runs.control, notices };
}
