/**
 * A promise bounded in time: whatever `work` does, the caller hears back within `ms`. The
 * work itself is not cancelled (pass an AbortSignal to it for that); its late result is dropped.
 */

/** The error a bounded promise rejects with when its time runs out. */
export class TimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TimeoutError';
  }
}

/** Seconds as a short sentence part: "20 s", "0.2 s". */
export function secondsText(ms: number): string {
  return `${Number((ms / 1000).toPrecision(3))} s`;
}

/** Resolves or rejects as `work` does, or rejects with a TimeoutError saying "<what> did not answer within N s". */
export function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new TimeoutError(`${what} did not answer within ${secondsText(ms)}`)), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}
