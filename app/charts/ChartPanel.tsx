/** The frame of one chart: title, one-line explanation, and an empty state. */
import type { ReactNode } from 'react';

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
  return (
    <figure className={`chart${wide ? ' chart--wide' : ''}`} data-testid={testId} data-empty={empty ? 'true' : 'false'}>
      <figcaption className="chart__caption">
        <span className="chart__title">{title}</span>
        {subtitle && <span className="chart__subtitle">{subtitle}</span>}
      </figcaption>
      {empty ? <div className="chart__empty">{empty}</div> : <div className="chart__body">{children}</div>}
    </figure>
  );
}
