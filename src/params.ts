/**
 * Parameter specs: the typed knobs a loss term, model or run exposes. The UI builds
 * its controls from these and the config validator checks values against them, so a
 * knob is declared once, beside the code that uses it. Pure data: no tfjs here.
 */
import { quoted } from './userText';

/** A numeric knob with an inclusive range. */
export interface NumberParam {
  kind: 'number';
  label: string;
  default: number;
  min: number;
  max: number;
  /** Step of the UI control; integers when `integer` is set. */
  step?: number;
  integer?: boolean;
  /** Draw the UI slider on a log scale (learning rates, small coefficients). */
  log?: boolean;
  help?: string;
}

/** An on/off knob. */
export interface BooleanParam {
  kind: 'boolean';
  label: string;
  default: boolean;
  help?: string;
}

/** One of a fixed set of string options. */
export interface ChoiceParam {
  kind: 'choice';
  label: string;
  default: string;
  options: readonly { value: string; label: string }[];
  help?: string;
}

/** Any knob. */
export type ParamSpec = NumberParam | BooleanParam | ChoiceParam;

/** A knob's value. */
export type ParamValue = number | boolean | string;

/** The knobs of one thing, keyed by name. */
export type ParamSpecs = Record<string, ParamSpec>;

/** Values for a set of knobs, keyed by name. */
export type ParamValues = Record<string, ParamValue>;

/** The type of one knob's value: a number, a boolean, or one of a choice's option values. */
export type ValueOf<S extends ParamSpec> = S extends NumberParam
  ? number
  : S extends BooleanParam
    ? boolean
    : S extends { kind: 'choice'; options: readonly { value: infer V }[] }
      ? V
      : never;

/**
 * The typed values of a set of knobs (declare the specs `as const satisfies ParamSpecs`):
 * `ValuesOf<typeof PARAMS>` gives each term its own knobs, defaulted, with no casts.
 */
export type ValuesOf<P extends ParamSpecs> = { [K in keyof P]: ValueOf<P[K]> };

/** True when `name` is one of `specs`' own knobs (never an inherited property such as `constructor`). */
export function hasParam(specs: ParamSpecs, name: string): boolean {
  return Object.hasOwn(specs, name);
}

/** The default values of a set of knobs. */
export function defaultValues<P extends ParamSpecs>(specs: P): ValuesOf<P> {
  const out: ParamValues = {};
  for (const [name, spec] of Object.entries(specs)) out[name] = spec.default;
  return out as ValuesOf<P>;
}

/**
 * Checks one value against its spec. Returns an error sentence a user can act on,
 * or null when the value is acceptable.
 */
export function checkValue(name: string, spec: ParamSpec, value: unknown): string | null {
  switch (spec.kind) {
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return `${spec.label} (${name}) must be a finite number, got ${quoted(String(value))}.`;
      if (value < spec.min || value > spec.max) return `${spec.label} (${name}) must be between ${spec.min} and ${spec.max}, got ${value}.`;
      if (spec.integer && !Number.isInteger(value)) return `${spec.label} (${name}) must be a whole number, got ${value}.`;
      return null;
    }
    case 'boolean':
      return typeof value === 'boolean' ? null : `${spec.label} (${name}) must be true or false, got ${quoted(String(value))}.`;
    case 'choice':
      return spec.options.some((o) => o.value === value)
        ? null
        : `${spec.label} (${name}) must be one of ${spec.options.map((o) => o.value).join(', ')}, got ${quoted(String(value))}.`;
  }
}

/**
 * Fills missing values with defaults and validates the rest. Unknown keys are errors,
 * so a typo in a shared link is reported instead of silently ignored.
 */
export function resolveValues<P extends ParamSpecs>(specs: P, values: Partial<ParamValues> | undefined, where: string): { values: ValuesOf<P>; errors: string[] } {
  const out: ParamValues = defaultValues(specs);
  const errors: string[] = [];
  for (const [name, value] of Object.entries(values ?? {})) {
    const spec = hasParam(specs, name) ? specs[name] : undefined;
    if (!spec) {
      errors.push(`${where}: unknown setting ${quoted(name)}.`);
      continue;
    }
    const err = checkValue(name, spec, value);
    if (err) errors.push(`${where}: ${err}`);
    else out[name] = value as ParamValue;
  }
  // Every key of `specs` holds a value its spec accepts: defaulted above, checked here.
  return { values: out as ValuesOf<P>, errors };
}
