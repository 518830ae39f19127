/** A probe that gives no timing within this long (building included) counts as 0: not started, or too slow to time. */
export const PROBE_TIMEOUT_MS = 45_000;

/** What one backend's Auto probe found, as the banner and the bench report word it. */
export interface ProbeOutcome {
  /** Steps/s measured (0: no timing). */
  stepsPerSecond: number;
  /** It started but gave no timing within the probe's time limit. */
  tooSlow: boolean;
  /** The backend is WebGPU on a software (emulated) adapter. */
  emulated: boolean;
}

/**
 * One probe's outcome in words: its speed, or why it has none, and "(emulated)" for WebGPU
 * on a software adapter. `timeoutSeconds` is the probe's time limit.
 * @example probeOutcomeText({ stepsPerSecond: 0, tooSlow: true, emulated: true }) // 'no timing within 45 s (emulated)'
 */
export function probeOutcomeText(o: ProbeOutcome, timeoutSeconds = PROBE_TIMEOUT_MS / 1000): string {
  const v = o.stepsPerSecond;
  const speed = v > 0 ? `${v.toFixed(v < 10 ? 1 : 0)} steps/s` : o.tooSlow ? `no timing within ${timeoutSeconds} s` : 'did not start';
  return o.emulated ? `${speed} (emulated)` : speed;
}
