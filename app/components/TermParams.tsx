/** The knobs of one loss term, built from its ParamSpecs; every change is live. */
import type { TermSpec } from '../../src/catalog';
import { termParams } from '../../src/config';
import { setTermParam } from '../engine/configActions';
import { useConfigStore } from '../store/hooks';
import { ParamControl } from './ParamControl';

/** Controls for every knob of `term` (data-testid `input-<term>-<knob>`). */
export function TermParams({ term, disabled }: { term: TermSpec; disabled?: boolean }) {
  const config = useConfigStore((s) => s.config);
  const values = termParams(config, term);
  const names = Object.keys(term.params);
  if (names.length === 0) return null;
  return (
    <div className="param-grid">
      {names.map((name) => {
        const spec = term.params[name];
        if (!spec) return null;
        return (
          <ParamControl
            key={name}
            testId={`input-${term.id}-${name}`}
            spec={spec}
            value={values[name] ?? spec.default}
            disabled={disabled}
            onCommit={(v) => setTermParam(term.id, name, v)}
            onCheck={(v) => setTermParam(term.id, name, v, { dryRun: true })}
          />
        );
      })}
    </div>
  );
}
