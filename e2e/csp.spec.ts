/**
 * The built app's Content-Security-Policy (vite-plugin-csp.ts): the page declares it, the
 * server sends it, it refuses JavaScript made from strings on the page and in the engine's
 * worker, and a training run on each backend that matters (WASM, WebGL, WebGPU) with a
 * formula typeset on screen breaks none of it. Violations on the page are recorded from its
 * first script on; the engine's worker reports its own as a notice (src/worker.ts).
 */
import { expect, test, type Page } from '@playwright/test';
import { CONTENT_SECURITY_POLICY } from '../vite-plugin-csp';
import { snapshot, waitForReady, waitForReportStep } from './helpers';

const RUN = 'v=2&d=shapes16&m=mlp&w=16&every=5';
/** A notice of the engine's worker about a violation. */
const BLOCKED = /security policy blocked/;

/** Records the page's CSP violations (directive and what was blocked) from before its first script. */
async function recordViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline code'} at ${e.sourceFile}:${e.lineNumber}`));
  });
  return () => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
}

test('the built page declares the policy, the server sends it, and code made from strings is refused on the page and in the engine', async ({ page }) => {
  const violations = await recordViolations(page);
  const response = await page.goto(`/?${RUN}&backend=wasm`);
  expect(response?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', CONTENT_SECURITY_POLICY);
  expect(CONTENT_SECURITY_POLICY).not.toMatch(/'unsafe-eval'/);
  await waitForReady(page);

  // A string timer is compiled by the page itself, later (code evaluated by the test tool is exempt).
  await page.evaluate(() => setTimeout('window.__evalRan = true', 0));
  // (Chromium may report the one refusal more than once.) Nothing of the app's own code is refused.
  await expect.poll(violations).toContainEqual(expect.stringMatching(/^script-src blocked eval/));
  expect((await violations()).filter((v) => !/^script-src blocked eval at :\d+$/.test(v))).toEqual([]);
  expect(await page.evaluate(() => 'undefined' === typeof (window as unknown as { __evalRan?: boolean }).__evalRan)).toBe(true);

  const engine = page.workers().find((w) => /\/worker-[\w-]+\.js$/.test(w.url()));
  expect(engine, 'the engine worker is running').toBeDefined();
  await engine!.evaluate(() => setTimeout('self.__evalRan = true', 0));
  await expect.poll(async () => (await snapshot(page)).notices.filter((n) => BLOCKED.test(n.message)).map((n) => n.message)).toEqual([expect.stringMatching(/blocked script-src/)]);
  expect(await engine!.evaluate(() => 'undefined' === typeof (self as unknown as { __evalRan?: boolean }).__evalRan)).toBe(true);
});

for (const backend of ['wasm', 'webgl', 'webgpu'] as const) {
  test(`a training run on ${backend} breaks none of the policy`, async ({ page }) => {
    const violations = await recordViolations(page);
    await page.goto(`/?${RUN}&backend=${backend}`);
    await waitForReady(page);
    // A term's formula, typeset by KaTeX (inline style attributes).
    await page.locator('details.formula summary').first().click();
    await expect(page.getByTestId('tex').filter({ visible: true }).first()).toBeVisible();
    const s = await waitForReportStep(page, 20);
    expect(s.backend?.id).toBe(backend);
    expect(await violations()).toEqual([]);
    expect(s.notices.filter((n) => BLOCKED.test(n.message))).toEqual([]);
  });
}
