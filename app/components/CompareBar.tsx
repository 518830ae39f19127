/**
 * Compare this run with its twin: one click picks the toggle to flip (a method, the
 * stop-gradient, the predictor, the normalisation, the objective) and starts a second engine
 * on the same seed; both restart from step 0 and train step for step. Each twin shows as a
 * chip with its colour and the difference it makes, and can be stopped.
 */
import { useState } from 'react';
import { useStore } from 'zustand';
import { availableFlips, flipLabels, type Flip } from '../../src/compare/flip';
import { termUnavailableReason } from '../../src/catalog';
import { compareStore, MAIN_COLOR, MAX_COMPARED } from '../compare/compareStore';
import { startTwin, stopTwin } from '../compare/twinRuns';
import { useConfigStore, useRunStore } from '../store/hooks';

/** The comparison row under the run controls. */
export function CompareBar() {
  const catalog = useRunStore((s) => s.catalog);
  const config = useConfigStore((s) => s.config);
  const runs = useStore(compareStore, (s) => s.runs);
  const [error, setError] = useState<string | null>(null);
  if (!catalog) return null;
  const dataset = catalog.datasets.find((d) => d.id === config.dataset);
  const model = catalog.models.find((m) => m.id === config.model);
  const usable = (id: string): boolean => {
    const t = catalog.terms.find((x) => x.id === id);
    return t !== undefined && termUnavailableReason(t, config.task, dataset, model) === null;
  };
  const flips = availableFlips(config, catalog, usable);
  const choose = (index: string): void => {
    const flip: Flip | undefined = flips[Number(index)];
    if (flip) setError(startTwin(flip));
  };
  return (
    <div className="compare-bar" data-testid="compare-bar">
      {runs.filter((r) => r.live).length < MAX_COMPARED && (
        <select data-testid="twin-select" aria-label="Start a twin run with one toggle flipped" value="" onChange={(e) => choose(e.target.value)} title="Trains a second run on the same seed with one change, step for step with this one (both restart from step 0).">
          <option value="">Compare with a twin…</option>
          {flips.map((f, i) => (
            <option key={i} value={i}>
              {flipLabels(config, f, catalog)[1]}
            </option>
          ))}
        </select>
      )}
      {runs.map((r) => (
        <span key={r.id} className="compare-chip" data-testid={`twin-${r.id}`}>
          <span className="compare-chip__swatch" style={{ color: MAIN_COLOR }} aria-hidden="true" />
          <span>{r.mainLabel}</span>
          <span className="compare-chip__vs">vs</span>
          <span className="compare-chip__swatch compare-chip__swatch--dashed" style={{ color: r.color }} aria-hidden="true" />
          <span data-testid={`twin-label-${r.id}`}>{r.label}</span>
          <span className="compare-chip__step">step {r.step}</span>
          <button type="button" className="compare-chip__stop" aria-label={`Stop the twin run (${r.label})`} data-testid={`twin-stop-${r.id}`} onClick={() => stopTwin(r.id)}>
            ×
          </button>
        </span>
      ))}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
