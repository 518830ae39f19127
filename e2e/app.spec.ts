/**
 * The foundation, as a user sees it: the app loads on WebGPU with no console error,
 * trains, its charts move, collapse shows and is cured, the CPU backend can be forced,
 * and nothing leaves the page's origin.
 */
import { expect, test } from '@playwright/test';
import { snapshot, waitForReady, waitForReportStep, watchPage } from './helpers';

/** A small CNN run on the shapes data that SwiftShader can train quickly. */
const SMALL_CNN = '/?w=8&depth=1&dim=16&bs=32&every=5';

test('loads on WebGPU with no console error, trains 50 steps and the charts update', async ({ page }) => {
  const watch = watchPage(page);
  await page.goto(SMALL_CNN);
  await waitForReady(page);
  const banner = page.getByTestId('backend-banner');
  await expect(banner).toContainText(/WebGPU/i);
  // Our machines have no GPU: the adapter is SwiftShader and the banner must say so.
  await expect(banner).toContainText(/emulat|software/i);

  const s0 = await snapshot(page);
  if (s0.state !== 'running') await page.getByTestId('btn-play').click();
  const s = await waitForReportStep(page, 50);
  expect(s.backend?.id).toBe('webgpu');
  expect(s.history.length).toBeGreaterThanOrEqual(10);
  expect(Number.isFinite(s.latest!.losses.total)).toBe(true);
  expect(s.latest!.spectrum.length).toBe(16);
  await expect(page.getByTestId('step-counter')).toContainText(/\d{2,}/);
  // The charts drew lines from the reports.
  await expect(page.getByTestId('chart-loss').locator('path.recharts-curve').first()).toBeVisible();
  await expect(page.getByTestId('chart-spectrum').locator('path.recharts-curve').first()).toBeVisible();
  await expect(page.getByTestId('chart-rank').locator('path.recharts-curve').first()).toBeVisible();
  await page.getByTestId('btn-pause').click();
  await expect.poll(async () => (await snapshot(page)).state).toBe('paused');

  expect(watch.errors).toEqual([]);
  expect(watch.outside).toEqual([]);
});

test('switching to naive alignment drives RankMe towards 1; VICReg keeps it high', async ({ page }) => {
  const watch = watchPage(page);
  // 2-D blobs through a small MLP: the fastest demo of collapse on an emulated GPU.
  await page.goto('/?d=blobs&m=mlp&w=32&depth=1&dim=16&bs=128&lr=0.01&every=10&obj=vicreg');
  await waitForReady(page);
  const s0 = await snapshot(page);
  if (s0.state !== 'running') await page.getByTestId('btn-play').click();
  const withVicreg = await waitForReportStep(page, 100);
  const vicregRank = withVicreg.latest!.scalars.rankme!;
  expect(vicregRank).toBeGreaterThan(4);

  await page.getByTestId('select-objective').selectOption('naive');
  await expect.poll(async () => (await snapshot(page)).config?.objective).toBe('naive');
  const switchedAt = (await snapshot(page)).step;
  await waitForReportStep(page, switchedAt + 150);
  const collapsed = await snapshot(page);
  expect(Object.keys(collapsed.latest!.losses)).toContain('naive');
  expect(collapsed.latest!.scalars.rankme!).toBeLessThan(2);
  // The run was kept: switching did not restart it.
  expect(collapsed.step).toBeGreaterThan(switchedAt);
  expect(watch.outside).toEqual([]);
});

test('?backend=cpu trains on the CPU and says so', async ({ page }) => {
  await page.goto('/?backend=cpu&w=8&depth=1&dim=16&bs=32&every=5');
  await waitForReady(page);
  await expect(page.getByTestId('backend-banner')).toContainText(/CPU/i);
  const s0 = await snapshot(page);
  if (s0.state !== 'running') await page.getByTestId('btn-play').click();
  const s = await waitForReportStep(page, 10);
  expect(s.backend?.id).toBe('cpu');
  expect(Number.isFinite(s.latest!.losses.total)).toBe(true);
});
