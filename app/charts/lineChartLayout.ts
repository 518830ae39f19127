/**
 * The geometry of a line chart, computed once per data change and drawn two ways from the
 * same numbers: on a canvas while training (cheap: no SVG nodes to lay out, so the main thread
 * stays free) and as an SVG string when the user saves the chart. Pure: no DOM.
 */
import { formatNumber } from './chartFormat';

/** A y-domain bound: a number, or from the data. */
export type DomainBound = number | 'auto' | 'dataMin' | 'dataMax';

/** One line to draw. */
export interface LineStyle {
  key: string;
  name: string;
  color: string;
  /** Drawn dashed at full strength (a compared run). */
  dashed: boolean;
  /** Drawn dashed and faint (the first spectrum behind the latest). */
  faded: boolean;
}

/** A horizontal reference line. */
export interface ReferenceLineSpec {
  y: number;
  label: string;
  color?: string;
}

/** What to lay out. */
export interface LineChartInput {
  rows: readonly Record<string, number>[];
  lines: readonly LineStyle[];
  xKey: string;
  yDomain: readonly [DomainBound, DomainBound];
  references: readonly ReferenceLineSpec[];
  width: number;
  height: number;
  yFormat(v: number): string;
}

/** Pixel margins around the plot area (room for tick labels). */
export const MARGIN = { top: 8, right: 14, bottom: 22, left: 52 } as const;

/** One laid-out line: its points in pixels, broken where the data has gaps. */
export interface PlacedLine extends LineStyle {
  segments: [number, number][][];
}

/** The laid-out chart. */
export interface LineChartLayout {
  width: number;
  height: number;
  plot: { x: number; y: number; w: number; h: number };
  xTicks: { px: number; label: string }[];
  yTicks: { px: number; label: string }[];
  lines: PlacedLine[];
  /** `below`: too close to the top for the label to sit above the line. */
  references: { py: number; label: string; color: string; below: boolean }[];
  /** Data x of each pixel column is xMin + (px - plot.x) / plot.w * (xMax - xMin). */
  xDomain: [number, number];
  yDomain: [number, number];
}

/** About `count` round tick values covering [lo, hi] (1, 2 or 5 times a power of ten apart). */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (hi === lo) return [lo];
  const span = hi - lo;
  let step = 10 ** Math.floor(Math.log10(span / Math.max(1, count)));
  // Widen the power of ten to the round step that gives about `count` ticks.
  const err = (Math.max(1, count) / span) * step;
  if (err <= 0.15) step *= 10;
  else if (err <= 0.35) step *= 5;
  else if (err <= 0.75) step *= 2;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : Number(v.toPrecision(12)));
  return out;
}

/** The numeric domain of one axis from its bounds and the data. */
function resolveDomain(bounds: readonly [DomainBound, DomainBound], values: readonly number[]): [number, number] {
  const finite = values.filter(Number.isFinite);
  const dataMin = finite.length ? Math.min(...finite) : 0;
  const dataMax = finite.length ? Math.max(...finite) : 1;
  const pad = (dataMax - dataMin || Math.abs(dataMax) || 1) * 0.05;
  const lo = typeof bounds[0] === 'number' ? bounds[0] : bounds[0] === 'dataMin' ? dataMin : dataMin - pad;
  const hi = typeof bounds[1] === 'number' ? bounds[1] : bounds[1] === 'dataMax' ? dataMax : dataMax + pad;
  return hi > lo ? [lo, hi] : [lo - 0.5, lo + 0.5];
}

/** Lays out a line chart. Lines with no finite value are left out; gaps in a line break it. */
export function layoutLineChart(input: LineChartInput): LineChartLayout {
  const { rows, xKey, width, height } = input;
  const plot = { x: MARGIN.left, y: MARGIN.top, w: Math.max(1, width - MARGIN.left - MARGIN.right), h: Math.max(1, height - MARGIN.top - MARGIN.bottom) };
  const xs = rows.map((r) => r[xKey]).filter((v): v is number => v !== undefined && Number.isFinite(v));
  const xDomain: [number, number] = xs.length ? [Math.min(...xs), Math.max(...xs)] : [0, 1];
  if (xDomain[1] === xDomain[0]) xDomain[1] = xDomain[0] + 1;
  const yValues = rows.flatMap((r) => input.lines.map((l) => r[l.key])).filter((v): v is number => v !== undefined);
  const yDomain = resolveDomain(input.yDomain, yValues);
  const px = (x: number): number => plot.x + ((x - xDomain[0]) / (xDomain[1] - xDomain[0])) * plot.w;
  const py = (y: number): number => plot.y + plot.h - ((y - yDomain[0]) / (yDomain[1] - yDomain[0])) * plot.h;
  const lines: PlacedLine[] = [];
  for (const style of input.lines) {
    const segments: [number, number][][] = [];
    let current: [number, number][] = [];
    for (const r of rows) {
      const x = r[xKey];
      const y = r[style.key];
      if (x === undefined || y === undefined || !Number.isFinite(x) || !Number.isFinite(y)) {
        // A row without this line (another run's step) does not break it; only non-finite values do.
        if (y !== undefined && current.length > 0) {
          segments.push(current);
          current = [];
        }
        continue;
      }
      current.push([px(x), py(Math.min(Math.max(y, yDomain[0]), yDomain[1]))]);
    }
    if (current.length > 0) segments.push(current);
    if (segments.length > 0) lines.push({ ...style, segments });
  }
  return {
    width,
    height,
    plot,
    xTicks: niceTicks(xDomain[0], xDomain[1], Math.max(2, Math.floor(plot.w / 70))).map((v) => ({ px: px(v), label: formatNumber(v) })),
    yTicks: niceTicks(yDomain[0], yDomain[1], Math.max(2, Math.floor(plot.h / 40))).map((v) => ({ px: py(v), label: input.yFormat(v) })),
    lines,
    references: input.references.filter((r) => r.y >= yDomain[0] && r.y <= yDomain[1]).map((r) => ({ py: py(r.y), label: r.label, color: r.color ?? '#64748b', below: py(r.y) - plot.y < 14 })),
    xDomain,
    yDomain,
  };
}

/** Dash pattern of a line, in pixels (empty: solid). */
export function dashOf(line: LineStyle): number[] {
  return line.faded ? [4, 3] : line.dashed ? [7, 3] : [];
}

const esc = (s: string): string => s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);

/** The chart as a standalone SVG document (for saving), from the same layout the canvas draws. */
export function layoutToSvg(layout: LineChartLayout, title: string): string {
  const { width, height, plot } = layout;
  // The legend wraps onto as many rows as it needs (about 6 px per character at 11 px).
  const legend: { line: PlacedLine; x: number; row: number }[] = [];
  let lx = plot.x;
  let row = 0;
  for (const l of layout.lines) {
    const w = 26 + l.name.length * 6;
    if (lx + w > width && lx > plot.x) {
      row++;
      lx = plot.x;
    }
    legend.push({ line: l, x: lx, row });
    lx += w;
  }
  const total = height + 8 + (row + 1) * 16;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${total}" viewBox="0 0 ${width} ${total}" font-family="sans-serif" font-size="11">`,
    `<title>${esc(title)}</title>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
  ];
  for (const t of layout.yTicks) parts.push(`<line x1="${plot.x}" x2="${plot.x + plot.w}" y1="${t.px}" y2="${t.px}" stroke="#e8ebf0" stroke-dasharray="3 3"/><text x="${plot.x - 4}" y="${t.px + 4}" text-anchor="end" fill="#64748b">${esc(t.label)}</text>`);
  for (const t of layout.xTicks) parts.push(`<text x="${t.px}" y="${plot.y + plot.h + 15}" text-anchor="middle" fill="#64748b">${esc(t.label)}</text>`);
  for (const r of layout.references) parts.push(`<line x1="${plot.x}" x2="${plot.x + plot.w}" y1="${r.py}" y2="${r.py}" stroke="${r.color}" stroke-dasharray="6 4"/><text x="${plot.x + plot.w - 2}" y="${r.below ? r.py + 12 : r.py - 3}" text-anchor="end" fill="${r.color}">${esc(r.label)}</text>`);
  for (const l of layout.lines) {
    const dash = dashOf(l);
    for (const seg of l.segments) {
      parts.push(`<polyline class="series" data-key="${esc(l.key)}" fill="none" stroke="${l.color}" stroke-width="${l.faded ? 1.5 : 2}" stroke-opacity="${l.faded ? 0.35 : 1}"${dash.length ? ` stroke-dasharray="${dash.join(' ')}"` : ''} points="${seg.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ')}"/>`);
    }
  }
  for (const { line: l, x, row: r } of legend) {
    const y = height + 12 + r * 16;
    parts.push(`<line x1="${x}" x2="${x + 14}" y1="${y}" y2="${y}" stroke="${l.color}" stroke-width="2"/><text x="${x + 18}" y="${y + 4}" fill="#334155">${esc(l.name)}</text>`);
  }
  parts.push('</svg>');
  return parts.join('');
}
