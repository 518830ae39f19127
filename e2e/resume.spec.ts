/**
 * Resuming after the page was closed (WASM, the MLP on the 16 px shapes): a run that trained
 * past its first snapshot keeps its weights in storage; after a reload the app offers to resume
 * it, and Resume goes on from the kept step as the same library run, its saved history on the
 * charts and its weights restored (its loss goes on from where it was, not from a fresh start).
 * Dismiss removes the kept weights; a damaged record is removed with a message.
 */
import { expect, test, type Page } from '@playwright/test';
import { DB_NAME } from '../src/storage/browserStorage';
import { snapshot, waitForReady, watchPage, type AppSnapshot } from './helpers';

/** A run that pauses by itself at step 120 (snapshots every 50 steps). */
const LINK = '/?v=2&backend=wasm&d=shapes16&m=mlp&stop=120';

interface Hooks {
  library(): { runs: { id: string; lastStep: number }[]; currentId: string | null };
  keptSnapshots(): Promise<{ runId: string; step: number }[]>;
  recovery(): { checked: boolean; offeredRunId: string | null };
}
const hooks = (page: Page) => ({
  library: () => page.evaluate(() => (window as unknown as { __collapseLab: Hooks }).__collapseLab.library()),
  kept: () => page.evaluate(() => (window as unknown as { __collapseLab: Hooks }).__collapseLab.keptSnapshots()),
  /** The library run offered for resume, once the app has read what storage keeps. */
  offered: async () => {
    await expect.poll(() => page.evaluate(() => (window as unknown as { __collapseLab: Hooks }).__collapseLab.recovery().checked)).toBe(true);
    return page.evaluate(() => (window as unknown as { __collapseLab: Hooks }).__collapseLab.recovery().offeredRunId);
  },
});

/** Trains the link's run to its stop step and waits until its last snapshot (step 100) is kept in storage; returns its library id, the kept step and the run. */
async function trainAndKeep(page: Page): Promise<{ runId: string; step: number; run: AppSnapshot }> {
  await page.goto(LINK);
  await waitForReady(page);
  await expect.poll(async () => `${(await snapshot(page)).state} ${(await snapshot(page)).step}`, { timeout: 120_000 }).toBe('paused 120');
  const { currentId } = await hooks(page).library();
  expect(currentId).not.toBeNull();
  // Snapshots come every 50 steps; the last before the pause is written too, within 10 s.
  await expect.poll(async () => (await hooks(page).kept()).find((k) => k.runId === currentId)?.step, { timeout: 30_000 }).toBe(100);
  const kept = (await hooks(page).kept()).find((k) => k.runId === currentId)!;
  return { runId: currentId!, step: kept.step, run: await snapshot(page) };
}

const lossAt = (s: AppSnapshot, step: number): number => s.history.find((p) => p.step === step)!.losses.total!;

test('a run left unfinished is offered after a reload and resumes from its kept step as the same library run', async ({ page }) => {
  const watch = watchPage(page);
  const first = await trainAndKeep(page);
  const firstLoss = lossAt(first.run, 5);

  await page.reload();
  await waitForReady(page);
  expect(await hooks(page).offered()).toBe(first.runId);
  const offer = page.getByTestId('resume-offer');
  await expect(offer).toBeVisible();
  await expect(offer).toHaveAttribute('data-step', String(first.step));
  await expect(offer).toContainText(`step ${first.step}`);
  // The link's own run starts afresh meanwhile: a new library run.
  await expect.poll(async () => (await hooks(page).library()).currentId).not.toBe(first.runId);

  await page.getByTestId('resume-run').click();
  await expect(offer).toHaveCount(0);
  await expect.poll(async () => (await hooks(page).library()).currentId).toBe(first.runId);
  // It trains on to its stop step, its history whole from the first report.
  await expect.poll(async () => `${(await snapshot(page)).state} ${(await snapshot(page)).step}`, { timeout: 120_000 }).toBe('paused 120');
  const resumed = await snapshot(page);
  expect(resumed.history[0]!.step).toBe(5);
  expect(resumed.history.map((p) => p.step)).toEqual(first.run.history.map((p) => p.step));
  // Up to the kept step it is the history saved before the reload.
  expect(lossAt(resumed, first.step)).toBeCloseTo(lossAt(first.run, first.step), 5);
  // After it, trained from the kept weights: the first report after the kept step is far from a fresh start's loss.
  const next = first.step + 5;
  expect(Math.abs(lossAt(resumed, next) - lossAt(first.run, next))).toBeLessThan(Math.abs(firstLoss - lossAt(first.run, next)) / 2);
  await expect.poll(async () => (await hooks(page).library()).runs.find((r) => r.id === first.runId)?.lastStep).toBe(120);
  expect(watch.errors).toEqual([]);
  expect(watch.outside).toEqual([]);
});

test('Dismiss removes the kept weights: the run is not offered again, and stays in the library', async ({ page }) => {
  const first = await trainAndKeep(page);
  await page.reload();
  await waitForReady(page);
  expect(await hooks(page).offered()).toBe(first.runId);
  await page.getByTestId('resume-dismiss').click();
  await expect(page.getByTestId('resume-offer')).toHaveCount(0);
  await expect.poll(async () => (await hooks(page).kept()).some((k) => k.runId === first.runId)).toBe(false);
  await page.reload();
  await waitForReady(page);
  // The page before this one trained a run of its own, which may be offered now; the dismissed one is not.
  expect(await hooks(page).offered()).not.toBe(first.runId);
  await expect.poll(async () => (await hooks(page).library()).runs.some((r) => r.id === first.runId)).toBe(true);
});

test('a damaged kept record is removed with a message, and nothing else is lost', async ({ page }) => {
  const first = await trainAndKeep(page);
  await page.evaluate(
    ([db, id]) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open(db);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('snapshots', 'readwrite');
          tx.objectStore('snapshots').put({ runId: id, step: 'fifty', tensors: 'not weights' }, id);
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
      }),
    [DB_NAME, first.runId] as const,
  );
  await page.reload();
  await waitForReady(page);
  await expect(page.getByTestId('notice').filter({ hasText: 'could not be used and were removed' })).toBeVisible();
  expect(await hooks(page).offered()).toBeNull();
  await expect(page.getByTestId('resume-offer')).toHaveCount(0);
  expect((await hooks(page).kept()).some((k) => k.runId === first.runId)).toBe(false);
  await expect.poll(async () => (await hooks(page).library()).runs.some((r) => r.id === first.runId && r.lastStep === 120)).toBe(true);
});
