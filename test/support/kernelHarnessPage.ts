/**
 * For the browser specs: opens the kernel harness page (kernels.html, whose script is
 * test/harness/kernels.ts) and waits until it has published `window.__kernels`, failing
 * with the page's own error when it could not start.
 */
import { expect, type Browser, type Page } from '@playwright/test';

/** A new page on kernels.html with the harness ready. */
export async function openKernelHarness(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  await page.goto('/kernels.html');
  await page.waitForFunction(() => window.__kernels !== undefined || window.__kernelsError !== undefined, null, { timeout: 60_000 });
  const error = await page.evaluate(() => window.__kernelsError ?? null);
  expect(error, `harness failed to start: ${error}`).toBeNull();
  await expect(page.locator('#status')).toContainText('ready');
  return page;
}
