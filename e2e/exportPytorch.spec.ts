/**
 * "Download as PyTorch" in the browser: after some training, the button saves a zip with
 * train.py, the collapselab package, the run's config at the current step, its weights
 * (the app's names, at that step) and its dataset. (The project itself is trained by the
 * unit suite: test/export/pythonProject.test.ts.)
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { decodeTensorFile } from '../src/export/tensorFile';
import { pauseRun, waitForReady, waitForReportStep, watchPage } from './helpers';

test('the button downloads the run as a PyTorch project with its current weights', async ({ page }) => {
  const watched = watchPage(page);
  await page.goto('/?v=2&backend=wasm&d=shapes16&m=mlp&w=16&dim=16&obj=simsiam&on=imsvd&every=5');
  await waitForReady(page);
  await waitForReportStep(page, 5);
  const paused = await pauseRun(page);
  const downloading = page.waitForEvent('download');
  await page.getByTestId('btn-export-pytorch').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`collapse-lab-simsiam-imsvd-mlp-shapes16-seed1-step${paused.step}.zip`);
  const files = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
  const root = 'collapse-lab-simsiam-imsvd-mlp-shapes16-seed1';
  for (const f of ['train.py', 'README.md', 'collapselab/terms.py', 'collapselab/models.py', 'run/config.json', 'run/weights.bin', 'run/data.bin']) {
    expect(files[`${root}/${f}`], f).toBeDefined();
  }
  const config = JSON.parse(strFromU8(files[`${root}/run/config.json`]!));
  expect(config).toMatchObject({ objective: 'simsiam', methods: ['imsvd'], step: paused.step, spec: { id: 'shapes16' } });
  expect(config.params.imsvd.binSize).toBe(8);
  const weights = decodeTensorFile(files[`${root}/run/weights.bin`]!);
  expect(weights.meta).toEqual({ step: paused.step });
  const input = weights.tensors.find((t) => t.name === 'input/w')!;
  expect(input.shape).toEqual([16 * 16 * 3, 16]);
  const data = decodeTensorFile(files[`${root}/run/data.bin`]!);
  expect(data.tensors.map((t) => t.name)).toEqual(['trainX', 'trainY', 'testX', 'testY']);
  expect(watched.errors).toEqual([]);
  expect(watched.outside).toEqual([]);
});
