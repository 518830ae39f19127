/**
 * The user's own data, as a user brings it: a folder of generated PNGs (some corrupt) is
 * imported through the folder picker, previewed with its counts and skipped files, and
 * trained on with the charts moving; a CSV table is imported and trained on; both are still
 * listed after a reload; a bad archive is refused with its message while the run trains on;
 * a link to a dataset imported elsewhere says where it lives and offers the import. Nothing
 * leaves the page's origin.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { snapshot, startTraining, waitForReady, watchPage } from './helpers';

/** A small run on the WASM backend: the MLP, quick on this machine. */
const SMALL_RUN = '/?v=2&backend=wasm&d=shapes16&m=mlp&w=16&depth=1&dim=8&bs=16&every=5';

/** A PNG of a class: class 0 a bright disc on dark, class 1 a dark bar on bright, with a seeded offset. */
function classImage(cls: number, i: number): Buffer {
  const w = 20 + (i % 3) * 4;
  const h = 18;
  const png = new PNG({ width: w, height: h });
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const o = (y * w + x) * 4;
      const inside = cls === 0 ? (x - w / 2 - (i % 4)) ** 2 + (y - h / 2) ** 2 < 30 : Math.abs(x - w / 2 + (i % 5)) < 3;
      const v = cls === 0 ? (inside ? 240 : 20) : inside ? 30 : 220;
      png.data[o] = v;
      png.data[o + 1] = cls === 0 ? v : 120;
      png.data[o + 2] = 255 - v;
      png.data[o + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

/** Writes `pets/{discs,bars}/*.png` (12 each) plus 3 corrupt PNGs into a fresh folder; returns the `pets` folder. */
function writeImageFolder(): string {
  const root = join(mkdtempSync(join(tmpdir(), 'collapse-import-')), 'pets');
  ['discs', 'bars'].forEach((name, cls) => {
    mkdirSync(join(root, name), { recursive: true });
    for (let i = 0; i < 12; i++) writeFileSync(join(root, name, `${name}-${i}.png`), classImage(cls, i));
  });
  writeFileSync(join(root, 'discs', 'broken-1.png'), classImage(0, 0).subarray(0, 60));
  writeFileSync(join(root, 'bars', 'broken-2.png'), Buffer.from('not a png at all'));
  writeFileSync(join(root, 'bars', 'broken-3.png'), Buffer.alloc(0));
  return root;
}

/** A CSV table of two Gaussian-ish clusters in 2-D with a text label. */
function pointsCsv(): Buffer {
  const rows = ['x,y,kind'];
  for (let i = 0; i < 120; i++) {
    const a = (i * 2.399) % (2 * Math.PI);
    const r = 0.3 + ((i * 7) % 10) / 20;
    const cls = i % 2;
    rows.push(`${(cls ? 3 : -3) + r * Math.cos(a)},${r * Math.sin(a) + (cls ? 1 : -1)},${cls ? 'right' : 'left'}`);
  }
  return Buffer.from(`${rows.join('\n')}\n`);
}

/** Waits until the run trains on `dataset` and has reported twice there, with the loss chart drawn. */
async function trainsOn(page: Page, dataset: string): Promise<void> {
  await expect.poll(async () => (await snapshot(page)).config?.dataset, { timeout: 30_000 }).toBe(dataset);
  await startTraining(page);
  await expect.poll(async () => (await snapshot(page)).history.length, { timeout: 90_000 }).toBeGreaterThanOrEqual(3);
  const after = await snapshot(page);
  expect(after.config?.dataset).toBe(dataset);
  const losses = after.history.map((h) => h.losses.total!);
  expect(losses.every(Number.isFinite)).toBe(true);
  expect(new Set(losses).size).toBeGreaterThan(1);
  // The loss chart draws the run's lines.
  await expect(page.getByTestId('chart-loss')).toHaveAttribute('data-empty', 'false');
  await expect(page.getByTestId('chart-loss').locator('.line-chart')).toHaveAttribute('data-lines', /total/);
}

/** The id of the imported dataset labelled `label` in the engine's catalog. */
async function importedId(page: Page, label: string): Promise<string> {
  await expect.poll(async () => (await snapshot(page)).catalog?.datasets.some((d) => d.label === label), { timeout: 30_000 }).toBe(true);
  return (await snapshot(page)).catalog!.datasets.find((d) => d.label === label)!.id;
}

test('imports a folder of PNGs and a CSV, trains on each, and finds both after a reload', async ({ page }) => {
  const watch = watchPage(page);
  await page.goto(SMALL_RUN);
  await waitForReady(page);
  await expect(page.getByTestId('import-limits')).toContainText('50,000 images');
  await expect(page.getByTestId('import-limits')).toContainText('100,000 rows');

  // A folder of class folders, three of its PNGs corrupt.
  await page.getByTestId('import-folder-input').setInputFiles(writeImageFolder());
  const dialog = page.getByTestId('import-dialog');
  await expect(dialog.getByTestId('import-opened')).toContainText('27 image files in 2 class folders: bars (14), discs (13)');
  await dialog.getByTestId('import-size').selectOption('16');
  await dialog.getByTestId('import-read').click();
  await expect(dialog.getByTestId('import-preview')).toBeVisible();
  await expect(dialog.getByTestId('import-class')).toHaveText([/bars\s*12/, /discs\s*12/]);
  await expect(dialog.getByTestId('import-notes')).toContainText('3 of 27 files could not be decoded and were skipped: pets/bars/broken-2.png, pets/bars/broken-3.png, pets/discs/broken-1.png.');
  await expect(dialog.getByTestId('import-name')).toHaveValue('pets');
  await dialog.getByTestId('import-keep').click();
  await expect(dialog).toBeHidden();
  const pets = await importedId(page, 'pets');
  expect(pets).toMatch(/^user:/);
  await trainsOn(page, pets);
  const petsSpec = (await snapshot(page)).catalog!.datasets.find((d) => d.id === pets)!;
  expect(petsSpec).toMatchObject({ kind: 'image', shape: [16, 16, 3], classes: ['bars', 'discs'], mirrorKeepsClass: false });

  // A CSV table: its text column is suggested as the label.
  await page.getByTestId('import-file-input').setInputFiles({ name: 'clusters.csv', mimeType: 'text/csv', buffer: pointsCsv() });
  await expect(dialog.getByTestId('import-label')).toHaveValue('kind');
  await expect(dialog.getByTestId('import-class')).toHaveText([/left\s*60/, /right\s*60/]);
  await dialog.getByTestId('import-keep').click();
  const clusters = await importedId(page, 'clusters');
  await trainsOn(page, clusters);
  expect((await snapshot(page)).catalog!.datasets.find((d) => d.id === clusters)).toMatchObject({ kind: 'points', shape: [2], classes: ['left', 'right'] });

  // Both are kept in this browser: after a reload they are listed with their thumbnails.
  await page.reload();
  await waitForReady(page);
  for (const id of [pets, clusters]) {
    await expect(page.getByTestId(`dataset-${id}`).locator('canvas')).toBeVisible();
  }
  // The one in use cannot be deleted; the other can.
  await expect.poll(async () => (await snapshot(page)).config?.dataset).toBe(clusters);
  await expect(page.getByTestId(`dataset-delete-${clusters}`)).toBeDisabled();
  await page.getByTestId(`dataset-delete-${pets}`).click();
  await page.getByTestId(`dataset-delete-confirm-${pets}`).click();
  await expect(page.getByTestId(`dataset-${pets}`)).toHaveCount(0);

  expect(watch.errors).toEqual([]);
  expect(watch.outside).toEqual([]);
});

test('refuses a bad archive with its message while the run keeps training', async ({ page }) => {
  const watch = watchPage(page);
  await page.goto(SMALL_RUN);
  await waitForReady(page);
  await startTraining(page);
  await expect.poll(async () => (await snapshot(page)).step, { timeout: 60_000 }).toBeGreaterThan(0);

  // Dropped onto the zone (the drag-and-drop path), a zip that is not one.
  const transfer = await page.evaluateHandle(() => {
    const data = new DataTransfer();
    data.items.add(new File(['these bytes are not a zip archive'], 'holiday.zip', { type: 'application/zip' }));
    return data;
  });
  await page.getByTestId('import-zone').dispatchEvent('drop', { dataTransfer: transfer });
  await expect(page.getByTestId('import-refusal')).toContainText('holiday.zip could not be read as a zip archive');
  await expect(page.getByTestId('import-refusal')).toContainText('Create the archive again, or import the folder itself.');

  // The run goes on meanwhile, on the same dataset.
  const before = (await snapshot(page)).step;
  await expect.poll(async () => (await snapshot(page)).step, { timeout: 60_000 }).toBeGreaterThan(before + 10);
  const s = await snapshot(page);
  expect([s.state, s.config?.dataset]).toEqual(['running', 'shapes16']);
  await page.getByTestId('import-cancel').click();
  await expect(page.getByTestId('import-dialog')).toBeHidden();
  expect(watch.errors).toEqual([]);
  expect(watch.outside).toEqual([]);
});

test('a link to a dataset imported on another machine says where it lives and offers the import', async ({ page }) => {
  await page.goto('/?v=2&backend=wasm&m=mlp&d=user:0b0e7e57-0000-4000-8000-000000000000');
  await waitForReady(page);
  await expect(page.getByTestId('import-linked')).toContainText("imported on the sender's machine");
  await expect(page.getByTestId('import-zone')).toBeVisible();
  const s = await snapshot(page);
  // The run falls back to the link format's default dataset (v=2: the 16 px shapes).
  expect(s.config?.dataset).toBe('shapes16');
  expect(s.notices.map((n) => n.message).join(' ')).toContain("that dataset was imported on the sender's machine and stays there");
});
