/**
 * Seeing the embeddings: the evaluation batch on its principal plane (the embedding chart)
 * and, on the 2-D toy datasets, the input plane coloured by what the network learned.
 * - WASM, naive alignment on the 16 px shapes: the points fold onto a line as the run
 *   collapses (PC1's share of the variance rises towards 1), computed on the host.
 * - WASM, blobs: the input-space map is drawn (a 48 x 48 grid of predictions under the test
 *   points); the 16 px shapes, an image dataset, have none.
 * - WebGPU, a small blobs run: the projection comes from the device path (the WGSL kernel).
 * No request leaves the origin and the console stays clean.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { snapshot, startTraining, waitForReady, watchPage } from './helpers';

/** Pixels of a canvas that differ from the scatter's backdrop (#f8fafc): 0 for a blank plot. */
async function paintedPixels(canvas: Locator): Promise<number> {
  return canvas.evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let painted = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] !== 248 || data[i + 1] !== 250 || data[i + 2] !== 252) painted++;
    return painted;
  });
}

/** Opens a link, waits for the engine and starts training. */
async function train(page: Page, link: string): Promise<void> {
  await page.goto(link);
  await waitForReady(page);
  await startTraining(page);
}

/** PC1's share of the variance in the main run's scatter, and the step it is from. */
async function firstAxis(scatter: Locator): Promise<{ pc1: number; pc2: number; step: number }> {
  const [pc1, pc2, step] = await Promise.all(['data-pc1', 'data-pc2', 'data-step'].map((a) => scatter.getAttribute(a)));
  return { pc1: Number(pc1), pc2: Number(pc2), step: Number(step) };
}

test('naive alignment on WASM: the embeddings fold onto a line, PC1 taking the variance', async ({ page }) => {
  const watch = watchPage(page);
  await train(page, '/?v=2&backend=wasm&d=shapes16&m=mlp&obj=naive');
  const scatter = page.getByTestId('chart-embedding').getByTestId('embedding-scatter');
  await expect(scatter).toHaveCount(1, { timeout: 120_000 });
  const first = await firstAxis(scatter);
  console.log(`first scatter: step ${first.step}, PC1 ${first.pc1.toFixed(3)}, PC2 ${first.pc2.toFixed(3)}`);
  await expect(scatter).toHaveAttribute('data-source', 'host');
  await expect(scatter).toHaveAttribute('data-points', '256');
  expect(await paintedPixels(scatter.locator('canvas'))).toBeGreaterThan(200);

  await expect.poll(async () => (await firstAxis(scatter)).pc1, { timeout: 180_000, intervals: [1000] }).toBeGreaterThanOrEqual(0.95);
  const folded = await firstAxis(scatter);
  console.log(`folded: step ${folded.step}, PC1 ${folded.pc1.toFixed(3)}, PC2 ${folded.pc2.toFixed(3)}`);
  expect(folded.step).toBeGreaterThan(first.step);
  expect(folded.pc1).toBeGreaterThan(first.pc1);
  expect(folded.pc2).toBeLessThan(0.03);
  await expect(scatter).toContainText(/PC1 \(9\d(\.\d)?% of variance\)/);
  await expect(page.getByTestId('chart-input-space')).toHaveCount(0);
  expect(watch.errors).toEqual([]);
  expect(watch.outside).toEqual([]);
});

test('blobs on WASM: the input plane coloured by the classifier, the test points on top', async ({ page }) => {
  const watch = watchPage(page);
  await train(page, '/?v=2&backend=wasm&d=blobs');
  const map = page.getByTestId('chart-input-space').getByTestId('input-space-map');
  await expect(map).toHaveCount(1, { timeout: 120_000 });
  await expect(map).toHaveAttribute('data-size', '48');
  await expect(map).toHaveAttribute('data-points', '256');
  // Five blobs, and after a few hundred steps the probe tells them apart somewhere on the plane.
  await expect.poll(async () => Number(await map.getAttribute('data-predicted-classes')), { timeout: 180_000, intervals: [1000] }).toBeGreaterThanOrEqual(3);
  const canvas = map.locator('canvas');
  const size = await canvas.evaluate((c: HTMLCanvasElement) => c.width * c.height);
  // The regions cover the whole square.
  expect(await paintedPixels(canvas)).toBe(size);
  await expect(page.getByTestId('chart-embedding').getByTestId('embedding-scatter')).toHaveCount(1);
  expect(watch.errors).toEqual([]);
  expect(watch.outside).toEqual([]);
});

test('on WebGPU the projection comes from the device (the WGSL kernel)', async ({ page }) => {
  const watch = watchPage(page);
  await train(page, '/?v=2&backend=webgpu&d=blobs&m=mlp&w=16&depth=1&dim=8&bs=32&every=5');
  expect((await snapshot(page)).backend?.id).toBe('webgpu');
  const scatter = page.getByTestId('chart-embedding').getByTestId('embedding-scatter');
  await expect(scatter).toHaveCount(1, { timeout: 120_000 });
  await expect(scatter).toHaveAttribute('data-source', 'device');
  await expect(scatter).toHaveAttribute('data-points', '256');
  const { pc1, pc2 } = await firstAxis(scatter);
  expect(pc1).toBeGreaterThanOrEqual(pc2);
  expect(pc1 + pc2).toBeLessThanOrEqual(1 + 1e-6);
  expect(await paintedPixels(scatter.locator('canvas'))).toBeGreaterThan(200);
  await expect(page.getByTestId('chart-input-space').getByTestId('input-space-map')).toHaveCount(1);
  expect(watch.errors).toEqual([]);
  expect(watch.outside).toEqual([]);
});
