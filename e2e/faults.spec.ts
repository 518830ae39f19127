/**
 * Fault drills on WASM: a dataset request that never answers, the engine's worker killed or
 * crashing mid-run, and a divergence between two rare metrics reports. In each, the app says
 * what happened and the user loses nothing (the lost-GPU drill is in robustness.spec.ts).
 */
import { expect, test, type Page } from '@playwright/test';
import { snapshot, startTraining, waitForReady, waitForReportStep, type AppSnapshot } from './helpers';

const SMALL = 'v=2&backend=wasm&d=blobs&m=mlp&w=32&depth=1&dim=16&bs=64';

/** The notice matching `text`, once visible. */
async function noticeText(page: Page, text: RegExp, timeout = 60_000): Promise<string> {
  const notice = page.getByTestId('notice').filter({ hasText: text }).first();
  await expect(notice).toBeVisible({ timeout });
  return (await notice.textContent()) ?? '';
}

test('a dataset request that never answers is given up after the stated time and the run goes on', async ({ page }) => {
  let asked = false;
  // The MNIST file is requested and never answered (no response, no error).
  await page.route('**/data/mnist.u8', () => {
    asked = true;
  });
  await page.goto(`/?${SMALL}&every=5`);
  await waitForReady(page);
  await startTraining(page);
  const s0 = await waitForReportStep(page, 10);

  await page.getByTestId('dataset-mnist').click();
  await expect.poll(() => asked).toBe(true);
  const said = await noticeText(page, /Nothing changed/, 90_000);
  expect(said).toMatch(/\d+ s/);
  expect(said).toMatch(/goes on from step \d+/);
  const s1 = await snapshot(page);
  expect(s1.config?.dataset).toBe('blobs');
  // Still training the run it had, not restarted.
  const s2 = await waitForReportStep(page, (s1.latest?.step ?? 0) + 10);
  expect(s2.state).toBe('running');
  expect(s2.history[0]!.step).toBe(s0.history[0]!.step);
});

/** Trains until a weight snapshot is behind the run (every 50 steps), then returns the state. */
async function trainPastSnapshot(page: Page): Promise<AppSnapshot> {
  await page.goto(`/?${SMALL}&every=5`);
  await waitForReady(page);
  await startTraining(page);
  return waitForReportStep(page, 130);
}

/** After a restart: the run went on from its last snapshot (not step 0) with its history, and trains on. */
async function expectRestoredAndTraining(page: Page, before: AppSnapshot, said: string): Promise<void> {
  const restoredAt = Number(/from its last snapshot, step (\d+)/.exec(said)?.[1]);
  expect(restoredAt).toBeGreaterThanOrEqual(50);
  expect(restoredAt).toBeLessThanOrEqual(before.latest!.step + 50);
  const s = await waitForReportStep(page, restoredAt + 20);
  expect(s.state).toBe('running');
  // The history up to the snapshot was kept, and the steps after it were trained again, once each.
  expect(s.history[0]!.step).toBe(before.history[0]!.step);
  const steps = s.history.map((p) => p.step);
  expect(new Set(steps).size).toBe(steps.length);
  expect(steps).toEqual([...steps].sort((a, b) => a - b));
  expect(Number.isFinite(s.latest!.losses.total)).toBe(true);
}

test('a worker killed mid-run is noticed by the watchdog, restarted, and the run restored from its last snapshot', async ({ page }) => {
  const before = await trainPastSnapshot(page);
  await page.evaluate(() => (window as unknown as { __collapseLab: { killEngine(): void } }).__collapseLab.killEngine());
  const said = await noticeText(page, /was restarted/);
  expect(said).toMatch(/sent nothing for \d+ s/);
  await expectRestoredAndTraining(page, before, said);
});

test('a worker that crashes mid-run is restarted at once and the run restored from its last snapshot', async ({ page }) => {
  const before = await trainPastSnapshot(page);
  await page.evaluate(() => (window as unknown as { __collapseLab: { crashEngine(): void } }).__collapseLab.crashEngine());
  const said = await noticeText(page, /was restarted/);
  expect(said).toMatch(/crashed/);
  await expectRestoredAndTraining(page, before, said);
});

test('a divergence between reports every 1,000 steps is found within a few steps and its term named', async ({ page }) => {
  await page.goto(`/?${SMALL}&every=1000&opt=sgd&lr=1`);
  await waitForReady(page);
  await startTraining(page);
  const said = await noticeText(page, /stopped being finite/, 120_000);
  const at = Number(/around step (\d+)/.exec(said)?.[1]);
  expect(said).toMatch(/The loss of .+ stopped being finite/);
  await expect.poll(async () => (await snapshot(page)).state).toBe('paused');
  const s = await snapshot(page);
  // Found by the health read every 10 steps, long before the first report (step 1,000).
  expect(at).toBeLessThan(1000);
  expect(s.step).toBeLessThan(1000);
  expect(s.step - at).toBeLessThanOrEqual(30);
});
