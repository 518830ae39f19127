/**
 * A twin run is the main run with one toggle flipped: a method switched on or off, a
 * boolean knob of the objective (SimSiam's stop-gradient or predictor), or the
 * normalisation. A flip is plain data, so presets declare their control run with one and a
 * link can carry it; `applyFlip` derives the twin's config from the main one, so the twin
 * follows every other change the user makes. Pure: no tfjs, no DOM.
 */
import { z } from '../util/zod';
import { canBeObjective, type Catalog } from '../catalog';
import { NORM_CHOICES, type RunConfig } from '../config';
import { NORM_KINDS } from '../models/normalization';
import { hasParam } from '../params';

/** The flips a twin can have. */
export const flipShape = z.discriminatedUnion('kind', [
  /** Switch this method on if the main run has it off, off if on. */
  z.object({ kind: z.literal('method'), id: z.string().min(1) }),
  /** Give a boolean knob of a term the opposite value. */
  z.object({ kind: z.literal('knob'), term: z.string().min(1), knob: z.string().min(1) }),
  /** Use another normalisation in the backbone or the heads. */
  z.object({ kind: z.literal('norm'), field: z.enum(['norm', 'headNorm']), value: z.enum(NORM_KINDS) }),
  /** Use another objective. */
  z.object({ kind: z.literal('objective'), id: z.string().min(1) }),
]);

/** One flip. */
export type Flip = z.infer<typeof flipShape>;

/** The value a boolean knob has in `config` (its default when unset). */
function knobValue(config: RunConfig, catalog: Catalog, term: string, knob: string): boolean | null {
  const spec = catalog.terms.find((t) => t.id === term);
  if (!spec || !hasParam(spec.params, knob)) return null;
  const p = spec.params[knob]!;
  if (p.kind !== 'boolean') return null;
  const set = Object.hasOwn(config.params, term) ? config.params[term]![knob] : undefined;
  return typeof set === 'boolean' ? set : p.default;
}

/** The twin's config: `config` with `flip` applied. */
export function applyFlip(config: RunConfig, flip: Flip, catalog: Catalog): RunConfig {
  switch (flip.kind) {
    case 'method': {
      const on = config.methods.includes(flip.id);
      return { ...config, methods: on ? config.methods.filter((m) => m !== flip.id) : [...config.methods, flip.id] };
    }
    case 'knob': {
      const value = knobValue(config, catalog, flip.term, flip.knob);
      if (value === null) return config;
      return { ...config, params: { ...config.params, [flip.term]: { ...config.params[flip.term], [flip.knob]: !value } } };
    }
    case 'norm':
      return { ...config, [flip.field]: flip.value };
    case 'objective':
      return { ...config, objective: flip.id, methods: config.methods.filter((m) => m !== flip.id) };
  }
}

/** Labels of the two sides of a flip, main first ("CorInfoMax on" / "CorInfoMax off"). */
export function flipLabels(config: RunConfig, flip: Flip, catalog: Catalog): [string, string] {
  const label = (id: string): string => catalog.terms.find((t) => t.id === id)?.label ?? id;
  switch (flip.kind) {
    case 'method': {
      const on = config.methods.includes(flip.id);
      return on ? [`${label(flip.id)} on`, `${label(flip.id)} off`] : [`${label(flip.id)} off`, `${label(flip.id)} on`];
    }
    case 'knob': {
      const term = catalog.terms.find((t) => t.id === flip.term);
      const name = term && hasParam(term.params, flip.knob) ? term.params[flip.knob]!.label : flip.knob;
      const value = knobValue(config, catalog, flip.term, flip.knob);
      return value ? [`${name} on`, `${name} off`] : [`${name} off`, `${name} on`];
    }
    case 'norm': {
      const spec = NORM_CHOICES[flip.field];
      const name = (v: string): string => spec.options.find((o) => o.value === v)?.label.toLowerCase() ?? v;
      const where = flip.field === 'norm' ? 'backbone' : 'heads';
      return [`${name(config[flip.field])} (${where})`, `${name(flip.value)} (${where})`];
    }
    case 'objective':
      return [label(config.objective), label(flip.id)];
  }
}

/**
 * The flips that make sense for `config`: each method that can run (on or off), each
 * boolean knob of the objective, the other normalisations, and the other objectives of the
 * task. The first ones are the classic lessons (a method, the stop-gradient, the predictor).
 */
export function availableFlips(config: RunConfig, catalog: Catalog, usable: (termId: string) => boolean): Flip[] {
  const flips: Flip[] = [];
  for (const t of catalog.terms) if (t.role === 'method' && t.id !== config.objective && (config.methods.includes(t.id) || usable(t.id))) flips.push({ kind: 'method', id: t.id });
  const objective = catalog.terms.find((t) => t.id === config.objective);
  if (objective) for (const [knob, p] of Object.entries(objective.params)) if (p.kind === 'boolean') flips.push({ kind: 'knob', term: objective.id, knob });
  for (const field of ['norm', 'headNorm'] as const) for (const value of NORM_KINDS) if (value !== config[field]) flips.push({ kind: 'norm', field, value });
  for (const t of catalog.terms) if (canBeObjective(t) && t.id !== config.objective && t.tasks.includes(config.task) && usable(t.id)) flips.push({ kind: 'objective', id: t.id });
  return flips;
}
