/**
 * Auto means measured (the one browser spec that leaves the backend to Auto): on an emulated
 * GPU it starts on WASM, times the run on every backend in the background and shows what it
 * measured; told by a stored measurement that another backend is faster, it moves the run
 * there with a notice, keeping its step and history.
 */
import { expect, test } from '@playwright/test';
import { snapshot, waitForReady, waitForReportStep, watchPage } from './helpers';

const LINK = '/?v=2&w=16&depth=1&dim=8&bs=32&every=5';

test('starts on WASM on an emulated GPU, measures the backends, and moves the run to a faster one keeping it', async ({ page }) => {
  test.slow();
  const watch = watchPage(page);
  await page.goto(LINK);
  await waitForReady(page);
  const s0 = await snapshot(page);
  expect(s0.backend?.id).toBe('wasm');
  await expect(page.getByTestId('backend-banner')).toContainText(/emulated/);
  // Every backend timed in the background while the run trains.
  const speeds = page.getByTestId('auto-speeds');
  await expect(speeds).toContainText('Auto measured this run', { timeout: 60_000 });
  await expect(speeds).not.toContainText('timing', { timeout: 240_000 });
  await expect(speeds).toContainText(/WASM [\d.]+ steps\/s/);
  await expect(speeds).toContainText(/WebGPU .*\(emulated\)/);
  const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('collapse-lab:auto-speeds:')));
  expect(stored).toHaveLength(1);

  // A measurement saying WebGL is far faster for this run shape: the next visit moves the run there.
  await page.evaluate((key) => localStorage.setItem(key, JSON.stringify({ wasm: 1, webgl: 100, webgpu: 0.1 })), stored[0]!);
  await page.reload();
  await waitForReady(page);
  const moved = page.getByTestId('notice').filter({ hasText: /Moved the run from wasm to webgl at step \d+/ });
  await expect(moved.first()).toBeVisible({ timeout: 120_000 });
  const at = Number(/at step (\d+)/.exec((await moved.first().textContent()) ?? '')![1]);
  await expect.poll(async () => (await snapshot(page)).backend?.id, { timeout: 60_000 }).toBe('webgl');
  // The run went on from where it was: no restart at step 0, and the history from before the move is kept.
  const after = await waitForReportStep(page, at + 10);
  expect(after.history[0]!.step).toBeLessThanOrEqual(at);
  expect(after.history.every((p, i) => i === 0 || p.step > after.history[i - 1]!.step)).toBe(true);
  expect(watch.errors).toEqual([]);
});
