/**
 * A time-series line chart drawn on a canvas: one line per key, steps on x, a legend whose
 * entries hide or show their line, reference lines, and a readout of the values under the
 * pointer. A canvas, not SVG: while training, every chart redraws several times a second, and
 * laying out SVG nodes made the main thread stutter (long tasks of 100-500 ms were measured with
 * the SVG charts); drawing 400 points on a canvas takes well under a millisecond. The same layout
 * (app/charts/lineChartLayout.ts) writes the SVG a user saves.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { formatNumber, seriesColor } from './chartFormat';
import { registerChartSvg } from './chartSvgRegistry';
import { dashOf, layoutLineChart, layoutToSvg, type DomainBound, type LineChartLayout, type LineStyle, type ReferenceLineSpec } from './lineChartLayout';

/** A horizontal reference line. */
export type Reference = ReferenceLineSpec;

/** Props of SeriesChart. */
export interface SeriesChartProps {
  rows: Record<string, number>[];
  keys: string[];
  /** Legend names per key. */
  names?: Record<string, string>;
  xKey?: string;
  xLabel?: string;
  yDomain?: [DomainBound, DomainBound];
  yFormat?(v: number): string;
  references?: Reference[];
  /** Styles per key (e.g. a faded comparison line). */
  faded?: string[];
  /** Fixed colours per key (others take the palette in order). */
  colors?: Record<string, string>;
  /** Keys drawn dashed at full strength (a compared run's lines). */
  dashed?: string[];
  height?: number;
}

/** Draws a layout on a canvas (scaled for the screen's pixel ratio). */
function draw(canvas: HTMLCanvasElement, layout: LineChartLayout): void {
  const ratio = window.devicePixelRatio || 1;
  const w = Math.round(layout.width * ratio);
  const h = Math.round(layout.height * ratio);
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, layout.width, layout.height);
  const { plot } = layout;
  ctx.font = '11px system-ui, sans-serif';
  ctx.lineWidth = 1;
  ctx.setLineDash([3, 3]);
  ctx.strokeStyle = '#e8ebf0';
  ctx.fillStyle = '#64748b';
  ctx.textAlign = 'right';
  for (const t of layout.yTicks) {
    ctx.beginPath();
    ctx.moveTo(plot.x, t.px);
    ctx.lineTo(plot.x + plot.w, t.px);
    ctx.stroke();
    ctx.fillText(t.label, plot.x - 4, t.px + 4);
  }
  ctx.textAlign = 'center';
  for (const t of layout.xTicks) ctx.fillText(t.label, t.px, plot.y + plot.h + 15);
  ctx.setLineDash([6, 4]);
  ctx.textAlign = 'right';
  for (const r of layout.references) {
    ctx.strokeStyle = r.color;
    ctx.fillStyle = r.color;
    ctx.beginPath();
    ctx.moveTo(plot.x, r.py);
    ctx.lineTo(plot.x + plot.w, r.py);
    ctx.stroke();
    ctx.fillText(r.label, plot.x + plot.w - 2, r.below ? r.py + 12 : r.py - 3);
  }
  for (const l of layout.lines) {
    ctx.setLineDash(dashOf(l));
    ctx.strokeStyle = l.color;
    ctx.globalAlpha = l.faded ? 0.35 : 1;
    ctx.lineWidth = l.faded ? 1.5 : 2;
    for (const seg of l.segments) {
      ctx.beginPath();
      seg.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(x, y) : ctx.lineTo(x, y)));
      ctx.stroke();
    }
  }
  ctx.globalAlpha = 1;
  ctx.setLineDash([]);
}

/** The shared line chart. */
export function SeriesChart({ rows, keys, names, xKey = 'step', xLabel = 'step', yDomain = ['auto', 'auto'], yFormat = formatNumber, references = [], faded = [], colors = {}, dashed = [], height = 210 }: SeriesChartProps) {
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const [width, setWidth] = useState(0);
  const [pointer, setPointer] = useState<number | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const styles: LineStyle[] = keys.map((key, i) => ({ key, name: names?.[key] ?? key, color: colors[key] ?? seriesColor(i), dashed: dashed.includes(key), faded: faded.includes(key) }));
  // Props arrive as fresh objects on every render; compare them by value so the layout is recomputed only when the data changes.
  const styleKey = JSON.stringify(styles);
  const referenceKey = JSON.stringify(references);
  const [yLow, yHigh] = yDomain;
  const layout = useMemo(
    () => layoutLineChart({ rows, lines: styles.filter((s) => !hidden.has(s.key)), xKey, yDomain: [yLow, yHigh], references, width: Math.max(width, 1), height, yFormat }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- styleKey and referenceKey stand for styles and references; yFormat is fixed per chart.
    [rows, styleKey, hidden, xKey, yLow, yHigh, referenceKey, width, height],
  );
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  useEffect(() => {
    if (canvas.current && width > 0) draw(canvas.current, layout);
  }, [layout, width]);
  useEffect(() => {
    const el = canvas.current;
    if (el) registerChartSvg(el, () => layoutToSvg(layout, el.closest('figure')?.querySelector('.chart__title')?.textContent ?? 'chart'));
  }, [layout]);
  const toggle = (key: string): void => {
    const next = new Set(hidden);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    setHidden(next);
  };
  // The row nearest the pointer, for the readout.
  let readout: Record<string, number> | null = null;
  if (pointer !== null && rows.length > 0) {
    const [x0, x1] = layout.xDomain;
    const x = x0 + ((pointer - layout.plot.x) / layout.plot.w) * (x1 - x0);
    readout = rows.reduce((best, r) => (Math.abs((r[xKey] ?? Infinity) - x) < Math.abs((best[xKey] ?? Infinity) - x) ? r : best), rows[0]!);
  }
  return (
    <div className="line-chart" data-lines={layout.lines.map((l) => l.key).join(',')}>
      <div ref={box} className="line-chart__plot" style={{ height }} onMouseMove={(e) => setPointer(e.clientX - e.currentTarget.getBoundingClientRect().left)} onMouseLeave={() => setPointer(null)}>
        <canvas ref={canvas} style={{ width: '100%', height }} role="img" aria-label={styles.map((s) => s.name).join(', ')} />
        {readout && (
          <div className="line-chart__readout">
            <strong>
              {xLabel} {formatNumber(readout[xKey])}
            </strong>
            {styles
              .filter((s) => !hidden.has(s.key) && readout![s.key] !== undefined)
              .map((s) => (
                <span key={s.key} style={{ color: s.color }}>
                  {s.name}: {yFormat(readout![s.key]!)}
                </span>
              ))}
          </div>
        )}
      </div>
      {styles.length > 1 && (
        <ul className="line-chart__legend">
          {styles.map((s) => (
            <li key={s.key}>
              <button type="button" className={hidden.has(s.key) ? 'legend-item is-hidden' : 'legend-item'} data-testid="legend-item" onClick={() => toggle(s.key)} aria-pressed={!hidden.has(s.key)}>
                <span className={`legend-item__swatch${s.dashed || s.faded ? ' legend-item__swatch--dashed' : ''}`} style={{ color: s.color }} aria-hidden="true" />
                {s.name}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
