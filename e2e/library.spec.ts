/**
 * The run library in the browser (WASM, the MLP on the 16 px shapes, short runs that stop by
 * themselves): every run is kept and survives a reload; saved runs are pinned and drawn on
 * the charts; a run exported as a file (with its kept weights) is imported in a fresh browser
 * profile, and a corrupt or foreign file is refused with a message and changes nothing; a
 * chart is saved as PNG and SVG. No request leaves the origin.
 */
import { readFile } from 'node:fs/promises';
import { expect, test, type Download, type Page } from '@playwright/test';
import { send, snapshot, waitForReady, watchPage } from './helpers';

/** A small run that pauses by itself at step 20 (4 reports). */
const LINK = '/?v=2&backend=wasm&d=shapes16&m=mlp&stop=20';

interface LibraryView {
  runs: { id: string; name: string; lastStep: number; points: number; weightsStep: number | null }[];
  currentId: string | null;
}

async function library(page: Page): Promise<LibraryView> {
  return page.evaluate(() => (window as unknown as { __collapseLab: { library(): unknown } }).__collapseLab.library() as never);
}

/** Waits until the run has stopped at its stop step and the library lists it there. */
async function trainedAndKept(page: Page, step = 20): Promise<LibraryView> {
  await expect.poll(async () => {
    const s = await snapshot(page);
    return `${s.state} ${s.step}`;
  }, { timeout: 120_000 }).toBe(`paused ${step}`);
  await expect.poll(async () => {
    const lib = await library(page);
    return lib.runs.find((r) => r.id === lib.currentId)?.lastStep;
  }).toBe(step);
  return library(page);
}

/** The file a download saved, as bytes. */
async function bytesOf(download: Download): Promise<Buffer> {
  return readFile((await download.path())!);
}

test('every run is kept in the library and is still there after a reload', async ({ page }) => {
  const watch = watchPage(page);
  await page.goto(LINK);
  await waitForReady(page);
  const lib = await trainedAndKept(page);
  expect(lib.runs).toHaveLength(1);
  const run = lib.runs[0]!;
  expect(run.name).toBe('VICReg, shapes16, seed 1');
  expect(run.points).toBe(4);
  await expect(page.getByTestId('library-run')).toHaveCount(1);
  await expect(page.getByTestId('library-run-step')).toHaveText('step 20');

  await page.reload();
  await waitForReady(page);
  await expect.poll(async () => (await library(page)).runs.some((r) => r.id === run.id && r.lastStep === 20 && r.points === 4)).toBe(true);
  await expect(page.locator(`[data-run-id="${run.id}"] [data-testid="library-run-name"]`)).toHaveText('VICReg, shapes16, seed 1');

  // Renamed inline, the name stays through a reload.
  await page.locator(`[data-run-id="${run.id}"] [data-testid="library-run-name"]`).click();
  await page.getByTestId('library-rename-input').fill('My first run');
  await page.getByTestId('library-rename-input').press('Enter');
  await expect(page.locator(`[data-run-id="${run.id}"] [data-testid="library-run-name"]`)).toHaveText('My first run');
  await page.reload();
  await waitForReady(page);
  const name = page.locator(`[data-run-id="${run.id}"] [data-testid="library-run-name"]`);
  await expect(name).toHaveText('My first run');
  // Escape drops an edit.
  await name.click();
  await page.getByTestId('library-rename-input').fill('Not this');
  await page.getByTestId('library-rename-input').press('Escape');
  await expect(name).toHaveText('My first run');

  // Deleted, then put back with Undo.
  await page.locator(`[data-run-id="${run.id}"] [data-testid="library-delete"]`).click();
  await expect.poll(async () => (await library(page)).runs.some((r) => r.id === run.id)).toBe(false);
  await page.getByTestId('library-undo').click();
  await expect(name).toHaveText('My first run');
  expect(watch.outside).toEqual([]);
});

test('a twin is kept beside its main run', async ({ page }) => {
  await page.goto('/?v=2&backend=wasm&d=shapes16&m=mlp&stop=10');
  await waitForReady(page);
  await trainedAndKept(page, 10);
  // The first flip offered (a method switched on); both restart from step 0 and train to the stop step.
  await page.getByTestId('twin-select').selectOption({ index: 1 });
  await page.getByTestId('btn-play').click();
  await expect.poll(async () => {
    const s = (await snapshot(page)) as unknown as { step: number; compared: { step: number; state: string }[] };
    return [s.step, s.compared[0]?.step, s.compared[0]?.state];
  }, { timeout: 120_000 }).toEqual([10, 10, 'paused']);
  const twinConfig = ((await snapshot(page)) as unknown as { compared: { config: { methods: string[] } }[] }).compared[0]!.config;
  await expect.poll(async () => (await library(page)).runs.filter((r) => r.lastStep === 10).length).toBe(3);
  const names = (await library(page)).runs.map((r) => r.name);
  // The run before the twin started, the main run again from step 0, and the twin with its method on.
  expect(names.filter((n) => n === 'VICReg, shapes16, seed 1')).toHaveLength(2);
  expect(twinConfig.methods).toHaveLength(1);
  expect(names.filter((n) => n.startsWith('VICReg + ') && n.endsWith(', shapes16, seed 1'))).toHaveLength(1);
});

test('two saved runs pinned are drawn on the charts beside the run training now, and never train', async ({ page }) => {
  const watch = watchPage(page);
  await page.goto(LINK);
  await waitForReady(page);
  const first = (await trainedAndKept(page)).currentId!;
  // A new seed rebuilds: a second run, trained to its stop step as well.
  await send(page, { type: 'set', patch: { seed: 2 } });
  await expect.poll(async () => (await library(page)).currentId).not.toBe(first);
  await page.getByTestId('btn-play').click();
  const second = (await trainedAndKept(page)).currentId!;
  // A third run (seed 3) becomes the main one; the first two are saved runs now.
  await send(page, { type: 'set', patch: { seed: 3 } });
  await expect.poll(async () => (await library(page)).currentId).not.toBe(second);
  expect((await library(page)).runs.map((r) => r.id)).toEqual(expect.arrayContaining([first, second]));

  for (const id of [first, second]) {
    await page.locator(`[data-run-id="${id}"] [data-testid="library-pin"]`).click();
    await expect(page.locator(`[data-run-id="${id}"]`)).toHaveAttribute('data-pinned', 'true');
  }
  const compared = (await snapshot(page) as unknown as { compared: { live: boolean; label: string; step: number; history: { step: number; scalars: Record<string, number> }[] }[] }).compared;
  expect(compared.map((c) => [c.live, c.label, c.step])).toEqual([
    [false, 'seed 1', 20],
    [false, 'seed 2', 20],
  ]);
  for (const c of compared) {
    expect(c.history.map((p) => p.step)).toEqual([5, 10, 15, 20]);
    expect(c.history.every((p) => Number.isFinite(p.scalars.rankme))).toBe(true);
  }
  // Both are in the RankMe chart's legend, and the main run trains on with them drawn (never held back by them).
  const legend = page.getByTestId('chart-rank').getByTestId('legend-item');
  await expect(legend.filter({ hasText: '(seed 1)' })).toHaveCount(1);
  await expect(legend.filter({ hasText: '(seed 2)' })).toHaveCount(1);
  await send(page, { type: 'set', patch: { stopAt: 40 } });
  await page.getByTestId('btn-play').click();
  await expect.poll(async () => (await snapshot(page)).step, { timeout: 120_000 }).toBe(40);
  expect((await library(page)).runs.find((r) => r.id === first)?.lastStep).toBe(20);

  await page.locator(`[data-run-id="${first}"] [data-testid="library-pin"]`).click();
  await expect.poll(async () => ((await snapshot(page)) as unknown as { compared: unknown[] }).compared.length).toBe(1);
  expect(watch.outside).toEqual([]);
});

test('a run exported with its weights is imported in a fresh browser profile; corrupt and foreign files change nothing', async ({ page, browser }) => {
  const watch = watchPage(page);
  await page.goto(LINK);
  await waitForReady(page);
  const { currentId } = await trainedAndKept(page);
  const row = page.locator(`[data-run-id="${currentId}"]`);
  await row.getByTestId('library-keep-weights').click();
  await expect.poll(async () => (await library(page)).runs[0]?.weightsStep).toBe(20);

  const [json] = await Promise.all([page.waitForEvent('download'), row.getByTestId('library-export-json').click()]);
  expect(json.suggestedFilename()).toBe('vicreg-shapes16-seed-1.json');
  const [csv] = await Promise.all([page.waitForEvent('download'), row.getByTestId('library-export-csv').click()]);
  const csvLines = (await bytesOf(csv)).toString('utf8').trim().split('\r\n');
  expect(csvLines[0]).toMatch(/^step,losses\.total,.*scalars\.rankme/);
  expect(csvLines.slice(1).map((l) => l.split(',')[0])).toEqual(['5', '10', '15', '20']);
  const [weights] = await Promise.all([page.waitForEvent('download'), row.getByTestId('library-export-weights').click()]);
  const st = await bytesOf(weights);
  const headerLength = Number(st.readBigUInt64LE(0));
  const header = JSON.parse(st.subarray(8, 8 + headerLength).toString('utf8')) as Record<string, { dtype?: string; data_offsets?: [number, number] }>;
  const tensors = Object.entries(header).filter(([k]) => k !== '__metadata__');
  expect(tensors.length).toBeGreaterThan(4);
  expect(st.length).toBe(8 + headerLength + Math.max(...tensors.map(([, t]) => t.data_offsets![1])));
  expect(watch.outside).toEqual([]);

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  const otherWatch = watchPage(other);
  await other.goto('/?v=2&backend=wasm&d=shapes16&m=mlp&stop=5');
  await waitForReady(other);
  await trainedAndKept(other, 5);
  const before = (await library(other)).runs.length;
  const refused = async (name: string, text: string, expected: RegExp): Promise<void> => {
    await other.getByTestId('library-import').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
    await expect(other.getByTestId('library-message')).toHaveText(expected);
    expect((await library(other)).runs.length).toBe(before);
  };
  await refused('broken.json', (await bytesOf(json)).toString('utf8').slice(0, 300), /"broken\.json" was not imported: it is not a Collapse Lab run file \(it is not JSON text\)\..*Nothing was changed\./);
  await refused('chart.json', JSON.stringify({ series: [1, 2, 3] }), /"chart\.json" was not imported: .*it may come from another program.*Nothing was changed\./);
  const damaged = JSON.parse((await bytesOf(json)).toString('utf8')) as { history: { steps: number[] } };
  damaged.history.steps.pop();
  await refused('damaged.json', JSON.stringify(damaged), /"damaged\.json" was not imported: it is damaged: history\.losses\.\w+ has 4 values for 3 steps\. Nothing was changed\./);

  await other.getByTestId('library-import').setInputFiles({ name: json.suggestedFilename(), mimeType: 'application/json', buffer: await bytesOf(json) });
  await expect(other.getByTestId('library-message')).toHaveText(/Imported "VICReg, shapes16, seed 1" \(4 reports, with its weights\)/);
  const imported = (await library(other)).runs.find((r) => r.name === 'VICReg, shapes16, seed 1' && r.lastStep === 20)!;
  expect(imported.weightsStep).toBe(20);
  await other.locator(`[data-run-id="${imported.id}"] [data-testid="library-pin"]`).click();
  await expect.poll(async () => ((await snapshot(other)) as unknown as { compared: { live: boolean; history: unknown[] }[] }).compared.map((c) => [c.live, c.history.length])).toEqual([[false, 4]]);
  expect(otherWatch.outside).toEqual([]);
  await fresh.close();
});

test('a chart is saved as a PNG and an SVG image; a chart of pixels keeps them', async ({ page }) => {
  const watch = watchPage(page);
  // Masking + mixing on: its chart is a strip of images (canvases without an SVG of their own).
  await page.goto(`${LINK}&on=maskmix`);
  await waitForReady(page);
  await trainedAndKept(page);
  const chart = page.getByTestId('chart-rank');
  const [svg] = await Promise.all([page.waitForEvent('download'), chart.getByTestId('chart-rank-save-svg').click()]);
  expect(svg.suggestedFilename()).toBe('effective-rank-rankme.svg');
  const svgText = (await bytesOf(svg)).toString('utf8');
  expect(svgText).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  expect(svgText).toContain('Effective rank (RankMe)');
  // The chart's own lines as vectors (the line chart writes its layout as SVG), under its title.
  expect(svgText).toMatch(/<polyline class="series" data-key="rankme"/);
  const [png] = await Promise.all([page.waitForEvent('download'), chart.getByTestId('chart-rank-save-png').click()]);
  expect(png.suggestedFilename()).toBe('effective-rank-rankme.png');
  const pngBytes = await bytesOf(png);
  expect([...pngBytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  // Twice the chart's width in pixels (IHDR width at byte 16).
  const box = (await chart.locator('.chart__body').boundingBox())!;
  expect(pngBytes.readUInt32BE(16)).toBeGreaterThanOrEqual(2 * Math.floor(box.width));

  const masked = page.getByTestId('chart-term-maskmix');
  const [strip] = await Promise.all([page.waitForEvent('download'), masked.getByTestId('chart-term-maskmix-save-svg').click()]);
  expect((await bytesOf(strip)).toString('utf8')).toMatch(/<image x="\d+" y="\d+" width="\d+" height="\d+" href="data:image\/png;base64,/);
  const [stripPng] = await Promise.all([page.waitForEvent('download'), masked.getByTestId('chart-term-maskmix-save-png').click()]);
  expect([...(await bytesOf(stripPng)).subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
  expect(watch.outside).toEqual([]);
  expect(watch.errors).toEqual([]);
});
