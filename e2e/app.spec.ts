/**
 * The foundation, as a user sees it: the app loads on WebGPU with no console error,
 * trains, its charts move, collapse shows and is cured, the CPU backend can be forced,
 * and nothing leaves the page's origin.
 */
import { expect, test } from '@playwright/test';
import { snapshot, startTraining, waitForReady, waitForReportStep, watchPage } from './helpers';

/** A small MLP on the shapes images: quick even on an emulated GPU (tfjs's WebGPU convolutions are very slow on SwiftShader). */
const SMALL_RUN = '/?backend=webgpu&m=mlp&w=32&depth=1&dim=16&bs=32&every=5';

test('loads on WebGPU with no console error, trains 50 steps and the charts update', async ({ page }) => {
  const watch = watchPage(page);
  await page.goto(SMALL_RUN);
  await waitForReady(page);
  const banner = page.getByTestId('backend-banner');
  await expect(banner).toContainText(/WebGPU/i);
  // Our machines have no GPU: the adapter is SwiftShader and the banner must say so.
  await expect(banner).toContainText(/emulat|software/i);

  await startTraining(page);
  const s = await waitForReportStep(page, 50);
  expect(s.backend?.id).toBe('webgpu');
  expect(s.history.length).toBeGreaterThanOrEqual(10);
  expect(Number.isFinite(s.latest!.losses.total)).toBe(true);
  expect(s.latest!.spectrum.length).toBe(16);
  await expect(page.getByTestId('step-counter')).toContainText(/\d{2,}/);
  // The charts drew lines from the reports.
  await expect(page.getByTestId('chart-loss').locator('.line-chart')).toHaveAttribute('data-lines', /total/);
  await expect(page.getByTestId('chart-spectrum').locator('.line-chart')).toHaveAttribute('data-lines', /latest/);
  await expect(page.getByTestId('chart-rank').locator('.line-chart')).toHaveAttribute('data-lines', /rankme/);
  await expect(page.getByTestId('chart-rank').locator('canvas')).toBeVisible();
  await page.getByTestId('btn-pause').click();
  await expect.poll(async () => (await snapshot(page)).state).toBe('paused');

  expect(watch.errors).toEqual([]);
  expect(watch.outside).toEqual([]);
});

test('naive alignment drives RankMe towards 1; switching to VICReg live cures it', async ({ page }) => {
  const watch = watchPage(page);
  // 2-D blobs through a small MLP: the fastest demo of collapse on an emulated GPU.
  await page.goto('/?backend=wasm&d=blobs&m=mlp&w=32&depth=1&dim=16&bs=128&lr=0.01&every=10&obj=naive');
  await waitForReady(page);
  await expect(page.getByTestId('select-objective')).toHaveValue('naive');
  await startTraining(page);
  const collapsed = await waitForReportStep(page, 80);
  expect(Object.keys(collapsed.latest!.losses)).toContain('naive');
  expect(collapsed.latest!.scalars.rankme!).toBeLessThan(2);

  // Switch the objective while it trains: the run goes on, and the spectrum recovers.
  await page.getByTestId('select-objective').selectOption('vicreg');
  await expect.poll(async () => (await snapshot(page)).config?.objective).toBe('vicreg');
  const switchedAt = (await snapshot(page)).latest!.step;
  const cured = await waitForReportStep(page, switchedAt + 100);
  expect(Object.keys(cured.latest!.losses)).toContain('vicreg');
  expect(Object.keys(cured.latest!.losses)).not.toContain('naive');
  expect(cured.latest!.scalars.rankme!).toBeGreaterThan(4);
  // The run was kept: switching did not restart it.
  expect(cured.step).toBeGreaterThan(switchedAt);
  expect(watch.outside).toEqual([]);
});

for (const [id, name] of [['cpu', /CPU/], ['wasm', /WASM/i]] as const) {
  test(`?backend=${id} trains on ${id} and says so`, async ({ page }) => {
    // The WASM binaries are served from the site root; a wrong path would silently fall back.
    const wasmFiles: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('.wasm')) wasmFiles.push(new URL(r.url()).pathname);
    });
    await page.goto(`/?backend=${id}&m=mlp&w=32&depth=1&dim=16&bs=32&every=5`);
    await waitForReady(page);
    await expect(page.getByTestId('backend-banner')).toContainText(name);
    const s0 = await snapshot(page);
    expect(s0.backend?.id, JSON.stringify(s0.backend?.skipped)).toBe(id);
    expect(s0.backend?.skipped).toEqual([]);
    await startTraining(page);
    const s = await waitForReportStep(page, 10);
    expect(s.backend?.id).toBe(id);
    expect(Number.isFinite(s.latest!.losses.total)).toBe(true);
    if (id === 'wasm') expect(wasmFiles.some((f) => /^\/wasm\/tfjs-backend-wasm.*\.wasm$/.test(f))).toBe(true);
  });
}
