/**
 * The functions the preset report runs inside the app's page. Playwright sends their source
 * text to the page, so they use nothing from this module's scope and declare no named inner
 * function (tsx's keepNames would wrap it in a `__name` helper the page lacks; scripts/inPage.test.ts checks).
 */
import type { LabWindow } from '../lib/labInPage.ts';

/** Where the main run and its first twin are, without their histories: what a poll needs. Null before the app's hook exists. */
export function progressInPage() {
  const lab = (window as unknown as Partial<LabWindow>).__collapseLab;
  if (!lab) return null;
  const s = lab.snapshot();
  const twin = s.compared[0];
  return {
    state: s.state,
    step: s.step,
    ready: s.catalog !== null && s.backend !== null,
    stopAt: s.config.stopAt,
    lastReport: s.history.at(-1)?.step ?? null,
    notices: s.notices,
    twin: twin ? { state: twin.state, step: twin.step, lastReport: twin.history.at(-1)?.step ?? null } : null,
  };
}

/** What `progressInPage` returns once the app runs. */
export type Progress = NonNullable<ReturnType<typeof progressInPage>>;

/** The main run and its first twin in full: histories, labels, the backend and the embedding width. */
export function runsInPage() {
  const s = (window as unknown as LabWindow).__collapseLab.snapshot();
  const twin = s.compared[0];
  return {
    backend: s.backend,
    embedDim: s.config.embedDim,
    main: { label: twin?.mainLabel ?? 'the run', step: s.step, history: s.history },
    control: twin ? { label: twin.label, step: twin.step, history: twin.history } : null,
  };
}

/** The browser's WebGL renderer string (it names SwiftShader when there is no GPU), or null. */
export function webglRendererInPage(): string | null {
  const gl = document.createElement('canvas').getContext('webgl');
  if (!gl) return null;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
}
