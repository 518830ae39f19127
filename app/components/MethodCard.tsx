/**
 * One seed method: a switch, its knobs, what it does, its formula (typeset) and a link to its
 * card. When the method cannot run with the current task, dataset or model, the switch
 * is disabled and the reason is shown instead.
 */
import { useState } from 'react';
import { termUnavailableReason, type TermSpec } from '../../src/catalog';
import { toggleMethod } from '../engine/configActions';
import { useConfigStore, useRunStore } from '../store/hooks';
import { Formula } from './Formula';
import { TermParams } from './TermParams';

/** The card of method `term`. */
export function MethodCard({ term }: { term: TermSpec }) {
  const catalog = useRunStore((s) => s.catalog);
  const config = useConfigStore((s) => s.config);
  const [error, setError] = useState<string | null>(null);
  const enabled = config.methods.includes(term.id);
  const dataset = catalog?.datasets.find((d) => d.id === config.dataset);
  const model = catalog?.models.find((m) => m.id === config.model);
  const unavailable = config.objective === term.id ? `${term.label} is the objective of this run (alone, as its authors train it).` : termUnavailableReason(term, config.task, dataset, model);
  return (
    <article className={`method-card${enabled ? ' is-on' : ''}${unavailable ? ' is-unavailable' : ''}`} data-testid={`method-${term.id}`}>
      <header className="method-card__header">
        <label className="switch" title={unavailable ?? (enabled ? 'Switch off' : 'Switch on')}>
          <input
            type="checkbox"
            role="switch"
            className="switch__input"
            data-testid={`toggle-${term.id}`}
            checked={enabled}
            disabled={unavailable !== null && !enabled}
            onChange={(e) => setError(toggleMethod(term.id, e.target.checked)[0] ?? null)}
          />
          <span className="method-card__title">{term.label}</span>
        </label>
        {term.reconstructed && (
          <span className="badge badge--reconstructed" title="No public code exists; this formulation is ours, following the paper's abstract. Every unknown is a knob.">
            reconstructed from the abstract
          </span>
        )}
      </header>
      <p className="method-card__summary">{term.summary}</p>
      {unavailable && (
        <p className="method-card__unavailable" data-testid={`unavailable-${term.id}`}>
          {unavailable}
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <TermParams term={term} disabled={unavailable !== null && !enabled} />
      <footer className="method-card__footer">
        <Formula term={term} />
        {term.card && (
          <a className="method-card__link" href={`./${term.card}`} target="_blank" rel="noreferrer">
            Method card ↗
          </a>
        )}
      </footer>
    </article>
  );
}
