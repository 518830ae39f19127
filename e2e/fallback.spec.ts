/**
 * Without WebGPU (Chromium started without --enable-unsafe-webgpu here), the app
 * falls back to WebGL, says why, and still trains.
 */
import { expect, test } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config';
import { snapshot, startTraining, waitForReady, waitForReportStep } from './helpers';

test.use({ launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS.filter((a) => a !== '--enable-unsafe-webgpu') } });

test('Auto without a WebGPU adapter starts on WebGL, says why in the banner, and trains', async ({ page }) => {
  await page.goto('/?w=8&depth=1&dim=16&bs=32&every=5');
  await waitForReady(page);
  const banner = page.getByTestId('backend-banner');
  await expect(banner).toContainText(/WebGL/i);
  await expect(banner).toContainText(/no WebGPU adapter/i);
  const s0 = await snapshot(page);
  expect(s0.backend?.id).toBe('webgl');
  await startTraining(page);
  const s = await waitForReportStep(page, 10);
  expect(Number.isFinite(s.latest!.losses.total)).toBe(true);
});
