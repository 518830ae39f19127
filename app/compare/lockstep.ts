/**
 * Lockstep for runs trained side by side: every engine may train up to one metrics interval
 * past the slowest run, so the faster one waits and the curves grow together. Pure.
 */

/** The step every engine is held at, given each run's current step and the metrics interval. */
export function lockstepHold(steps: readonly number[], chunk: number): number {
  const slowest = steps.length > 0 ? Math.min(...steps) : 0;
  return slowest + Math.max(1, Math.floor(chunk));
}
