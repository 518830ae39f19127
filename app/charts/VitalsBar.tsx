/**
 * The headline numbers of the latest report, big enough for the back of a classroom:
 * effective rank out of D (with a collapse verdict), spread, total loss, accuracy.
 */
import { useConfigStore, useMetricsStore } from '../store/hooks';
import { formatNumber } from './chartFormat';
import { ACCURACY_KEYS } from './AccuracyChart';

/** Collapse verdict from the share of dimensions in use. */
export function collapseVerdict(rankme: number, embedDim: number): { level: 'ok' | 'partial' | 'severe'; text: string } {
  const share = rankme / Math.max(1, embedDim);
  if (share < 0.15) return { level: 'severe', text: 'Collapsed' };
  if (share < 0.5) return { level: 'partial', text: 'Partly collapsed' };
  return { level: 'ok', text: 'Healthy' };
}

/** The vitals row above the charts. */
export function VitalsBar() {
  const latest = useMetricsStore((s) => s.latest);
  const embedDim = useConfigStore((s) => s.config.embedDim);
  if (!latest) return null;
  const rankme = latest.scalars.rankme;
  const verdict = rankme !== undefined ? collapseVerdict(rankme, embedDim) : null;
  const accuracyKey = (Object.keys(ACCURACY_KEYS) as (keyof typeof ACCURACY_KEYS)[]).find((k) => latest.scalars[k] !== undefined);
  const accuracy = accuracyKey ? latest.scalars[accuracyKey] : undefined;
  return (
    <div className="vitals" data-testid="vitals">
      {verdict && (
        <div className={`vital vital--${verdict.level}`} data-testid="collapse-verdict">
          <span className="vital__label">Dimensional collapse</span>
          <span className="vital__value">{verdict.text}</span>
        </div>
      )}
      {rankme !== undefined && (
        <div className="vital">
          <span className="vital__label">Effective rank</span>
          <span className="vital__value">
            {rankme.toFixed(1)} <small>/ {embedDim}</small>
          </span>
        </div>
      )}
      {latest.scalars.stdL2 !== undefined && (
        <div className="vital">
          <span className="vital__label">Spread (std)</span>
          <span className="vital__value">
            {formatNumber(latest.scalars.stdL2)}
            {latest.scalars.stdRef !== undefined && <small> / {formatNumber(latest.scalars.stdRef)}</small>}
          </span>
        </div>
      )}
      {latest.losses.total !== undefined && (
        <div className="vital">
          <span className="vital__label">Total loss</span>
          <span className="vital__value">{formatNumber(latest.losses.total)}</span>
        </div>
      )}
      {accuracyKey && accuracy !== undefined && (
        <div className="vital">
          <span className="vital__label">{ACCURACY_KEYS[accuracyKey]} accuracy</span>
          <span className="vital__value">{(accuracy * 100).toFixed(1)}%</span>
        </div>
      )}
    </div>
  );
}
