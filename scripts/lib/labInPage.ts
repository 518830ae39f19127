/**
 * Functions run inside the app's page that read or drive its test hook,
 * `window.__collapseLab` (app/engine/testHooks.ts). Playwright sends their source text to
 * the page: they use nothing from this module's scope and declare no named inner function
 * (tsx's keepNames would wrap it in a `__name` helper the page lacks; scripts/inPage.test.ts checks).
 */
import type { LabHooks } from '../../app/engine/testHooks.ts';
import type { Command, RunState } from '../../src/protocol.ts';

/** A page's window once the app has installed its hook. */
export interface LabWindow {
  __collapseLab: LabHooks;
}

/** True once the app has installed its hook. */
export const labInstalled = (): boolean => '__collapseLab' in window;

/** True once the app has installed its hook and its run is in one of `states`. */
export const labIn = (states: readonly RunState[]): boolean => {
  const lab = (window as unknown as Partial<LabWindow>).__collapseLab;
  return lab !== undefined && states.includes(lab.snapshot().state);
};

/** The run's state. */
export const labState = (): RunState => (window as unknown as LabWindow).__collapseLab.snapshot().state;

/** Sends `command` to the engine. */
export const sendToLab = (command: Command): void => (window as unknown as LabWindow).__collapseLab.send(command);

/** True once the app's history holds at least `n` metrics reports. */
export const labHasReports = (n: number): boolean => (window as unknown as LabWindow).__collapseLab.snapshot().history.length >= n;
