/**
 * The metrics report's spectrum and collapse scalars come from the device path on WebGPU
 * (src/metrics/collapseOnDevice.ts: our WGSL kernels, the kernel registry's METRICS_KERNELS:
 * CovarianceCentered, SymEigvals, RotatedSecondMoment and CollapseScalars), and agree with the
 * host path (the CPU float64 reference, computeCollapseMetrics) on the same embeddings:
 *
 * 1. On the kernel harness page (kernels.html), `readMetrics` runs on both paths for the
 *    same GPU-resident embeddings of three families and several N x D; the device path
 *    must make no synchronous read and read back only its 2 D + 4 floats.
 * 2. In the app, a short WebGPU run's reports say `spectrumSource: 'device'` and carry a
 *    well-formed spectrum and scalars; a forced-CPU run says 'host'.
 *
 * Tolerances, with u = 2^-24 and lambda_max the top covariance eigenvalue: eigenvalues
 * within 4 (N + D) u lambda_max (the covariance kernel's 4 N u and the eigen-solver's
 * 4 D u bounds of e2e/kernels.spec.ts added); std, alignment, uniformity within 1e-4
 * relative (uniformity plus 1e-5 absolute, alignment plus 1e-6); RankMe within 1e-3
 * relative for the healthy and point-collapsed families. For the family whose spectrum
 * spans 1e-8 ('collapsed', beyond float32) RankMe is checked only to 2% (measured: under 1%):
 * its small singular values are float32 rounding noise on the device.
 */
import { expect, test, type Page } from '@playwright/test';
import { METRICS_KERNELS } from '../src/kernels/registry';
import type { EmbeddingKind } from '../test/harness/collapseMetrics';
import type { KernelHarness } from '../test/harness/kernels';
import { maxAbsDiff } from '../test/support/differences';
import { openKernelHarness } from '../test/support/kernelHarnessPage';
import { startTraining, waitForReady, waitForReportStep, watchPage } from './helpers';

const U = 2 ** -24;

/** Embedding sizes: the app's batch sizes and widths around the defaults, and N < D. */
const SIZES: Array<[number, number]> = [
  [64, 16],
  [256, 32],
  [64, 64],
  [32, 64],
];

const RANKME_REL: Record<EmbeddingKind, number> = { gaussian: 1e-3, offset: 1e-3, collapsed: 0.02 };

/** Asserts |a - b| <= rel |b| + abs with a readable label, and logs the pair. */
function close(label: string, a: number, b: number, rel: number, abs = 0): void {
  const err = Math.abs(a - b);
  const tol = rel * Math.abs(b) + abs;
  console.log(`${label.padEnd(40)} device ${a.toPrecision(7).padStart(13)} host ${b.toPrecision(7).padStart(13)} err ${err.toExponential(2)} tol ${tol.toExponential(2)}`);
  expect(err, `${label}: device ${a}, host ${b}`).toBeLessThanOrEqual(tol);
}

test.describe('on the kernel harness page', () => {
  let page: Page;

  test.beforeAll(async ({ browser }) => {
    page = await openKernelHarness(browser);
  });

  test.afterAll(async () => {
    await page.close();
  });

  for (const kind of ['gaussian', 'offset', 'collapsed'] as const) {
    test(`readMetrics on the device equals the host path for ${kind} embeddings`, async () => {
      for (const [n, d] of SIZES) {
        const r = await page.evaluate(
          async ([kind, n, d]) => {
            const k = (window.__kernels as KernelHarness).collapseMetrics;
            const { z1, z2 } = k.embeddings(kind, n, d, n + d);
            return { device: await k.read(z1, z2, n, d, 'device'), host: await k.read(z1, z2, n, d, 'host') };
          },
          [kind, n, d] as const,
        );
        const at = `${kind} ${n}x${d}`;
        expect(r.device.report.spectrumSource).toBe('device');
        expect(r.host.report.spectrumSource).toBe('host');
        // No synchronous read; one packed vector of 2 D + 4 floats beside the loss and skip count.
        expect(r.device.syncReads, `${at}: synchronous reads`).toBe(0);
        expect(r.device.bytesRead, `${at}: bytes read on the device path`).toBe(4 * (2 * d + 4) + 8);
        expect(r.host.bytesRead, `${at}: bytes read on the host path`).toBe(4 * 2 * n * d + 8);
        const dev = r.device.report;
        const host = r.host.report;
        expect(Object.keys(dev.scalars)).toEqual(Object.keys(host.scalars));
        expect(dev.spectrum.length).toBe(d);
        const top = host.spectrum[0]!;
        for (let i = 1; i < d; i++) expect(dev.spectrum[i]!).toBeLessThanOrEqual(dev.spectrum[i - 1]!);
        close(`${at} spectrum max |err| / lambda_max`, maxAbsDiff(dev.spectrum, host.spectrum) / top, 0, 0, 4 * (n + d) * U);
        close(`${at} rankme`, dev.scalars.rankme!, host.scalars.rankme!, RANKME_REL[kind]);
        close(`${at} stdL2`, dev.scalars.stdL2!, host.scalars.stdL2!, 1e-4);
        close(`${at} alignment`, dev.scalars.alignment!, host.scalars.alignment!, 1e-4, 1e-6);
        close(`${at} uniformity`, dev.scalars.uniformity!, host.scalars.uniformity!, 1e-4, 1e-5);
        expect(dev.scalars.stdRef).toBe(host.scalars.stdRef);
      }
    });
  }

  test('the device path runs our WGSL kernels and reports no metrics for non-finite embeddings', async () => {
    const r = await page.evaluate(async () => {
      const k = (window.__kernels as KernelHarness).collapseMetrics;
      const { z1, z2 } = k.embeddings('gaussian', 32, 8, 1);
      const nan = [...z1];
      nan[17] = Number.NaN;
      const inf = [...z2];
      inf[3] = Infinity;
      return { wgsl: k.wgslKernels(), nan: await k.read(nan, z2, 32, 8, 'device'), inf: await k.read(z1, inf, 32, 8, 'device') };
    });
    expect(r.wgsl).toEqual(Object.fromEntries(METRICS_KERNELS.map((k) => [k.name, true])));
    for (const run of [r.nan, r.inf]) {
      expect(run.report.spectrumSource).toBe('device');
      expect(run.report.spectrum).toEqual([]);
      expect(run.report.scalars).toEqual({ skippedSteps: 0 });
      expect(run.syncReads).toBe(0);
    }
  });

  test('the device path reads short vectors while the host path reads the embeddings (timings are the bench\'s)', async () => {
    const rows = await page.evaluate(async () => {
      const k = (window.__kernels as KernelHarness).collapseMetrics;
      const out = [];
      for (const d of [16, 32]) for (const path of ['host', 'device'] as const) out.push(await k.time('gaussian', 64, d, path, 2));
      return out;
    });
    for (const d of [16, 32]) {
      const host = rows.find((r) => r.d === d && r.path === 'host')!;
      const device = rows.find((r) => r.d === d && r.path === 'device')!;
      // The host path reads both views' N x D float32 embeddings; the device path 2D + 4 floats (plus the same small losses).
      expect(host.bytesRead, `D ${d}`).toBeGreaterThanOrEqual(2 * 64 * d * 4);
      expect(device.bytesRead, `D ${d}`).toBeLessThan(host.bytesRead - 2 * 64 * d * 4 + (2 * d + 4) * 4 + 64);
    }
  });
});

test('the app reports a device-computed spectrum on WebGPU', async ({ page }) => {
  const watch = watchPage(page);
  await page.goto('/?backend=webgpu&m=mlp&w=32&depth=1&dim=16&bs=32&every=5');
  await waitForReady(page);
  await startTraining(page);
  const s = await waitForReportStep(page, 15);
  await page.getByTestId('btn-pause').click();
  expect(s.backend?.id).toBe('webgpu');
  const r = s.latest!;
  expect(r.spectrumSource).toBe('device');
  expect(r.spectrum.length).toBe(16);
  for (let i = 0; i < 16; i++) {
    expect(r.spectrum[i]!).toBeGreaterThanOrEqual(0);
    if (i > 0) expect(r.spectrum[i]!).toBeLessThanOrEqual(r.spectrum[i - 1]!);
  }
  expect(r.scalars.rankme!).toBeGreaterThanOrEqual(1);
  expect(r.scalars.rankme!).toBeLessThanOrEqual(16);
  for (const k of ['stdL2', 'stdRef', 'alignment', 'uniformity']) expect(Number.isFinite(r.scalars[k]), k).toBe(true);
  // The spectrum chart draws the report's line on its canvas.
  const spectrum = page.getByTestId('chart-spectrum');
  await expect(spectrum.locator('canvas')).toBeVisible();
  await expect(spectrum.locator('.line-chart')).toHaveAttribute('data-lines', /\w/);
  expect(watch.errors).toEqual([]);
});

test('a forced-CPU run computes its metrics on the host', async ({ page }) => {
  await page.goto('/?backend=cpu&m=mlp&w=32&depth=1&dim=16&bs=32&every=5');
  await waitForReady(page);
  await startTraining(page);
  const s = await waitForReportStep(page, 5);
  expect(s.backend?.id).toBe('cpu');
  expect(s.latest!.spectrumSource).toBe('host');
  expect(s.latest!.spectrum.length).toBe(16);
});
