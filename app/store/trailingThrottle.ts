/**
 * A trailing throttle: however often it is called, the wrapped function runs at most
 * once per interval, and a call is never lost (the run it asks for may only come later).
 * Pure timing logic: no store, no DOM.
 */

/** Wraps `fn` so that calls run it after a timer, at most once every `intervalMs`; calls while it is pending are merged. */
export function trailingThrottle(fn: () => void, intervalMs: number): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastRun = Number.NEGATIVE_INFINITY;
  const run = (): void => {
    timer = null;
    lastRun = performance.now();
    fn();
  };
  return () => {
    if (timer !== null) return;
    timer = setTimeout(run, Math.max(0, lastRun + intervalMs - performance.now()));
  };
}
