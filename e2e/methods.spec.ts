/**
 * The five seed methods, live: each is switched on mid-training from its card, shows
 * its loss term and its chart, stays finite for 100 steps, and disappears from the
 * loss when switched off, without restarting the run (on WASM; CorInfoMax on WebGPU, where
 * its log det runs our WGSL kernels). Then a demo preset: loading it trains its control as a
 * twin beside it and shows its claims checked against that control.
 */
import { expect, test } from '@playwright/test';
import { snapshot, startTraining, waitForReady, waitForReportStep, watchPage } from './helpers';

/** Small runs, each on its named backend: WASM, and WebGPU for CorInfoMax (its log det runs our WGSL kernels there). */
const METHOD_RUNS: { id: string; backend: 'wasm' | 'webgpu'; url: string }[] = [
  { id: 'sim', backend: 'wasm', url: '/?backend=wasm&d=blobs&m=mlp&w=32&depth=1&dim=16&bs=64&every=10' },
  { id: 'imsvd', backend: 'wasm', url: '/?backend=wasm&d=blobs&m=mlp&w=32&depth=1&dim=16&bs=64&every=10' },
  { id: 'corinfomax', backend: 'webgpu', url: '/?backend=webgpu&d=blobs&m=mlp&w=32&depth=1&dim=16&bs=64&every=10' },
  { id: 'cir', backend: 'wasm', url: '/?backend=wasm&d=blobs&m=mlp&w=32&depth=1&dim=16&bs=64&every=10&task=supervised&obj=ce' },
  { id: 'maskmix', backend: 'wasm', url: '/?backend=wasm&d=mnist&m=mlp&w=32&depth=1&dim=16&bs=32&every=10&obj=simsiam' },
];

for (const { id, backend, url } of METHOD_RUNS) {
  test(`${id} (${backend}): switched on mid-run it adds its term and chart, stays finite 100 steps, and switches off`, async ({ page }) => {
    const watch = watchPage(page);
    await page.goto(url);
    await waitForReady(page);
    expect((await snapshot(page)).backend?.id).toBe(backend);
    await startTraining(page);
    await waitForReportStep(page, 10);
    expect(Object.keys((await snapshot(page)).latest!.losses)).not.toContain(id);

    const toggle = page.getByTestId(`toggle-${id}`);
    await expect(toggle).toBeEnabled();
    await toggle.check();
    await expect.poll(async () => (await snapshot(page)).config?.methods).toContain(id);
    await expect.poll(async () => Object.keys((await snapshot(page)).latest?.losses ?? {}), { timeout: 120_000 }).toContain(id);
    const onAt = (await snapshot(page)).latest!.step;
    await expect(page.getByTestId(`chart-term-${id}`)).toBeVisible();

    const after = await waitForReportStep(page, onAt + 100);
    const withTerm = after.history.filter((h) => h.step >= onAt);
    expect(withTerm.length).toBeGreaterThanOrEqual(10);
    for (const h of withTerm) {
      expect(Number.isFinite(h.losses.total), `total at step ${h.step}`).toBe(true);
      expect(Number.isFinite(h.losses[id]), `${id} at step ${h.step}`).toBe(true);
    }
    expect(after.notices.filter((n) => n.code === 'nan-loss')).toEqual([]);

    await toggle.uncheck();
    await expect.poll(async () => (await snapshot(page)).config?.methods).not.toContain(id);
    const offAt = (await snapshot(page)).latest!.step;
    await expect.poll(async () => {
      const s = await snapshot(page);
      return s.latest && s.latest.step > offAt + 10 ? Object.keys(s.latest.losses) : null;
    }, { timeout: 120_000 }).not.toContain(id);
    // Same run: the step counter kept going.
    expect((await snapshot(page)).step).toBeGreaterThan(onAt);
    expect(watch.errors).toEqual([]);
  });
}

test('the CorInfoMax preset trains its control beside it and its claims hold against it', async ({ page }) => {
  // Two engines of 300 steps each on WASM, step for step.
  test.slow();
  const watch = watchPage(page);
  await page.goto('/?v=2&backend=wasm&d=shapes16&m=mlp');
  await waitForReady(page);
  await page.getByTestId('preset-select').selectOption('corinfomax');
  await expect(page.getByTestId('preset-panel')).toBeVisible();
  // The control is a twin: CorInfoMax off, same seed, same budget.
  await expect.poll(async () => (await snapshot(page)).compared.map((c) => [c.label, c.config.methods, c.config.seed]), { timeout: 60_000 }).toEqual([['CorInfoMax off', [], 1]]);
  const s0 = await snapshot(page);
  expect([s0.config?.methods, s0.config?.stopAt]).toEqual([['corinfomax'], 300]);
  // Both reach the budget, step for step, and every claim holds (read from the panel the learner sees).
  await expect.poll(async () => {
    const s = await snapshot(page);
    return s.state === 'paused' && s.step >= 300 && (s.compared[0]?.step ?? 0) >= 300;
  }, { timeout: 400_000, intervals: [1000] }).toBe(true);
  const claims = page.getByTestId('preset-claims').locator('li');
  await expect(claims).toHaveCount(3);
  for (const claim of await claims.all()) await expect(claim).toHaveAttribute('data-holds', 'true');
  // Both runs are on the RankMe chart, named by their side of the flip.
  await expect(page.getByTestId('chart-rank')).toContainText('RankMe (CorInfoMax on)');
  await expect(page.getByTestId('chart-rank')).toContainText('RankMe (CorInfoMax off)');
  const s = await snapshot(page);
  expect(s.compared[0]!.latest!.scalars.rankme!).toBeLessThan(s.latest!.scalars.rankme! / 3);
  expect(watch.errors).toEqual([]);
});
