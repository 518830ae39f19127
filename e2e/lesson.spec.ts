/**
 * Teaching from a link (WASM, the MLP on 16 px shapes): the shortest lesson runs to its end
 * (read, predict, Play, watch the outlined chart, reveal), and its revealed answer is the
 * run's claims with the numbers this run measured; KaTeX's fonts come from the app's own
 * origin; a classroom link hides the named controls and presenter mode enlarges the charts
 * and text; a shared link reopens the same lesson step with the same twin and seed.
 */
import { expect, test, type Page } from '@playwright/test';
import { snapshot, waitForReady, watchPage } from './helpers';

/** The mean of the last three reported values of a scalar, as the claims read "the end" of a run. */
function endValue(history: readonly { scalars: Record<string, number> }[], metric: string): number {
  const values = history.map((p) => p.scalars[metric]).filter((v): v is number => v !== undefined && Number.isFinite(v));
  const last = values.slice(-3);
  return last.reduce((a, b) => a + b, 0) / last.length;
}

/** A lesson step is shown. */
async function expectStep(page: Page, step: number, kind: string): Promise<void> {
  await expect(page.getByTestId('lesson-panel')).toHaveAttribute('data-step', String(step));
  await expect(page.getByTestId('lesson-panel')).toHaveAttribute('data-kind', kind);
}

test('the collapse lesson runs to its end and reveals what its run measured', async ({ page }) => {
  test.setTimeout(420_000);
  const origin = new URL(test.info().project.use.baseURL ?? 'http://127.0.0.1:4173').origin;
  const watch = watchPage(page, origin);
  const fonts: string[] = [];
  page.on('request', (r) => {
    if (/KaTeX_.*\.(woff2?|ttf)/.test(r.url())) fonts.push(r.url());
  });
  await page.goto('/?v=2&backend=wasm&lesson=collapse');
  await waitForReady(page);
  await expectStep(page, 1, 'text');
  // Formulas are typeset, with KaTeX's fonts served by the app itself.
  await expect(page.getByTestId('lesson-panel').locator('.katex').first()).toBeVisible();
  await expect.poll(() => fonts.length).toBeGreaterThan(0);
  expect(fonts.every((f) => f.startsWith(`${origin}/`))).toBe(true);

  await page.getByTestId('lesson-next').click();
  await expectStep(page, 2, 'text');
  await page.getByTestId('lesson-next').click();
  await expectStep(page, 3, 'predict');
  // The question loads its run (naive alignment, with VICReg as its twin) and Play waits for an answer.
  await expect.poll(async () => (await snapshot(page)).config?.objective).toBe('naive');
  await expect.poll(async () => (await snapshot(page)).compared.map((c) => c.config.objective)).toEqual(['vicreg']);
  await expect(page.getByTestId('lesson-play')).toBeDisabled();
  await expect(page.getByTestId('lesson-next')).toBeDisabled();
  await expect(page.getByTestId('btn-play')).toBeDisabled();
  expect((await snapshot(page)).step).toBe(0);

  await page.getByTestId('lesson-choice-1').check();
  await expect(page.getByTestId('btn-play')).toBeEnabled();
  await page.getByTestId('lesson-play').click();
  await expectStep(page, 4, 'run');
  await expect.poll(() => page.url()).toContain('step=4');
  // The step points at the spectrum chart: outlined.
  await expect(page.getByTestId('chart-spectrum')).toHaveCSS('outline-style', 'solid');
  await expect(page.getByTestId('lesson-choices')).toHaveCount(0);

  // Both runs train to the budget and pause; then Next leads to the answer.
  const budget = (await snapshot(page)).config!.stopAt;
  expect(budget).toBeGreaterThan(0);
  await expect(page.getByTestId('lesson-next')).toBeEnabled({ timeout: 360_000 });
  const s = await snapshot(page);
  expect(s.state).toBe('paused');
  expect(s.step).toBe(budget);
  expect(s.compared[0]!.step).toBe(budget);
  await page.getByTestId('lesson-next').click();
  await expectStep(page, 5, 'reveal');

  // The answer is the claims, checked against this run's own reports, with their numbers.
  const claims = page.getByTestId('lesson-claims').locator('li');
  await expect(claims).toHaveCount(2);
  const naiveRank = endValue(s.history, 'rankme');
  const vicregRank = endValue(s.compared[0]!.history, 'rankme');
  await expect(claims.nth(0)).toContainText(`RankMe ${naiveRank.toFixed(2)} of 32`);
  await expect(claims.nth(1)).toContainText(`RankMe ${vicregRank.toFixed(2)} of 32`);
  const holds = await claims.evaluateAll((items) => items.map((li) => li.getAttribute('data-holds') === 'true'));
  for (const [i, held] of holds.entries()) await expect(claims.nth(i)).toContainText(held ? '✓' : '✗');
  await expect(page.getByTestId('lesson-prediction')).toContainText('You predicted: “Collapse');
  await expect(page.locator('.lesson__verdict')).toHaveAttribute('data-verdict', holds.every(Boolean) ? 'right' : 'unsettled');

  await page.getByTestId('lesson-next').click();
  await expectStep(page, 6, 'text');
  await page.getByTestId('lesson-finish').click();
  await expect(page.getByTestId('lesson-panel')).toHaveCount(0);
  await expect.poll(() => page.url()).not.toContain('lesson=');
  expect(watch.errors).toEqual([]);
  expect(watch.outside).toEqual([]);
});

test('a classroom link hides the named controls, and presenter mode enlarges charts and text', async ({ page }) => {
  await page.goto('/?v=2&backend=wasm&d=shapes16&m=mlp&hide=dataset,methods,compare,nonsense&present=1');
  await waitForReady(page);
  await expect(page.getByTestId('select-model')).toBeVisible();
  await expect(page.getByTestId('dataset-shapes16')).toHaveCount(0);
  await expect(page.locator('[data-testid^="method-"]')).toHaveCount(0);
  await expect(page.getByTestId('compare-bar')).toHaveCount(0);
  await expect.poll(async () => (await snapshot(page)).notices.map((n) => n.message).join(' ')).toContain('cannot hide "nonsense"');
  // The hidden set and presenter mode stay in the link the app writes.
  await expect.poll(() => new URL(page.url()).searchParams.get('hide')).toBe('dataset,methods,compare');

  const title = page.getByTestId('chart-rank').locator('.chart__title');
  const presented = { font: await title.evaluate((el) => parseFloat(getComputedStyle(el).fontSize)), height: (await page.getByTestId('chart-rank').boundingBox())!.height };
  await expect(page.getByTestId('btn-present')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('btn-present').click();
  await expect(page.getByTestId('btn-present')).toHaveAttribute('aria-pressed', 'false');
  await expect.poll(() => new URL(page.url()).searchParams.get('present')).toBeNull();
  const plain = { font: await title.evaluate((el) => parseFloat(getComputedStyle(el).fontSize)), height: (await page.getByTestId('chart-rank').boundingBox())!.height };
  expect(presented.font).toBeGreaterThan(plain.font);
  expect(presented.height).toBeGreaterThan(plain.height * 1.1);
});

test('a shared link reopens the same lesson step, twin and seed', async ({ page, context }) => {
  await page.goto('/?v=2&backend=wasm&lesson=simsiam&step=3');
  await waitForReady(page);
  await expectStep(page, 3, 'run');
  // The step loaded its run and control; its question (step 2) is unanswered, so Play waits.
  await expect.poll(async () => (await snapshot(page)).compared.map((c) => c.label)).toEqual(['Stop-gradient off']);
  await expect(page.getByTestId('lesson-play')).toBeDisabled();
  await expect(page.getByTestId('lesson-panel')).toContainText('Answer the question of step 2 first');
  // The objective's formula on its card is typeset too.
  await page.locator('.objective .formula summary').click();
  await expect(page.locator('.objective .formula .katex')).toBeVisible();
  // A teacher changes the seed, then shares.
  await page.evaluate(() => {
    const hooks = (window as unknown as { __collapseLab: { snapshot(): { config: unknown }; send(c: unknown): void } }).__collapseLab;
    hooks.send({ type: 'configure', config: { ...(hooks.snapshot().config as object), seed: 7 } });
  });
  await expect.poll(() => page.url()).toMatch(/seed=7/);
  await expect.poll(() => page.url()).toContain('twin=knob:simsiam:stopGrad');
  const shared = page.url();
  expect(shared).toContain('lesson=simsiam');
  expect(shared).toContain('step=3');
  const first = await snapshot(page);

  const other = await context.newPage();
  await other.goto(shared);
  await waitForReady(other);
  await expectStep(other, 3, 'run');
  await expect.poll(async () => (await snapshot(other)).compared.map((c) => c.label)).toEqual(['Stop-gradient off']);
  const second = await snapshot(other);
  expect(second.config).toEqual(first.config);
  expect(second.config!.seed).toBe(7);
  expect(second.compared[0]!.config.params.simsiam).toMatchObject({ stopGrad: false });
  expect(second.compared[0]!.config.seed).toBe(7);
  await expect(other.getByTestId('lesson-panel')).not.toContainText('You changed the setup');
});
