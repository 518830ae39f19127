/**
 * A time-series line chart (recharts, animations off): one line per key, steps on x.
 * Clicking a legend entry hides or shows its line.
 */
import { useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber, seriesColor } from './chartFormat';

/** A horizontal reference line. */
export interface Reference {
  y: number;
  label: string;
  color?: string;
}

/** Props of SeriesChart. */
export interface SeriesChartProps {
  rows: Record<string, number>[];
  keys: string[];
  /** Legend names per key. */
  names?: Record<string, string>;
  xKey?: string;
  xLabel?: string;
  yDomain?: [number | 'auto' | 'dataMin' | 'dataMax', number | 'auto' | 'dataMin' | 'dataMax'];
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

/** The shared line chart. */
export function SeriesChart({ rows, keys, names, xKey = 'step', xLabel = 'step', yDomain = ['auto', 'auto'], yFormat = formatNumber, references = [], faded = [], colors = {}, dashed = [], height = 210 }: SeriesChartProps) {
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const toggle = (key: string): void => {
    const next = new Set(hidden);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    setHidden(next);
  };
  return (
    <LineChart data={rows} responsive style={{ width: '100%', height }} margin={{ top: 6, right: 14, bottom: 0, left: 0 }}>
      <CartesianGrid stroke="#e8ebf0" strokeDasharray="3 3" />
      <XAxis dataKey={xKey} type="number" domain={['dataMin', 'dataMax']} tick={{ fontSize: 11 }} tickFormatter={formatNumber} stroke="#94a3b8" name={xLabel} />
      <YAxis tick={{ fontSize: 11 }} width={52} domain={yDomain} tickFormatter={yFormat} stroke="#94a3b8" allowDataOverflow={false} />
      <Tooltip
        isAnimationActive={false}
        labelFormatter={(v) => `${xLabel} ${formatNumber(v)}`}
        formatter={(v, name) => [typeof v === 'number' ? yFormat(v) : String(v), name]}
        contentStyle={{ fontSize: 12, borderRadius: 8 }}
      />
      {keys.length > 1 && (
        <Legend
          wrapperStyle={{ fontSize: 12, cursor: 'pointer' }}
          onClick={(entry) => {
            if (typeof entry.dataKey === 'string') toggle(entry.dataKey);
          }}
        />
      )}
      {references.map((r) => (
        <ReferenceLine key={r.label} y={r.y} stroke={r.color ?? '#64748b'} strokeDasharray="6 4" label={{ value: r.label, position: 'insideTopRight', fontSize: 11, fill: r.color ?? '#64748b' }} />
      ))}
      {keys.map((key, i) => (
        <Line
          key={key}
          dataKey={key}
          name={names?.[key] ?? key}
          type="linear"
          dot={false}
          stroke={colors[key] ?? seriesColor(i)}
          strokeWidth={faded.includes(key) ? 1.5 : 2}
          strokeOpacity={faded.includes(key) ? 0.35 : 1}
          strokeDasharray={faded.includes(key) ? '4 3' : dashed.includes(key) ? '7 3' : undefined}
          hide={hidden.has(key)}
          isAnimationActive={false}
          connectNulls
        />
      ))}
    </LineChart>
  );
}
