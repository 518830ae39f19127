/**
 * Shared helpers for the browser specs: read the app's own state through its test
 * hook, wait for training progress, and watch console errors and outside requests.
 */
import { expect, type Page } from '@playwright/test';
import type { Catalog } from '../src/catalog';
import type { RunConfig } from '../src/config';
import type { BackendInfo, Command, MetricsReport, RunState } from '../src/protocol';

/** What `window.__collapseLab.snapshot()` returns (the parts the specs read). */
export interface AppSnapshot {
  state: RunState;
  step: number;
  backend: BackendInfo | null;
  config: RunConfig | null;
  catalog: Catalog | null;
  latest: MetricsReport | null;
  history: { step: number; losses: Record<string, number>; scalars: Record<string, number> }[];
  notices: { level: string; code: string; message: string }[];
  /** Runs trained beside the main one (twins). */
  compared: { id: string; label: string; mainLabel: string; state: RunState; step: number; config: RunConfig; latest: MetricsReport | null; history: { step: number; scalars: Record<string, number> }[] }[];
}

/** Reads the app state. */
export async function snapshot(page: Page): Promise<AppSnapshot> {
  return page.evaluate(() => (window as unknown as { __collapseLab: { snapshot(): unknown } }).__collapseLab.snapshot() as never);
}

/** Sends an engine command through the app (for set-up only; user actions go through the UI). */
export async function send(page: Page, cmd: Command): Promise<void> {
  await page.evaluate((c) => (window as unknown as { __collapseLab: { send(c: unknown): void } }).__collapseLab.send(c), cmd);
}

/** Waits until the engine has a trainer and is idle or paused (or running). */
export async function waitForReady(page: Page): Promise<AppSnapshot> {
  await expect.poll(async () => (await page.evaluate(() => 'undefined' !== typeof (window as unknown as { __collapseLab?: unknown }).__collapseLab)), { timeout: 60_000 }).toBe(true);
  await expect.poll(async () => (await snapshot(page)).state, { timeout: 120_000 }).toMatch(/idle|paused|running/);
  return snapshot(page);
}

/** Waits until the latest metrics report is at least `step`. */
export async function waitForReportStep(page: Page, step: number, timeout = 240_000): Promise<AppSnapshot> {
  await expect.poll(async () => (await snapshot(page)).latest?.step ?? 0, { timeout, intervals: [500, 1000] }).toBeGreaterThanOrEqual(step);
  return snapshot(page);
}

/** Pauses training with the Pause button (enabled once the run is training) and waits for the engine's paused status. */
export async function pauseRun(page: Page): Promise<AppSnapshot> {
  await page.getByTestId('btn-pause').click();
  await expect.poll(async () => (await snapshot(page)).state).toBe('paused');
  return snapshot(page);
}

/** Starts recording console errors and requests that leave the page's origin. */
export function watchPage(page: Page, origin = 'http://127.0.0.1:4173'): { errors: string[]; outside: string[] } {
  const errors: string[] = [];
  const outside: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) outside.push(url);
  });
  return { errors, outside };
}

/**
 * Makes the run train. A link's run starts by itself once the engine is idle, so the state a
 * spec read a moment ago may already be stale: Play is clicked only while it is enabled and
 * the run is not training, until the app says it trains.
 */
export async function startTraining(page: Page): Promise<AppSnapshot> {
  const play = page.getByTestId('btn-play');
  await expect
    .poll(
      async () => {
        if ((await snapshot(page)).state === 'running') return true;
        // Play may turn disabled between the check and the click (the run started by itself): the next poll sees it training.
        if (await play.isEnabled()) await play.click({ timeout: 2_000 }).catch(() => undefined);
        return false;
      },
      { timeout: 120_000 },
    )
    .toBe(true);
  return snapshot(page);
}
