/**
 * The headline numbers of the latest report, big enough for the back of a classroom:
 * effective rank out of D (with a collapse verdict), spread, total loss, accuracy; one row
 * per run when runs are compared.
 */
import { collapseLevel, type CollapseLevel } from '../../src/metrics/collapseVerdict';
import type { MetricsReport } from '../../src/protocol';
import { useRunSeries } from '../compare/useRunSeries';
import { useLookedAt } from '../lessons/useLookedAt';
import { useConfigStore } from '../store/hooks';
import { formatNumber } from './chartFormat';
import { ACCURACY_KEYS } from './AccuracyChart';

/** How each reading of src/metrics/collapseVerdict.ts is shown: its CSS level and its words. */
const VERDICTS: Record<CollapseLevel, { level: 'ok' | 'partial' | 'severe'; text: string }> = {
  collapsed: { level: 'severe', text: 'Collapsed' },
  partial: { level: 'partial', text: 'Partly collapsed' },
  healthy: { level: 'ok', text: 'Healthy' },
};

/** One run's vitals. */
function VitalsRow({ latest, embedDim, label, color, testId, kind }: { latest: MetricsReport; embedDim: number; label: string; color: string; testId: string; kind: 'main' | 'twin' | 'pinned' }) {
  const twin = kind !== 'main';
  const rankme = latest.scalars.rankme;
  const std = latest.scalars.stdL2;
  const verdict = rankme !== undefined && std !== undefined ? VERDICTS[collapseLevel(rankme, std, embedDim)] : null;
  const accuracyKey = (Object.keys(ACCURACY_KEYS) as (keyof typeof ACCURACY_KEYS)[]).find((k) => latest.scalars[k] !== undefined);
  const accuracy = accuracyKey ? latest.scalars[accuracyKey] : undefined;
  const extra = twin ? ' vital--twin' : '';
  const lookedAt = useLookedAt(testId);
  return (
    <div className={lookedAt ? 'vitals is-looked-at' : 'vitals'} data-testid={testId}>
      {label && (
        <p className="vitals__run" style={{ color }}>
          {kind === 'twin' ? 'Twin: ' : kind === 'pinned' ? 'Saved run: ' : 'This run: '}
          {label}
        </p>
      )}
      {verdict && (
        <div className={`vital vital--${verdict.level}${extra}`} data-testid={twin ? undefined : 'collapse-verdict'}>
          <span className="vital__label">Dimensional collapse</span>
          <span className="vital__value">{verdict.text}</span>
        </div>
      )}
      {rankme !== undefined && (
        <div className={`vital${extra}`}>
          <span className="vital__label">Effective rank</span>
          <span className="vital__value">
            {rankme.toFixed(1)} <small>/ {embedDim}</small>
          </span>
        </div>
      )}
      {latest.scalars.stdL2 !== undefined && (
        <div className={`vital${extra}`}>
          <span className="vital__label">Spread (std)</span>
          <span className="vital__value">
            {formatNumber(latest.scalars.stdL2)}
            {latest.scalars.stdRef !== undefined && <small> / {formatNumber(latest.scalars.stdRef)}</small>}
          </span>
        </div>
      )}
      {latest.losses.total !== undefined && (
        <div className={`vital${extra}`}>
          <span className="vital__label">Total loss</span>
          <span className="vital__value">{formatNumber(latest.losses.total)}</span>
        </div>
      )}
      {accuracyKey && accuracy !== undefined && (
        <div className={`vital${extra}`}>
          <span className="vital__label">{ACCURACY_KEYS[accuracyKey]} accuracy</span>
          <span className="vital__value">{(accuracy * 100).toFixed(1)}%</span>
        </div>
      )}
    </div>
  );
}

/** The vitals rows above the charts. */
export function VitalsBar() {
  const runs = useRunSeries();
  const embedDim = useConfigStore((s) => s.config.embedDim);
  return (
    <>
      {runs.map((r) =>
        r.latest ? <VitalsRow key={r.id} latest={r.latest} embedDim={embedDim} label={r.label} color={r.color} testId={r.main ? 'vitals' : `vitals-${r.id}`} kind={r.main ? 'main' : r.pinned ? 'pinned' : 'twin'} /> : null,
      )}
    </>
  );
}
