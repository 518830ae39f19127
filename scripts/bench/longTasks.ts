/** Section 4: main-thread long tasks while the real app (index.html) trains, per backend. */
import { firstLine } from '../lib/log.ts';
import { labHasReports, labIn, labState, sendToLab } from '../lib/labInPage.ts';
import { openPage } from './benchPage.ts';
import { fmt } from './format.ts';
import { longTaskObserver, longTaskWindowEnd, longTaskWindowStart } from './inPage.ts';
import { log } from './log.ts';
import type { BenchSettings } from './options.ts';
import type { LongTaskRow, LongTaskRun } from './raw.ts';

/**
 * Trains the app served at `base` on each backend (the MLP: with the CNN the emulated GPUs
 * here take seconds per step and few reports arrive in the window) and records its long
 * tasks in a window that opens at the first metrics report.
 */
export async function measureLongTasks(base: string, settings: BenchSettings): Promise<LongTaskRow[]> {
  const rows: LongTaskRow[] = [];
  for (const backend of settings.backends) {
    const { page, close } = await openPage(`${base}/index.html?backend=${backend}&m=mlp`, longTaskObserver);
    try {
      // The app starts training by itself once the run is built; press Play if it did not.
      await page.waitForFunction(labIn, ['idle', 'paused', 'running'] as const, { timeout: 120_000 });
      if ((await page.evaluate(labState)) !== 'running') await page.evaluate(sendToLab, { type: 'start' } as const);
      // The window opens at the first metrics report: shaders are compiled and charts are drawing.
      await page.waitForFunction(labHasReports, 1, { timeout: 180_000 });
      const start = await page.evaluate(longTaskWindowStart);
      await page.waitForTimeout(settings.longtaskSeconds * 1000);
      await page
        .waitForFunction(labHasReports, start.reports + settings.longtaskReports, { timeout: (settings.longtaskMaxSeconds - settings.longtaskSeconds) * 1000, polling: 250 })
        .catch(() => {});
      const res = await page.evaluate(longTaskWindowEnd, start.t);
      await page.evaluate(sendToLab, { type: 'pause' } as const);
      const row: LongTaskRun = { requested: backend, boot: start.boot, ...res, stepsInWindow: res.step - start.step, reportsInWindow: res.reports - start.reports };
      log(
        `long tasks ${backend}: ${row.count} (${fmt(row.totalMs)} ms total, max ${fmt(row.maxMs)} ms) in ${fmt(row.seconds)} s of training on ${row.backend}, steps ${start.step} -> ${row.step}, ${row.reportsInWindow} reports; boot ${row.boot.tasks} (${fmt(row.boot.ms)} ms)`,
      );
      rows.push(row);
    } catch (e) {
      rows.push({ requested: backend, error: firstLine(e) });
      log(`long tasks ${backend} failed: ${firstLine(e)}`);
    } finally {
      await close();
    }
  }
  return rows;
}
