/** A row-major matrix drawn as a heatmap on a canvas, with axis labels and a colour bar. */
import { useEffect, useRef } from 'react';
import type { TermDiagnostics } from '../../src/protocol';
import { formatNumber } from './chartFormat';
import { RAMP_GRADIENT, rampColor } from './colormap';

/** A term's heatmap diagnostics. */
export type Heatmap = NonNullable<TermDiagnostics['heatmap']>;

/** Draws `heatmap`, one canvas pixel per cell (CSS stretches it, pixelated). */
export function HeatmapCanvas({ heatmap }: { heatmap: Heatmap }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const { rows, cols, values, rowLabel, colLabel } = heatmap;
  const finite = values.filter((v) => Number.isFinite(v));
  const lo = finite.length ? Math.min(...finite) : 0;
  const hi = finite.length ? Math.max(...finite) : 1;
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx || rows < 1 || cols < 1) return;
    const image = ctx.createImageData(cols, rows);
    const span = hi - lo || 1;
    for (let i = 0; i < rows * cols; i++) {
      const [r, g, b] = rampColor(((values[i] ?? lo) - lo) / span);
      image.data[i * 4] = r;
      image.data[i * 4 + 1] = g;
      image.data[i * 4 + 2] = b;
      image.data[i * 4 + 3] = 255;
    }
    ctx.putImageData(image, 0, 0);
  }, [rows, cols, values, lo, hi]);
  return (
    <div className="heatmap">
      <span className="heatmap__ylabel">
        {rowLabel} ({rows})
      </span>
      <canvas ref={ref} className="heatmap__canvas" width={Math.max(1, cols)} height={Math.max(1, rows)} />
      <span className="heatmap__xlabel">
        {colLabel} ({cols})
      </span>
      <span className="heatmap__bar">
        <span>{formatNumber(lo)}</span>
        <span className="heatmap__ramp" style={{ background: RAMP_GRADIENT }} />
        <span>{formatNumber(hi)}</span>
      </span>
    </div>
  );
}
