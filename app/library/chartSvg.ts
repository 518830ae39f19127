/**
 * A chart as a standalone SVG file: a white page with the chart's title, the chart itself
 * (recharts' SVG, or canvases as embedded PNG images) and its legend drawn in SVG (recharts
 * draws the legend in HTML, outside its SVG). Pure string building, no DOM.
 */

/** One legend entry. */
export interface LegendEntry {
  name: string;
  color: string;
  dashed: boolean;
}

/** A raster part of the chart (a canvas) at its place in the chart body. */
export interface RasterPart {
  x: number;
  y: number;
  width: number;
  height: number;
  /** A data: URL of its PNG. */
  href: string;
}

/** What a chart image is made of. */
export interface ChartImageParts {
  title: string;
  subtitle: string;
  /** Width and height of the chart body, in CSS pixels. */
  width: number;
  height: number;
  /** The chart's own SVG markup (recharts), or null for a canvas chart. */
  chartSvg: string | null;
  rasters: RasterPart[];
  legend: LegendEntry[];
}

const PAD = 12;
const TITLE_HEIGHT = 22;
const SUBTITLE_HEIGHT = 18;
const LEGEND_ROW = 18;
const LEGEND_FONT_PX = 12;
/** A rough text width (a sans-serif character is about 0.58 em). */
const textWidth = (text: string): number => text.length * LEGEND_FONT_PX * 0.58;

/** Text for XML content and attributes. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** The legend laid out in rows that fit `width`. */
function legendRows(legend: readonly LegendEntry[], width: number): { entry: LegendEntry; x: number; row: number }[] {
  const out: { entry: LegendEntry; x: number; row: number }[] = [];
  let x = 0;
  let row = 0;
  for (const entry of legend) {
    const w = 26 + textWidth(entry.name) + 14;
    if (x > 0 && x + w > width) {
      x = 0;
      row++;
    }
    out.push({ entry, x, row });
    x += w;
  }
  return out;
}

/** The SVG file text of a chart. */
export function chartSvgText(parts: ChartImageParts): string {
  const width = Math.ceil(parts.width + 2 * PAD);
  const legend = legendRows(parts.legend, parts.width);
  const legendHeight = legend.length > 0 ? (legend[legend.length - 1]!.row + 1) * LEGEND_ROW + 6 : 0;
  const top = PAD + TITLE_HEIGHT + (parts.subtitle ? SUBTITLE_HEIGHT : 0);
  const height = Math.ceil(top + parts.height + legendHeight + PAD);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${PAD}" y="${PAD + 15}" font-size="15" font-weight="600" fill="#0f172a">${escapeXml(parts.title)}</text>`,
  ];
  if (parts.subtitle) out.push(`<text x="${PAD}" y="${PAD + TITLE_HEIGHT + 12}" font-size="12" fill="#64748b">${escapeXml(parts.subtitle)}</text>`);
  out.push(`<g transform="translate(${PAD} ${top})">`);
  if (parts.chartSvg) out.push(parts.chartSvg);
  for (const r of parts.rasters) out.push(`<image x="${r.x}" y="${r.y}" width="${r.width}" height="${r.height}" href="${escapeXml(r.href)}" style="image-rendering: pixelated"/>`);
  out.push('</g>');
  const legendTop = top + parts.height + 6;
  for (const { entry, x, row } of legend) {
    const y = legendTop + row * LEGEND_ROW + LEGEND_ROW / 2;
    const dash = entry.dashed ? ' stroke-dasharray="7 3"' : '';
    out.push(`<line x1="${PAD + x}" y1="${y}" x2="${PAD + x + 20}" y2="${y}" stroke="${escapeXml(entry.color)}" stroke-width="2"${dash}/>`);
    out.push(`<text x="${PAD + x + 26}" y="${y + 4}" font-size="${LEGEND_FONT_PX}" fill="${escapeXml(entry.color)}">${escapeXml(entry.name)}</text>`);
  }
  out.push('</svg>');
  return out.join('\n');
}
