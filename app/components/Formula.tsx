/** A term's formula behind a "Formula" disclosure: typeset from its TeX, or its plain text where it has none. */
import type { TermSpec } from '../../src/catalog';
import { Tex } from './Tex';

/** The formula of `term` (nothing when it has none). */
export function Formula({ term }: { term: Pick<TermSpec, 'formula' | 'formulaTex'> }) {
  if (!term.formula && !term.formulaTex) return null;
  return (
    <details className="formula">
      <summary>Formula</summary>
      {term.formulaTex ? (
        <div className="formula__tex" title={term.formula}>
          <Tex tex={term.formulaTex} display />
        </div>
      ) : (
        <pre>{term.formula}</pre>
      )}
    </details>
  );
}
