/** Writes one log line. Scripts log to stderr, so that stdout carries only their report. */
export type Log = (...parts: unknown[]) => void;

/** A Log to stderr that starts each line with `tag` (e.g. "[bench]"). */
export function taggedLog(tag: string): Log {
  return (...parts) => console.error(tag, ...parts);
}

/** The first line of an error's message (Playwright's carry a call log below it). */
export function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
}
