/**
 * A number knob: a slider (log-scaled when the spec says so) plus a text box. Every
 * value is checked before it is applied; an impossible one is shown in red next to the
 * box and not sent. `deferred` knobs (the ones that rebuild the run) apply when the
 * slider is released or typing pauses, not on every tick.
 */
import { useEffect, useRef, useState } from 'react';
import { parseDecimal } from '../../src/decimalText';
import type { NumberParam } from '../../src/params';
import { sliderScale } from './sliderScale';

/** Props of NumberInput. */
export interface NumberInputProps {
  testId: string;
  spec: NumberParam;
  value: number;
  /** Validates and applies; returns the errors (empty when applied). */
  onCommit(value: number): string[];
  /** Validates only (used while a deferred knob is being edited). */
  onCheck?(value: number): string[];
  deferred?: boolean;
  disabled?: boolean;
}

const TYPING_PAUSE_MS = 700;

/** A slider + text box for one number knob. */
export function NumberInput({ testId, spec, value, onCommit, onCheck, deferred = false, disabled = false }: NumberInputProps) {
  const scale = sliderScale(spec);
  const [text, setText] = useState(String(value));
  const [draft, setDraft] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  // The config changed elsewhere (preset, link, engine): show it.
  if (value !== shown) {
    setShown(value);
    if (parseDecimal(text) !== value) setText(String(value));
    setDraft(null);
    setError(null);
  }

  useEffect(() => () => {
    if (timer.current !== null) clearTimeout(timer.current);
  }, []);

  const check = (v: number): string | null => (deferred && onCheck ? onCheck(v) : [])[0] ?? null;
  const commit = (v: number): void => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    const errs = onCommit(v);
    setError(errs[0] ?? null);
    if (errs.length === 0) setDraft(null);
  };
  const commitDraft = (): void => {
    if (draft !== null) commit(draft);
  };

  const onSlider = (position: number): void => {
    const v = scale.fromSlider(position);
    setText(String(v));
    if (deferred) {
      setDraft(v);
      setError(check(v));
    } else commit(v);
  };

  const onText = (next: string): void => {
    setText(next);
    const v = parseDecimal(next);
    if (v === null) {
      setError(next.trim() === '' ? 'Type a number.' : `"${next}" is not a number.`);
      return;
    }
    if (!deferred) {
      commit(v);
      return;
    }
    setDraft(v);
    const err = check(v);
    setError(err);
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = err ? null : setTimeout(() => commit(v), TYPING_PAUSE_MS);
  };

  const sliderValue = scale.toSlider(draft ?? value);
  // A slider over billions of whole numbers (the seed) helps nobody: box only.
  const showSlider = spec.log === true || (spec.max - spec.min) / (spec.step ?? 1) <= 5000;
  return (
    <span className={`number-input${showSlider ? '' : ' number-input--box'}`}>
      {showSlider && (
        <input
          type="range"
          className="number-input__slider"
          data-testid={`${testId}-slider`}
          aria-label={`${spec.label} slider`}
          min={scale.lo}
          max={scale.hi}
          step={scale.step}
          value={sliderValue}
          disabled={disabled}
          onChange={(e) => onSlider(Number(e.target.value))}
          onPointerUp={commitDraft}
          onKeyUp={commitDraft}
          onBlur={commitDraft}
        />
      )}
      <input
        type="text"
        inputMode="decimal"
        className={`number-input__text${error ? ' is-invalid' : ''}`}
        id={testId}
        data-testid={testId}
        aria-label={spec.label}
        aria-invalid={error !== null}
        value={text}
        disabled={disabled}
        onChange={(e) => onText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commitDraft();
        }}
        onBlur={commitDraft}
      />
      {error && (
        <span className="field-error" role="alert" data-testid={`${testId}-error`}>
          {error}
        </span>
      )}
    </span>
  );
}
