/**
 * The five seed methods, live: each is switched on mid-training from its card, shows
 * its loss term and its chart, stays finite for 100 steps, and disappears from the
 * loss when switched off, without restarting the run. Then the presets: CorInfoMax
 * keeps RankMe far above naive alignment.
 */
import { expect, test } from '@playwright/test';
import { snapshot, waitForReady, waitForReportStep, watchPage } from './helpers';

/** Small runs SwiftShader's emulated WebGPU trains quickly. */
const METHOD_RUNS: { id: string; url: string }[] = [
  { id: 'sim', url: '/?d=blobs&m=mlp&w=32&depth=1&dim=16&bs=64&every=10' },
  { id: 'imsvd', url: '/?d=blobs&m=mlp&w=32&depth=1&dim=16&bs=64&every=10' },
  { id: 'corinfomax', url: '/?d=blobs&m=mlp&w=32&depth=1&dim=16&bs=64&every=10' },
  { id: 'cir', url: '/?d=blobs&m=mlp&w=32&depth=1&dim=16&bs=64&every=10&task=supervised&obj=ce' },
  { id: 'maskmix', url: '/?d=mnist&m=mlp&w=32&depth=1&dim=16&bs=32&every=10&obj=simsiam' },
];

for (const { id, url } of METHOD_RUNS) {
  test(`${id}: switched on mid-run it adds its term and chart, stays finite 100 steps, and switches off`, async ({ page }) => {
    const watch = watchPage(page);
    await page.goto(url);
    await waitForReady(page);
    const s0 = await snapshot(page);
    expect(s0.backend?.id).toBe('webgpu');
    if (s0.state !== 'running') await page.getByTestId('btn-play').click();
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

test('the CorInfoMax preset keeps RankMe far above the naive-alignment preset', async ({ page }) => {
  // Two CNN runs on an emulated GPU: slow by nature here.
  test.slow();
  // Start from a light run so the page is responsive before the presets load.
  await page.goto('/?d=blobs&m=mlp&w=32&depth=1&dim=16');
  await waitForReady(page);
  expect((await snapshot(page)).backend?.id).toBe('webgpu');
  const rankAfter = async (preset: string, methods: string[], steps: number) => {
    await page.getByTestId('preset-select').selectOption(preset);
    await expect.poll(async () => (await snapshot(page)).config?.methods, { timeout: 60_000 }).toEqual(methods);
    // The new run is built (not 'building': Play is disabled then) and starts from step 0.
    await expect.poll(async () => {
      const now = await snapshot(page);
      return now.state !== 'building' && now.state !== 'booting' && now.step < 6;
    }, { timeout: 120_000 }).toBe(true);
    const s = await snapshot(page);
    if (s.state !== 'running') await page.getByTestId('btn-play').click();
    const r = await waitForReportStep(page, steps, 400_000);
    // The charts hold this preset's run only, from its first report, with its terms.
    expect(r.history[0]!.step).toBeLessThanOrEqual(5);
    for (const h of r.history) for (const m of methods) expect(Object.keys(h.losses), `step ${h.step}`).toContain(m);
    return r.latest!.scalars.rankme!;
  };
  const naive = await rankAfter('naive', [], 30);
  const corinfomax = await rankAfter('corinfomax', ['corinfomax'], 30);
  expect(naive).toBeLessThan(2);
  expect(corinfomax).toBeGreaterThan(3 * naive);
  expect(corinfomax).toBeGreaterThan(6);
});
