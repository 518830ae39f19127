/**
 * Words for a run: the default name the library gives it from its config ("SimSiam,
 * stop-gradient off, shapes16, seed 1"), and what a saved run changes relative to the main
 * run ("seed 2", "CorInfoMax on"), the legend label of a pinned run. Unknown ids (a run
 * imported from a newer version) are named by their id. Pure.
 */
import type { Catalog } from '../catalog';
import { NORM_CHOICES, RUN_PARAMS, type RunConfig } from '../config';

/** The run knobs a comparison names (the stop step, metrics cadence and backend do not change what a run learns). */
const COMPARED_RUN_PARAMS = ['seed', 'width', 'depth', 'embedDim', 'lr', 'batchSize'] as const;

/** A label with its first letter in lower case ("Stop-gradient" -> "stop-gradient"), acronyms kept ("EMA"). */
function lowerFirst(label: string): string {
  return /^[A-Z][a-z]/.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label;
}

function termLabel(catalog: Catalog | null, id: string): string {
  return catalog?.terms.find((t) => t.id === id)?.label ?? id;
}

/** The boolean knobs of `termId` in `config`, with their labels and values (defaults when unset). */
function booleanKnobs(config: RunConfig, catalog: Catalog | null, termId: string): { knob: string; label: string; value: boolean; isDefault: boolean }[] {
  const spec = catalog?.terms.find((t) => t.id === termId);
  if (!spec) return [];
  const set = Object.hasOwn(config.params, termId) ? config.params[termId]! : {};
  return Object.entries(spec.params).flatMap(([knob, p]) => {
    if (p.kind !== 'boolean') return [];
    const value = Object.hasOwn(set, knob) && typeof set[knob] === 'boolean' ? set[knob] : p.default;
    return [{ knob, label: lowerFirst(p.label), value, isDefault: value === p.default }];
  });
}

const onOff = (label: string, on: boolean): string => `${label} ${on ? 'on' : 'off'}`;

/** The default name of a run: its objective and methods, its switched knobs, its dataset and seed. */
export function defaultRunName(config: RunConfig, catalog: Catalog | null): string {
  const terms = [config.objective, ...config.methods];
  const loss = [termLabel(catalog, config.objective), ...config.methods.map((m) => termLabel(catalog, m))].join(' + ');
  const knobs = terms.flatMap((t) => booleanKnobs(config, catalog, t).filter((k) => !k.isDefault).map((k) => onOff(k.label, k.value)));
  return [loss, ...knobs, config.dataset, `seed ${config.seed}`].join(', ');
}

/** What `other` changes relative to `base`, in short phrases ("CorInfoMax on", "seed 2"); empty when they learn alike. */
export function configDifference(base: RunConfig, other: RunConfig, catalog: Catalog | null): string[] {
  const out: string[] = [];
  if (other.task !== base.task) out.push(other.task === 'ssl' ? 'self-supervised' : 'supervised');
  if (other.objective !== base.objective) out.push(termLabel(catalog, other.objective));
  for (const m of other.methods) if (!base.methods.includes(m)) out.push(onOff(termLabel(catalog, m), true));
  for (const m of base.methods) if (!other.methods.includes(m)) out.push(onOff(termLabel(catalog, m), false));
  for (const term of [other.objective, ...other.methods]) {
    if (term !== base.objective && !base.methods.includes(term)) continue;
    const before = booleanKnobs(base, catalog, term);
    for (const k of booleanKnobs(other, catalog, term)) if (before.find((b) => b.knob === k.knob)?.value !== k.value) out.push(onOff(k.label, k.value));
  }
  for (const field of ['norm', 'headNorm'] as const) {
    if (other[field] === base[field]) continue;
    const label = NORM_CHOICES[field].options.find((o) => o.value === other[field])?.label.toLowerCase() ?? other[field];
    out.push(`${label} (${field === 'norm' ? 'backbone' : 'heads'})`);
  }
  if (other.dataset !== base.dataset) out.push(other.dataset);
  if (other.model !== base.model) out.push(other.model);
  if (other.optimizer !== base.optimizer) out.push(other.optimizer);
  for (const k of COMPARED_RUN_PARAMS) if (other[k] !== base[k]) out.push(`${lowerFirst(RUN_PARAMS[k].label)} ${other[k]}`);
  return out;
}

/** At most this many differences make a legend label; more, and the run's name says it better. */
const MAX_LABEL_DIFFERENCES = 2;

/** The legend label of a saved run drawn beside the main one: its difference when short, else its name. */
export function comparisonLabel(base: RunConfig, saved: { name: string; config: RunConfig; renamed: boolean }, catalog: Catalog | null): string {
  if (saved.renamed) return saved.name;
  const diff = configDifference(base, saved.config, catalog);
  return diff.length > 0 && diff.length <= MAX_LABEL_DIFFERENCES ? diff.join(', ') : saved.name;
}
