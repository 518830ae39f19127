/**
 * The README's screenshots, taken from the built app (`npm run build` first) in headless
 * Chromium on the WASM backend, both opened from classroom links that hide the left column:
 * docs/compare.png, SimSiam against its twin without the stop-gradient (the demo preset's
 * setup, the twin from the link) on every chart, and docs/lesson.png, the collapse lesson's
 * revealed answer beside its charts; and docs/screenshot.png, the app as a new user opens it
 * (the default run, every control shown) after 300 steps. Each trains its runs to the budget first (a few
 * minutes on 2 cores). `npx tsx scripts/screenshots.ts --help`.
 */
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { closeOnSignals, launch, newPage, startPreview } from './lib/browser.ts';
import { helpText, parseFlags, runMain, type Flag } from './lib/cli.ts';
import { labInstalled, type LabWindow } from './lib/labInPage.ts';
import { taggedLog } from './lib/log.ts';
import { root } from './lib/root.ts';

const log = taggedLog('[screenshots]');

const FLAGS = {
  out: { type: 'string', value: 'DIR', help: 'where the PNGs go (default docs/)' },
  dist: { type: 'string', value: 'DIR', help: 'the build to serve (default dist/)' },
  help: { type: 'boolean', help: 'this text' },
} satisfies Record<string, Flag>;

/** The size of both screenshots. */
const VIEWPORT = { width: 1360, height: 860 };
/** Training both runs to a budget takes minutes on a CPU. */
const TRAIN_TIMEOUT_MS = 15 * 60_000;

/** True once the run and every twin reached `step`. */
const trainedTo = (step: number): boolean => {
  const s = (window as unknown as LabWindow).__collapseLab.snapshot();
  return s.step >= step && s.compared.length > 0 && s.compared.every((c) => c.step >= step);
};

/** The controls both links hide, so the charts get the width. */
const HIDE = 'hide=dataset,model,task,methods,library';
/** SimSiam's recipe on the 16 px shapes (the simsiam-stopgrad preset), stopping at step 250, with its twin. */
const COMPARE_LINK = `/?v=2&backend=wasm&d=shapes16&m=mlp&w=64&obj=simsiam&opt=sgd&lr=0.1&bs=128&every=10&stop=250&twin=knob:simsiam:stopGrad&${HIDE}`;

/** Scrolls the page so that the charts start under the sticky toolbar. */
const scrollToCharts = (): void => {
  const toolbar = document.querySelector('.toolbar')?.getBoundingClientRect().height ?? 0;
  const charts = document.querySelector('.charts')?.getBoundingClientRect().top ?? 0;
  window.scrollTo(0, window.scrollY + charts - toolbar - 12);
};

/** True once the main run reached `step`. */
const mainTrainedTo = (step: number): boolean => (window as unknown as LabWindow).__collapseLab.snapshot().step >= step;

/** Opens `path` and waits for the app's test hook. */
async function open(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(labInstalled, undefined, { timeout: 120_000 });
}

/** The compare view: SimSiam trained to step 250 beside its twin without the stop-gradient. */
async function compareShot(page: Page, base: string, file: string): Promise<void> {
  await open(page, `${base}${COMPARE_LINK}`);
  await page.waitForFunction(trainedTo, 250, { timeout: TRAIN_TIMEOUT_MS, polling: 1000 });
  await page.getByTestId('notice-dismiss').evaluateAll((buttons) => buttons.forEach((b) => (b as HTMLButtonElement).click()));
  await page.evaluate(scrollToCharts);
  await page.screenshot({ path: file });
}

/** The app as a new user opens it: the default run (on WASM, so the picture does not depend on Auto's measurements), at step 300. */
async function mainShot(page: Page, base: string, file: string): Promise<void> {
  await open(page, `${base}/?v=2&backend=wasm&stop=300`);
  await page.waitForFunction(mainTrainedTo, 300, { timeout: TRAIN_TIMEOUT_MS, polling: 1000 });
  await page.getByTestId('notice-dismiss').evaluateAll((buttons) => buttons.forEach((b) => (b as HTMLButtonElement).click()));
  await page.screenshot({ path: file });
}

/** A lesson: the collapse lesson's question answered, its run trained, its answer revealed. */
async function lessonShot(page: Page, base: string, file: string): Promise<void> {
  await open(page, `${base}/?v=2&backend=wasm&lesson=collapse&step=3&${HIDE}`);
  await page.getByTestId('lesson-choice-1').check();
  await page.getByTestId('lesson-play').click();
  await page.getByTestId('lesson-next').waitFor({ state: 'visible' });
  await page.waitForFunction(() => !(document.querySelector('[data-testid="lesson-next"]') as HTMLButtonElement | null)?.disabled, undefined, { timeout: TRAIN_TIMEOUT_MS, polling: 1000 });
  await page.getByTestId('lesson-next').click();
  await page.getByTestId('lesson-claims').waitFor();
  await page.getByTestId('notice-dismiss').evaluateAll((buttons) => buttons.forEach((b) => (b as HTMLButtonElement).click()));
  await page.evaluate(scrollToCharts);
  await page.screenshot({ path: file });
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2), FLAGS);
  if (flags.help) {
    console.log(helpText('npx tsx scripts/screenshots.ts [--out DIR] [--dist DIR]', 'Takes docs/screenshot.png, docs/compare.png and docs/lesson.png from the built app (npm run build first).', FLAGS));
    return;
  }
  const out = flags.out ?? join(root, 'docs');
  closeOnSignals(log);
  const preview = await startPreview(flags.dist ? { dist: flags.dist } : {});
  const browser = await launch();
  try {
    for (const [name, shoot] of [
      ['screenshot.png', mainShot],
      ['compare.png', compareShot],
      ['lesson.png', lessonShot],
    ] as const) {
      const page = await newPage(browser, log, name);
      await page.setViewportSize(VIEWPORT);
      log(`${name}: training, then the screenshot`);
      await shoot(page, preview.url, join(out, name));
      await page.context().close();
      log(`${name}: written`);
    }
  } finally {
    await browser.close();
    preview.stop();
  }
}

runMain(main);
