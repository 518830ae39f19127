/**
 * A chart as a standalone SVG file: a white page with the chart's title and explanation, then
 * what its body draws, each part at its place: vector parts (the SVG a canvas chart writes of
 * itself, see app/charts/chartSvgRegistry.ts, or an SVG element) and raster parts (a canvas
 * with no SVG writer, such as a heatmap, as an embedded PNG). Pure string building, no DOM.
 */

/** A part of the chart body at its place, in CSS pixels from the body's top left. */
interface Placed {
  x: number;
  y: number;
}

/** A vector part: a whole SVG document or element. */
export interface VectorPart extends Placed {
  svg: string;
}

/** A raster part (a canvas without an SVG writer). */
export interface RasterPart extends Placed {
  width: number;
  height: number;
  /** A data: URL of its PNG. */
  href: string;
}

/** What a chart image is made of. */
export interface ChartImageParts {
  title: string;
  subtitle: string;
  /** Width and height of the drawn parts, in CSS pixels. */
  width: number;
  height: number;
  vectors: VectorPart[];
  rasters: RasterPart[];
}

const PAD = 12;
const TITLE_HEIGHT = 22;
const SUBTITLE_FONT_PX = 12;
const SUBTITLE_LINE = 16;
/** A rough width of a sans-serif character, in em (text in an SVG file cannot be measured). */
const CHAR_EM = 0.56;

/** `text` broken into lines of at most `width` pixels at `fontPx` (a word longer than a line stands alone). */
export function wrapText(text: string, width: number, fontPx: number): string[] {
  const perLine = Math.max(8, Math.floor(width / (fontPx * CHAR_EM)));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > perLine) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** Text for XML content and attributes. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** The size an SVG document's root element declares (0 where it declares none). */
export function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const attr = (name: string): number => Number(new RegExp(`\\s${name}="([\\d.]+)"`).exec(root)?.[1] ?? 0);
  return { width: attr('width'), height: attr('height') };
}

/** The SVG file text of a chart. */
export function chartSvgText(parts: ChartImageParts): string {
  const width = Math.ceil(parts.width + 2 * PAD);
  const subtitle = wrapText(parts.subtitle, parts.width, SUBTITLE_FONT_PX);
  const top = PAD + TITLE_HEIGHT + subtitle.length * SUBTITLE_LINE + (subtitle.length > 0 ? 6 : 0);
  const height = Math.ceil(top + parts.height + PAD);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif">`,
    `<title>${escapeXml(parts.title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${PAD}" y="${PAD + 15}" font-size="15" font-weight="600" fill="#0f172a">${escapeXml(parts.title)}</text>`,
  ];
  subtitle.forEach((line, i) => out.push(`<text x="${PAD}" y="${PAD + TITLE_HEIGHT + 12 + i * SUBTITLE_LINE}" font-size="${SUBTITLE_FONT_PX}" fill="#64748b">${escapeXml(line)}</text>`));
  for (const v of parts.vectors) out.push(`<g transform="translate(${PAD + v.x} ${top + v.y})">${v.svg}</g>`);
  for (const r of parts.rasters) out.push(`<image x="${PAD + r.x}" y="${top + r.y}" width="${r.width}" height="${r.height}" href="${escapeXml(r.href)}" style="image-rendering: pixelated"/>`);
  out.push('</svg>');
  return out.join('\n');
}
