/** The frame of one chart: title, one-line explanation, an empty state, and buttons that save it as PNG or SVG. */
import { useRef, type ReactNode } from 'react';
import { useLookedAt } from '../lessons/useLookedAt';
import { saveChartImage } from '../library/chartImage';
import { addNotice } from '../store/runStore';

/** Props of ChartPanel. */
export interface ChartPanelProps {
  testId: string;
  title: string;
  subtitle?: ReactNode;
  /** Shown instead of the chart when there is nothing to draw yet. */
  empty?: string | null;
  wide?: boolean;
  children?: ReactNode;
}

/** A chart card. */
export function ChartPanel({ testId, title, subtitle, empty, wide, children }: ChartPanelProps) {
  const figure = useRef<HTMLElement>(null);
  const lookedAt = useLookedAt(testId);
  const save = (kind: 'png' | 'svg'): void => {
    if (!figure.current) return;
    saveChartImage(figure.current, kind).catch((e: unknown) => addNotice('error', 'internal', `The chart "${title}" could not be saved as ${kind.toUpperCase()}: ${e instanceof Error ? e.message : String(e)}`));
  };
  return (
    <figure ref={figure} className={`chart${wide ? ' chart--wide' : ''}${lookedAt ? ' is-looked-at' : ''}`} data-testid={testId} data-empty={empty ? 'true' : 'false'}>
      <figcaption className="chart__caption">
        <span className="chart__title">{title}</span>
        {subtitle && <span className="chart__subtitle">{subtitle}</span>}
      </figcaption>
      {!empty && (
        <span className="chart__save">
          {(['png', 'svg'] as const).map((kind) => (
            <button key={kind} type="button" className="chart__save-btn" data-testid={`${testId}-save-${kind}`} onClick={() => save(kind)} aria-label={`Save the chart "${title}" as ${kind.toUpperCase()}`} title={`Save this chart as a ${kind.toUpperCase()} image`}>
              {kind.toUpperCase()}
            </button>
          ))}
        </span>
      )}
      {empty ? <div className="chart__empty">{empty}</div> : <div className="chart__body">{children}</div>}
    </figure>
  );
}
