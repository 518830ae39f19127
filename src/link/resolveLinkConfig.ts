/**
 * A link's config checked against the catalog: the parts of a decoded link
 * (src/link/urlState.ts) that validate are kept over a base config, each part that does not is
 * dropped with a sentence; and the catalog-free part the engine can start with before it has
 * sent its catalog. Pure: no DOM, no tfjs.
 */
import type { Catalog } from '../catalog';
import { DEFAULT_CONFIG, validateConfig, type RunConfig } from '../config';
import type { ParamValues } from '../params';
import { usableObjectives } from '../usableObjectives';
import { quoted } from '../userText';
import { URL_KEYS } from './urlState';

/** A config rebuilt from a link over a base config, with what had to be dropped. */
export interface ResolvedLink {
  config: RunConfig;
  errors: string[];
}

/**
 * Fields whose link values the decoder fully checks without a catalog (ranges and enums
 * only). Together over valid defaults they always make a valid config, so the engine can
 * be started with them before it has sent its catalog.
 */
export const CATALOG_FREE_FIELDS = ['backend', 'seed', 'width', 'depth', 'embedDim', 'norm', 'headNorm', 'optimizer', 'lr', 'batchSize', 'metricsEvery', 'stopAt'] as const;

/** The part of decoded link values that needs no catalog to be trusted. */
export function catalogFreePart(link: Partial<RunConfig>): Partial<RunConfig> {
  const out: Partial<RunConfig> = {};
  for (const field of CATALOG_FREE_FIELDS) if (link[field] !== undefined) Object.assign(out, { [field]: link[field] });
  return out;
}

/** Merges decoded parts over a base config without any catalog check (before the engine is ready). */
export function mergeLinkConfig(base: RunConfig, link: Partial<RunConfig>): RunConfig {
  const params: Record<string, ParamValues> = { ...base.params };
  for (const [id, values] of Object.entries(link.params ?? {})) params[id] = { ...params[id], ...values };
  return { ...base, ...link, methods: [...(link.methods ?? base.methods)], params };
}

/**
 * Rebuilds a full config from decoded link parts over `base`, keeping every part that
 * validates against the catalog and dropping, with a sentence, the parts that do not
 * (a method unusable for the task, a model that cannot take the dataset, ...). Parts are
 * tried in dependency order: run knobs, dataset with model, task with objective, each
 * method, each term knob.
 */
export function resolveLinkConfig(link: Partial<RunConfig>, catalog: Catalog, base: RunConfig = DEFAULT_CONFIG): ResolvedLink {
  const errorsOf = (c: RunConfig): Set<string> => {
    const r = validateConfig(c, catalog);
    return new Set(r.ok ? [] : r.errors);
  };
  const baseCheck = validateConfig(base, catalog);
  let current: RunConfig = baseCheck.ok ? baseCheck.config : base;
  let currentErrors = errorsOf(current);
  const errors: string[] = [];
  /** Applies a patch when it adds no new validation error; otherwise returns the new errors. */
  const attempt = (patch: Partial<RunConfig>): string[] => {
    const candidate = { ...current, ...patch };
    const r = validateConfig(candidate, catalog);
    const found = r.ok ? [] : r.errors;
    const added = found.filter((e) => !currentErrors.has(e));
    if (added.length > 0) return added;
    current = r.ok ? r.config : candidate;
    currentErrors = new Set(found);
    return [];
  };
  const describe = (patch: Partial<RunConfig>): string =>
    Object.entries(patch)
      .map(([field, value]) => quoted(`${URL_KEYS[field as keyof typeof URL_KEYS] ?? field}=${Array.isArray(value) ? value.join(',') : String(value)}`))
      .join('&');
  const tryOrReport = (patch: Partial<RunConfig>): boolean => {
    const added = attempt(patch);
    if (added.length > 0) errors.push(`Ignored ${describe(patch)}: ${added.join(' ')}`);
    return added.length === 0;
  };
  const pick = <K extends keyof RunConfig>(keys: readonly K[]): Partial<RunConfig> => {
    const out: Partial<RunConfig> = {};
    for (const k of keys) if (link[k] !== undefined) out[k] = link[k];
    return out;
  };

  for (const field of CATALOG_FREE_FIELDS) {
    if (link[field] !== undefined) tryOrReport({ [field]: link[field] });
  }
  const dataModel = pick(['dataset', 'model'] as const);
  if (Object.keys(dataModel).length > 0 && attempt(dataModel).length > 0) {
    for (const [k, v] of Object.entries(dataModel)) tryOrReport({ [k]: v });
  }
  const taskObjective = pick(['task', 'objective'] as const);
  if (Object.keys(taskObjective).length > 0 && attempt(taskObjective).length > 0) {
    const task = link.task;
    if (task !== undefined && attempt({ task }).length > 0) {
      // The task may need another objective than the current one: take the first that fits.
      const fallbacks = usableObjectives(catalog, { ...current, task });
      if (!fallbacks.some((t) => attempt({ task, objective: t.id }).length === 0)) tryOrReport({ task });
    }
    if (link.objective !== undefined && current.objective !== link.objective) tryOrReport({ objective: link.objective });
  }
  if (link.methods !== undefined && attempt({ methods: [...link.methods] }).length > 0) {
    current = { ...current, methods: [] };
    currentErrors = errorsOf(current);
    for (const id of link.methods) {
      if (current.methods.includes(id)) continue;
      const added = attempt({ methods: [...current.methods, id] });
      if (added.length > 0) errors.push(`Left out method ${quoted(id)}: ${added.join(' ')}`);
    }
  }
  for (const [termId, values] of Object.entries(link.params ?? {})) {
    for (const [knob, value] of Object.entries(values)) {
      const params = { ...current.params, [termId]: { ...current.params[termId], [knob]: value } };
      const added = attempt({ params });
      if (added.length > 0) errors.push(`Ignored ${quoted(`p.${termId}.${knob}=${String(value)}`)}: ${added.join(' ')}`);
    }
  }
  return { config: current, errors };
}
