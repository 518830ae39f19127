/**
 * Saving a chart as an image: an SVG file (the chart's title over what its body draws; see
 * app/library/chartSvg.ts) or a PNG of that SVG drawn on a canvas at twice the size. Line
 * charts are canvases that write themselves as SVG (app/charts/chartSvgRegistry.ts); a canvas
 * with no such writer (a heatmap, an image strip) goes in as its pixels.
 */
import { fileNameOf } from '../../src/library/fileName';
import { chartSvgOf } from '../charts/chartSvgRegistry';
import { chartSvgText, svgSize, type ChartImageParts } from './chartSvg';
import { downloadBlob } from './downloads';

/** PNGs are drawn at this many pixels per CSS pixel. */
const PNG_SCALE = 2;

/** What the chart in `figure` (a ChartPanel) is made of, as drawn now. */
export function chartImageParts(figure: HTMLElement): ChartImageParts {
  const body = figure.querySelector('.chart__body');
  if (!body) throw new Error('the chart has nothing drawn yet');
  const box = body.getBoundingClientRect();
  const place = (el: Element): { x: number; y: number; width: number; height: number } => {
    const r = el.getBoundingClientRect();
    return { x: Math.round(r.left - box.left), y: Math.round(r.top - box.top), width: Math.round(r.width), height: Math.round(r.height) };
  };
  const parts: ChartImageParts = { title: figure.querySelector('.chart__title')?.textContent?.trim() || 'Chart', subtitle: figure.querySelector('.chart__subtitle')?.textContent?.trim() ?? '', width: 0, height: 0, vectors: [], rasters: [] };
  const grow = (x: number, y: number, width: number, height: number): void => {
    parts.width = Math.max(parts.width, x + width);
    parts.height = Math.max(parts.height, y + height);
  };
  for (const canvas of body.querySelectorAll('canvas')) {
    const at = place(canvas);
    const svg = chartSvgOf(canvas);
    if (svg) {
      const size = svgSize(svg);
      parts.vectors.push({ x: at.x, y: at.y, svg });
      grow(at.x, at.y, size.width || at.width, size.height || at.height);
    } else {
      parts.rasters.push({ ...at, href: canvas.toDataURL('image/png') });
      grow(at.x, at.y, at.width, at.height);
    }
  }
  // Charts drawn as SVG elements in the page go in as they are (the outermost ones).
  for (const svg of body.querySelectorAll('svg')) {
    if (svg.parentElement?.closest('svg')) continue;
    const at = place(svg);
    parts.vectors.push({ x: at.x, y: at.y, svg: new XMLSerializer().serializeToString(svg) });
    grow(at.x, at.y, at.width, at.height);
  }
  if (parts.vectors.length === 0 && parts.rasters.length === 0) throw new Error('the chart has nothing drawn yet');
  return parts;
}

/** The PNG of an SVG text, drawn at PNG_SCALE. */
async function pngOf(svg: string): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth * PNG_SCALE;
    canvas.height = image.naturalHeight * PNG_SCALE;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this browser cannot draw on a canvas');
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the PNG could not be made'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Downloads the chart in `figure` as an SVG or PNG file named after its title. */
export async function saveChartImage(figure: HTMLElement, kind: 'svg' | 'png'): Promise<void> {
  const parts = chartImageParts(figure);
  const svg = chartSvgText(parts);
  const blob = kind === 'svg' ? new Blob([svg], { type: 'image/svg+xml' }) : await pngOf(svg);
  downloadBlob(fileNameOf(parts.title, kind), blob);
}
