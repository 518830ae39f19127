/**
 * Saving a chart as an image: its SVG (recharts' own, with the title and the legend drawn in,
 * see app/library/chartSvg.ts) or a PNG of that SVG drawn on a canvas at twice the size.
 * Canvas charts (heatmaps, image strips) are their canvases, as drawn.
 */
import { fileNameOf } from '../../src/library/fileName';
import { chartSvgText, type ChartImageParts, type LegendEntry } from './chartSvg';
import { downloadBlob } from './downloads';

/** PNGs are drawn at this many pixels per CSS pixel. */
const PNG_SCALE = 2;

/** The chart's main SVG (recharts also draws each legend icon as a small SVG). */
function chartSurface(body: Element): SVGSVGElement | null {
  return [...body.querySelectorAll<SVGSVGElement>('svg.recharts-surface')].find((s) => !s.closest('.recharts-legend-wrapper')) ?? null;
}

/** The legend entries, dashed where the chart draws that colour dashed (a compared run). */
function legendEntries(body: Element, surface: SVGSVGElement | null): LegendEntry[] {
  const dashedColors = new Set([...(surface?.querySelectorAll('.recharts-line-curve[stroke-dasharray]') ?? [])].map((p) => p.getAttribute('stroke')));
  return [...body.querySelectorAll<HTMLElement>('.recharts-legend-item')].map((item) => {
    const text = item.querySelector<HTMLElement>('.recharts-legend-item-text');
    const icon = item.querySelector('path[stroke], path[fill]');
    const color = icon?.getAttribute('stroke') ?? icon?.getAttribute('fill') ?? text?.style.color ?? '#0f172a';
    return { name: (text ?? item).textContent?.trim() ?? '', color, dashed: dashedColors.has(color) };
  });
}

/** What the chart in `figure` (a ChartPanel) is made of, as drawn now. */
export function chartImageParts(figure: HTMLElement): ChartImageParts {
  const body = figure.querySelector('.chart__body');
  if (!body) throw new Error('the chart has nothing drawn yet');
  const box = body.getBoundingClientRect();
  const at = (el: Element): { x: number; y: number; width: number; height: number } => {
    const r = el.getBoundingClientRect();
    return { x: Math.round(r.left - box.left), y: Math.round(r.top - box.top), width: Math.round(r.width), height: Math.round(r.height) };
  };
  const surface = chartSurface(body);
  let chartSvg: string | null = null;
  if (surface) {
    const place = at(surface);
    const clone = surface.cloneNode(true) as SVGSVGElement;
    clone.setAttribute('x', String(place.x));
    clone.setAttribute('y', String(place.y));
    clone.setAttribute('width', String(place.width));
    clone.setAttribute('height', String(place.height));
    clone.removeAttribute('style');
    chartSvg = new XMLSerializer().serializeToString(clone);
  }
  const rasters = [...body.querySelectorAll('canvas')].map((c) => ({ ...at(c), href: c.toDataURL('image/png') }));
  const legendBottom = Math.max(0, ...[...body.querySelectorAll('.recharts-legend-wrapper')].map((l) => at(l).y));
  return {
    title: figure.querySelector('.chart__title')?.textContent?.trim() ?? 'Chart',
    subtitle: figure.querySelector('.chart__subtitle')?.textContent?.trim() ?? '',
    width: Math.round(box.width),
    // The HTML legend is redrawn below the chart in SVG: the image keeps the chart's part of the body.
    height: Math.round(legendBottom > 0 ? legendBottom : box.height),
    chartSvg,
    rasters,
    legend: legendEntries(body, surface),
  };
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
    ctx.imageSmoothingEnabled = false;
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
