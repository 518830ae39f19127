/**
 * A square canvas of points coloured by class, optionally over decision regions (a grid of
 * predicted classes), redrawn only when its data change; and the legend of the class colours.
 * Used by the embedding scatter and the input-space map.
 */
import { useEffect, useRef } from 'react';
import type { InputSpaceMap } from '../../src/protocol';
import { classCss, classRgb, regionsHalfWidth, toPixel } from './scatterGeometry';

/** Side of the drawn square, CSS pixels. */
export const SCATTER_SIZE = 220;

/** Points with their classes. */
export interface ClassPoints {
  x: readonly number[];
  y: readonly number[];
  labels: readonly number[];
}

/** Decision regions: `size x size` predicted classes, rows from the top, cell centres spanning [-extent, extent]. */
export type Regions = Pick<InputSpaceMap, 'size' | 'extent' | 'labels'>;

/** Props of ClassScatter. */
export interface ClassScatterProps {
  points: ClassPoints;
  /** The square shows [-halfWidth, halfWidth] on both axes. */
  halfWidth: number;
  regions?: Regions;
  /** What the picture shows, for screen readers. */
  label: string;
}

/** How much lighter than its points a region of a class is drawn. */
const REGION_LIGHTEN = 0.6;

/** Backdrop of the plot (the page's --surface-2). */
const BACKDROP = '#f8fafc';

/** Radius of a point, CSS pixels. */
const POINT_RADIUS = 2.6;

/** The regions as one image, a pixel per cell, stretched over the cells' square without smoothing. */
function drawRegions(ctx: CanvasRenderingContext2D, regions: Regions, halfWidth: number): void {
  const { size, extent, labels } = regions;
  const image = new ImageData(size, size);
  labels.forEach((k, i) => {
    image.data.set([...classRgb(k, REGION_LIGHTEN), 255], 4 * i);
  });
  const grid = document.createElement('canvas');
  grid.width = size;
  grid.height = size;
  grid.getContext('2d')?.putImageData(image, 0, 0);
  const half = regionsHalfWidth(size, extent);
  const [left, top] = toPixel(-half, half, halfWidth, SCATTER_SIZE);
  const [right] = toPixel(half, 0, halfWidth, SCATTER_SIZE);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(grid, left, top, right - left, right - left);
}

/** The axes through 0. */
function drawAxes(ctx: CanvasRenderingContext2D, halfWidth: number): void {
  const [cx, cy] = toPixel(0, 0, halfWidth, SCATTER_SIZE);
  ctx.strokeStyle = '#cbd5e1';
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(0, cy);
  ctx.lineTo(SCATTER_SIZE, cy);
  ctx.moveTo(cx, 0);
  ctx.lineTo(cx, SCATTER_SIZE);
  ctx.stroke();
}

/** The points, one path per class (a handful of style changes, whatever the number of points). */
function drawPoints(ctx: CanvasRenderingContext2D, points: ClassPoints, halfWidth: number, outline: string): void {
  const byClass = new Map<number, number[]>();
  points.labels.forEach((k, i) => {
    if (i < points.x.length) (byClass.get(k) ?? byClass.set(k, []).get(k)!).push(i);
  });
  ctx.lineWidth = 0.75;
  ctx.strokeStyle = outline;
  for (const [k, members] of byClass) {
    ctx.fillStyle = classCss(k);
    ctx.beginPath();
    for (const i of members) {
      const [px, py] = toPixel(points.x[i]!, points.y[i]!, halfWidth, SCATTER_SIZE);
      ctx.moveTo(px + POINT_RADIUS, py);
      ctx.arc(px, py, POINT_RADIUS, 0, 2 * Math.PI);
    }
    ctx.fill();
    ctx.stroke();
  }
}

/** Draws the regions (or else the axes through 0) and the points on `canvas` at the screen's pixel ratio. */
function drawScatter(canvas: HTMLCanvasElement, { points, halfWidth, regions }: Omit<ClassScatterProps, 'label'>): void {
  const ratio = Math.max(1, window.devicePixelRatio || 1);
  const side = Math.round(SCATTER_SIZE * ratio);
  if (canvas.width !== side) {
    canvas.width = side;
    canvas.height = side;
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.fillStyle = BACKDROP;
  ctx.fillRect(0, 0, SCATTER_SIZE, SCATTER_SIZE);
  if (regions && regions.size > 1) drawRegions(ctx, regions, halfWidth);
  else drawAxes(ctx, halfWidth);
  drawPoints(ctx, points, halfWidth, regions ? '#0f172a' : 'rgba(15, 23, 42, 0.35)');
}

/** The scatter (see the module comment). */
export function ClassScatter({ points, halfWidth, regions, label }: ClassScatterProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (ref.current) drawScatter(ref.current, regions ? { points, halfWidth, regions } : { points, halfWidth });
  }, [points, halfWidth, regions]);
  return <canvas ref={ref} className="class-scatter" width={SCATTER_SIZE} height={SCATTER_SIZE} role="img" aria-label={label} />;
}

/** The class colours, named. */
export function ClassLegend({ classes }: { classes: readonly string[] }) {
  return (
    <ul className="class-legend">
      {classes.map((name, k) => (
        <li key={name} className="class-legend__item">
          <span className="class-legend__swatch" style={{ background: classCss(k) }} />
          {name}
        </li>
      ))}
    </ul>
  );
}
