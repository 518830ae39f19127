/**
 * The functions the preset report runs inside the app's page. Playwright sends their source
 * text to the page, so they use nothing from this module's scope and declare no named inner
 * function (tsx's keepNames would wrap it in a `__name` helper the page lacks; scripts/inPage.test.ts checks).
 */
import type { LabWindow } from '../lib/labInPage.ts';
import type { Report, TermReport } from './raw.ts';

/** The app's snapshot without images and spectrum: what a poll needs. Pauses the run once its report reaches `pauseAt`. */
export function probeInPage(pauseAt: number | null) {
  const lab = (window as unknown as Partial<LabWindow>).__collapseLab;
  if (!lab) return null;
  const s = lab.snapshot();
  const l = s.latest;
  let paused = false;
  if (pauseAt !== null && l && l.step >= pauseAt && s.state === 'running') {
    lab.send({ type: 'pause' });
    paused = true;
  }
  const terms: Record<string, TermReport> = {};
  for (const [id, d] of Object.entries(l?.terms ?? {})) {
    terms[id] = { scalars: d.scalars ?? {}, heatmap: d.heatmap ? { rows: d.heatmap.rows, cols: d.heatmap.cols, values: d.heatmap.values } : null };
  }
  const latest: Report | null = l ? { step: l.step, losses: l.losses, scalars: l.scalars, terms, stepsPerSecond: l.stepsPerSecond, spectrumSource: l.spectrumSource ?? null } : null;
  return { state: s.state, step: s.step, backend: s.backend, config: s.config, notices: s.notices, historyLength: s.history.length, latest, paused };
}

/** What `probeInPage` returns once the app runs. */
export type Probe = NonNullable<ReturnType<typeof probeInPage>>;

/** The app's history of this run (steps, losses, scalars). */
export const historyInPage = () => (window as unknown as LabWindow).__collapseLab.snapshot().history;

/** Classes per dataset id, from the app's catalog. */
export const classesInPage = (): Record<string, number> =>
  Object.fromEntries(((window as unknown as LabWindow).__collapseLab.snapshot().catalog?.datasets ?? []).map((d) => [d.id, d.classes.length]));
