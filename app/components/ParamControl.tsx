/**
 * One knob built from its ParamSpec: a number (slider + box), a boolean (checkbox) or
 * a choice (select), with its label, help text and, when a value was refused, why.
 */
import { useState } from 'react';
import type { ParamSpec, ParamValue } from '../../src/params';
import { NumberInput } from './NumberInput';

/** Props of ParamControl. */
export interface ParamControlProps {
  testId: string;
  spec: ParamSpec;
  value: ParamValue;
  /** Validates and applies; returns the errors (empty when applied). */
  onCommit(value: ParamValue): string[];
  /** Validates only (deferred number knobs). */
  onCheck?(value: ParamValue): string[];
  deferred?: boolean;
  disabled?: boolean;
}

/** A labelled control for one knob. */
export function ParamControl({ testId, spec, value, onCommit, onCheck, deferred, disabled }: ParamControlProps) {
  const [error, setError] = useState<string | null>(null);
  const apply = (v: ParamValue): void => setError(onCommit(v)[0] ?? null);
  return (
    <div className={`param param--${spec.kind}`}>
      {spec.kind === 'boolean' ? (
        <label className="param__check" title={spec.help}>
          <input type="checkbox" data-testid={testId} checked={value === true} disabled={disabled} onChange={(e) => apply(e.target.checked)} />
          <span>{spec.label}</span>
        </label>
      ) : (
        <label className="param__label" title={spec.help} htmlFor={testId}>
          {spec.label}
          {spec.help && <span className="param__help">{spec.help}</span>}
        </label>
      )}
      {spec.kind === 'number' && (
        <NumberInput
          testId={testId}
          spec={spec}
          value={typeof value === 'number' ? value : spec.default}
          onCommit={onCommit}
          onCheck={onCheck}
          deferred={deferred}
          disabled={disabled}
        />
      )}
      {spec.kind === 'choice' && (
        <select id={testId} data-testid={testId} value={String(value)} disabled={disabled} onChange={(e) => apply(e.target.value)}>
          {spec.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
      {error && spec.kind !== 'number' && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
