/** Shared chart helpers: the palette, compact number labels, and history thinning. */

/** Line colours, chosen to stay distinguishable for common colour-vision deficiencies. */
export const PALETTE = ['#2563eb', '#dc2626', '#059669', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#4b5563', '#65a30d', '#9333ea'] as const;

/** The colour of the i-th series. */
export function seriesColor(i: number): string {
  return PALETTE[i % PALETTE.length] ?? '#2563eb';
}

/** A short label for an axis tick or tooltip value. */
export function formatNumber(v: unknown): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a === 0) return '0';
  if (a >= 1e4 || a < 1e-3) return v.toExponential(1);
  return String(Number(v.toPrecision(3)));
}

/** Keeps at most `max` evenly spaced items, always including the last one. */
export function thin<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  const stride = items.length / max;
  const out: T[] = [];
  for (let i = 0; i < max - 1; i++) {
    const item = items[Math.floor(i * stride)];
    if (item !== undefined) out.push(item);
  }
  const last = items[items.length - 1];
  if (last !== undefined) out.push(last);
  return out;
}

/** How many points a time-series chart draws at most. */
export const MAX_POINTS = 400;
