/**
 * The small CNN trains on WASM in the browser: tfjs's WASM backend lacks the convolution
 * filter gradient, which the engine registers at start (src/kernels/conv2dBackpropFilter).
 * A link asking for the CNN on WASM trains, its charts fill with reports, and no error
 * notice appears.
 */
import { expect, test } from '@playwright/test';
import { snapshot, startTraining, waitForReady, waitForReportStep, watchPage } from './helpers';

test('the CNN trains on WASM: reports arrive, charts move, no error notice', async ({ page }) => {
  const watch = watchPage(page);
  await page.goto('/?v=2&backend=wasm&m=cnn&d=shapes16&w=8');
  const s0 = await waitForReady(page);
  expect(s0.backend?.id, JSON.stringify(s0.backend?.skipped)).toBe('wasm');
  expect(s0.config?.model).toBe('cnn');
  await startTraining(page);
  const first = await waitForReportStep(page, 1);
  const later = await waitForReportStep(page, first.latest!.step + 3 * first.config!.metricsEvery);
  expect(later.config?.model).toBe('cnn');
  expect(later.backend?.id).toBe('wasm');
  // Several reports, each with a finite loss: the loss chart is drawn from them.
  const reports = later.history.filter((h) => h.step > 0);
  expect(reports.length).toBeGreaterThanOrEqual(4);
  for (const h of reports) expect(Number.isFinite(h.losses.total), `total at step ${h.step}`).toBe(true);
  await expect(page.getByTestId('chart-loss')).toHaveAttribute('data-empty', 'false');
  await expect(page.getByTestId('chart-rank')).toHaveAttribute('data-empty', 'false');
  expect(later.notices.filter((n) => n.level === 'error')).toEqual([]);
  expect((await snapshot(page)).step).toBeGreaterThan(first.latest!.step);
  expect(watch.errors).toEqual([]);
});
