/** How the benchmark writes numbers and text in its log and report. */

/** `x` with `digits` decimals (none from 1000 up); 'n/a' when missing. */
export const fmt = (x: number | null | undefined, digits = 1): string => (x === null || x === undefined || Number.isNaN(x) ? 'n/a' : x >= 1000 ? x.toFixed(0) : x.toFixed(digits));

/** `a / b` as "1.23×"; 'n/a' when either is missing or b is 0. */
export const ratio = (a: number | null | undefined, b: number | null | undefined): string => (a === null || a === undefined || b === null || b === undefined || !b ? 'n/a' : `${(a / b).toFixed(2)}×`);

/** Bytes in MiB; 'n/a' when missing. */
export const mb = (bytes: number | null | undefined): string => (bytes === null || bytes === undefined ? 'n/a' : `${(bytes / 2 ** 20).toFixed(2)} MiB`);

/** Markdown-safe one-line text of at most `max` characters. */
export const cell = (text: unknown, max = 160): string => String(text).replace(/\|/g, '/').replace(/\s+/g, ' ').slice(0, max);
