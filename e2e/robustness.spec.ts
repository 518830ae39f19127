/**
 * Bad input gets a clear message and loses nothing: a malformed shared link, an
 * impossible hyperparameter, a diverging (NaN) run, and a lost GPU device.
 */
import { expect, test } from '@playwright/test';
import { pauseRun, send, snapshot, startTraining, waitForReady, waitForReportStep } from './helpers';

const SMALL = 'backend=wasm&d=blobs&m=mlp&w=32&depth=1&dim=16&bs=64&every=5';
/** The same run on WebGPU, for the lost-device drill. */
const SMALL_WEBGPU = SMALL.replace('backend=wasm', 'backend=webgpu');

test('a malformed link is explained and its valid parts are kept', async ({ page }) => {
  await page.goto(`/?${SMALL}&lr=banana&on=nosuchmethod&zzz=1`);
  await waitForReady(page);
  const notices = page.getByTestId('notice');
  await expect(notices.filter({ hasText: /lr|learning rate/i }).first()).toBeVisible();
  await expect(notices.filter({ hasText: /nosuchmethod/ }).first()).toBeVisible();
  await expect(notices.filter({ hasText: /zzz/ }).first()).toBeVisible();
  const s = await snapshot(page);
  // Valid parts kept, invalid ones fell back to defaults; the app still trains.
  expect(s.config?.dataset).toBe('blobs');
  expect(s.config?.model).toBe('mlp');
  expect(s.config?.methods).toEqual([]);
  await waitForReportStep(page, 5);
});

test('an impossible learning rate is refused next to its input and nothing changes', async ({ page }) => {
  await page.goto(`/?${SMALL}`);
  await waitForReady(page);
  const before = (await snapshot(page)).config!.lr;
  const input = page.getByTestId('input-lr');
  await input.fill('5');
  await input.press('Enter');
  await expect(page.getByTestId('input-lr-error')).toContainText(/Learning rate/);
  expect((await snapshot(page)).config!.lr).toBe(before);
  // Commands reach the engine in order, so by its paused status it has handled anything the
  // refusal might have sent: a learning rate of 5 would be back as an invalid-config notice.
  const paused = await pauseRun(page);
  expect(paused.config!.lr).toBe(before);
  expect(paused.notices.filter((n) => n.code === 'invalid-config')).toEqual([]);
  await expect(page.getByTestId('input-lr-error')).toContainText(/Learning rate/);
});

test('a diverging run pauses with a clear message and can go on at a sane learning rate', async ({ page }) => {
  await page.goto(`/?${SMALL}&opt=sgd&lr=1`);
  await waitForReady(page);
  // The link's run starts by itself and diverges within its first steps, often before a poll
  // could see it training (startTraining would press Play again): Play only while nothing ran.
  const nan = page.getByTestId('notice').filter({ hasText: /stopped being finite/i });
  const play = page.getByTestId('btn-play');
  await expect
    .poll(
      async () => {
        if ((await nan.count()) > 0) return true;
        const s = await snapshot(page);
        if (s.state === 'idle' && s.latest === null && (await play.isEnabled())) await play.click({ timeout: 2_000 }).catch(() => undefined);
        return false;
      },
      { timeout: 120_000 },
    )
    .toBe(true);
  await expect(nan.first()).toContainText(/learning rate/i);
  await expect.poll(async () => (await snapshot(page)).state).toBe('paused');

  const input = page.getByTestId('input-lr');
  await input.fill('0.01');
  await input.press('Enter');
  await expect.poll(async () => (await snapshot(page)).config?.lr).toBe(0.01);
  await page.getByTestId('select-optimizer').selectOption('adam');
  const at = (await snapshot(page)).latest?.step ?? 0;
  await page.getByTestId('btn-play').click();
  const s = await waitForReportStep(page, at + 10);
  expect(Number.isFinite(s.latest!.losses.total)).toBe(true);
  // Steps of the diverged trajectory still in flight at the pause raise no second alarm.
  expect(s.notices.filter((n) => n.code === 'nan-loss')).toHaveLength(1);
  expect(s.state).toBe('running');
});

test('a lost GPU device is re-created, the weights restored and the user told', async ({ page }) => {
  await page.goto(`/?${SMALL_WEBGPU}`);
  await waitForReady(page);
  const s0 = await snapshot(page);
  expect(s0.backend?.id).toBe('webgpu');
  await startTraining(page);
  await waitForReportStep(page, 60);
  const before = (await pauseRun(page)).step;

  await send(page, { type: 'simulateDeviceLoss' });
  await expect(page.getByTestId('notice').filter({ hasText: /GPU device was lost/ }).first()).toBeVisible({ timeout: 60_000 });
  const restored = page.getByTestId('notice').filter({ hasText: /re-created/ });
  await expect(restored.first()).toBeVisible({ timeout: 120_000 });
  await expect(restored.first()).toContainText(/restored/);
  const s1 = await snapshot(page);
  expect(s1.backend?.id).toBe('webgpu');
  // The snapshot is at most 50 steps old, so the run did not start over.
  expect(s1.step).toBeGreaterThan(0);
  expect(s1.step).toBeLessThanOrEqual(before);
  await page.getByTestId('btn-play').click();
  const s2 = await waitForReportStep(page, s1.step + 10);
  expect(Number.isFinite(s2.latest!.losses.total)).toBe(true);
});
