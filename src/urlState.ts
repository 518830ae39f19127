/**
 * The run config in the page address: a compact, readable query string that holds only
 * what differs from the defaults (`?d=shapes&obj=vicreg&on=sim,imsvd&lr=0.01&p.sim.beta=0.005`),
 * and its decoder. A malformed link never throws: the decoder keeps every valid part and
 * lists what it ignored in sentences a user can act on. Beside the config, a link carries the
 * view around the run (VIEW_KEYS: an open lesson and its step, hidden controls, presenter
 * mode, the twins trained beside the run), read by decodeViewState. Pure: no DOM, no tfjs.
 */
import { canBeObjective, type Catalog, type TermSpec } from './catalog';
import { flipShape, type Flip } from './compare/flip';
import { BACKENDS, DEFAULT_CONFIG, RUN_PARAMS, validateConfig, type RunConfig, type RunParamName } from './config';
import { parseDecimal } from './decimalText';
import { NORM_KINDS } from './models/normalization';
import { checkValue, hasParam, type ParamSpec, type ParamValue, type ParamValues } from './params';
import { usableObjectives } from './usableObjectives';
import { isUserDatasetId } from './data/import/storedDataset';
import { quoted, quotedList } from './userText';

/** Query key of each config field, in the order they are written. */
export const URL_KEYS = {
  dataset: 'd',
  model: 'm',
  width: 'w',
  depth: 'depth',
  embedDim: 'dim',
  norm: 'norm',
  headNorm: 'hnorm',
  task: 'task',
  objective: 'obj',
  methods: 'on',
  optimizer: 'opt',
  lr: 'lr',
  batchSize: 'bs',
  metricsEvery: 'every',
  stopAt: 'stop',
  seed: 'seed',
  backend: 'backend',
} as const satisfies Record<keyof Omit<RunConfig, 'params'>, string>;

/** Query key of the link format version. */
export const VERSION_KEY = 'v';

/**
 * The link format written today. A link holds only what differs from the defaults of its
 * format, so when a default changes the format version goes up and the old defaults are
 * kept below: a link made before still opens the run it described.
 */
export const LINK_VERSION = 2;

/** The defaults of format 1 (links without `v`, made before normalisation and stop steps existed). */
const FORMAT_1_DEFAULTS: RunConfig = {
  seed: 1,
  dataset: 'shapes',
  model: 'cnn',
  width: 16,
  depth: 2,
  embedDim: 32,
  norm: 'none',
  headNorm: 'none',
  task: 'ssl',
  objective: 'vicreg',
  methods: [],
  params: {},
  optimizer: 'adam',
  lr: 0.003,
  batchSize: 64,
  metricsEvery: 5,
  stopAt: 0,
  backend: 'auto',
};

/** The defaults each link format was written against, by version. */
export const FORMAT_DEFAULTS: Readonly<Record<number, RunConfig>> = { 1: FORMAT_1_DEFAULTS, [LINK_VERSION]: DEFAULT_CONFIG };

/** Prefix of a term knob key: `p.<termId>.<knob>`. */
export const PARAM_PREFIX = 'p.';

/** Query keys of the view around the run (not part of the run config). */
export const VIEW_KEYS = { lesson: 'lesson', lessonStep: 'step', hide: 'hide', present: 'present', twins: 'twin' } as const;

const VIEW_KEY_SET: ReadonlySet<string> = new Set(Object.values(VIEW_KEYS));

/** The controls a classroom link can hide (`hide=model,methods`), as TF Playground's `_hide` properties do. */
export const HIDE_TARGETS = ['dataset', 'model', 'task', 'methods', 'library', 'compare', 'presets', 'lessons'] as const;

/** One control a link can hide. */
export type HideTarget = (typeof HIDE_TARGETS)[number];

/** What the page shows around the run, as a link carries it. */
export interface ViewState {
  /** The open lesson's id, or null. */
  lesson: string | null;
  /** The lesson step shown, counted from 1 as the learner reads it. */
  lessonStep: number;
  hide: HideTarget[];
  /** Presenter mode: larger charts and text for a projector. */
  present: boolean;
  /** The twins trained beside the run, by their flip. */
  twins: Flip[];
}

/** The view of a link that says nothing about it. */
export const DEFAULT_VIEW: ViewState = { lesson: null, lessonStep: 1, hide: [], present: false, twins: [] };

/** The highest lesson step a link may name. */
export const MAX_LESSON_STEP = 999;

/** What a link's view decodes to, and a sentence for each part that was ignored. */
export interface DecodedView {
  view: ViewState;
  errors: string[];
}

/** What a link decodes to: the valid parts, and a sentence for each part that was ignored. */
export interface DecodedLink {
  config: Partial<RunConfig>;
  errors: string[];
}

/** A config rebuilt from a link over a base config, with what had to be dropped. */
export interface ResolvedLink {
  config: RunConfig;
  errors: string[];
}

type FieldName = keyof typeof URL_KEYS;

const FIELD_BY_KEY: ReadonlyMap<string, FieldName> = new Map(
  (Object.entries(URL_KEYS) as [FieldName, string][]).map(([field, key]) => [key, field]),
);

/** Parses a finite decimal number strictly (no hex, no empty string, no trailing junk, no overflow). */
function parseNumber(text: string): number | null {
  const n = parseDecimal(text);
  return n !== null && Number.isFinite(n) ? n : null;
}

/** Escapes a query value but keeps commas and dots readable. */
function escapeValue(text: string): string {
  return encodeURIComponent(text).replace(/%2C/gi, ',');
}

function formatValue(value: ParamValue): string {
  return typeof value === 'number' ? String(value) : typeof value === 'boolean' ? String(value) : value;
}

/** A flip as a link writes it: `method:<id>`, `knob:<term>:<knob>`, `norm:<norm|headNorm>:<kind>` or `objective:<id>`. */
export function flipToText(flip: Flip): string {
  switch (flip.kind) {
    case 'method':
      return `method:${flip.id}`;
    case 'knob':
      return `knob:${flip.term}:${flip.knob}`;
    case 'norm':
      return `norm:${flip.field}:${flip.value}`;
    case 'objective':
      return `objective:${flip.id}`;
  }
}

/** The query parts of a view (none for the default view). */
function encodeViewParts(view: ViewState): string[] {
  const parts: string[] = [];
  if (view.lesson !== null) {
    parts.push(`${VIEW_KEYS.lesson}=${escapeValue(view.lesson)}`);
    if (view.lessonStep !== DEFAULT_VIEW.lessonStep) parts.push(`${VIEW_KEYS.lessonStep}=${view.lessonStep}`);
  }
  if (view.hide.length > 0) parts.push(`${VIEW_KEYS.hide}=${view.hide.join(',')}`);
  if (view.present) parts.push(`${VIEW_KEYS.present}=1`);
  if (view.twins.length > 0) parts.push(`${VIEW_KEYS.twins}=${view.twins.map((f) => escapeValue(flipToText(f)).replace(/%3A/gi, ':')).join(',')}`);
  return parts;
}

/**
 * Encodes a config (and the view around it, when given) as a query string (with its leading
 * `?`, or '' when everything is default). Only fields that differ from DEFAULT_CONFIG are
 * written; with a catalog, term knobs left at their default are dropped too.
 */
export function encodeUrlState(config: RunConfig, catalog?: Catalog, view?: ViewState): string {
  const parts: string[] = [];
  for (const field of Object.keys(URL_KEYS) as FieldName[]) {
    const key = URL_KEYS[field];
    if (field === 'methods') {
      const same = config.methods.length === DEFAULT_CONFIG.methods.length && config.methods.every((m, i) => m === DEFAULT_CONFIG.methods[i]);
      if (!same) parts.push(`${key}=${config.methods.map(escapeValue).join(',')}`);
      continue;
    }
    const value = config[field];
    if (value !== DEFAULT_CONFIG[field]) parts.push(`${key}=${escapeValue(formatValue(value))}`);
  }
  for (const [termId, values] of Object.entries(config.params)) {
    const term = catalog?.terms.find((t) => t.id === termId);
    for (const [knob, value] of Object.entries(values)) {
      if (term && hasParam(term.params, knob) && term.params[knob]!.default === value) continue;
      parts.push(`${PARAM_PREFIX}${escapeValue(termId)}.${escapeValue(knob)}=${escapeValue(formatValue(value))}`);
    }
  }
  if (view) parts.push(...encodeViewParts(view));
  return parts.length > 0 ? `?${VERSION_KEY}=${LINK_VERSION}&${parts.join('&')}` : '';
}

/**
 * The format version of a query (absent means 1 when the link has any setting) and the
 * fields whose old default differs from today's, which the link means without saying.
 */
function formatOf(query: URLSearchParams, errors: string[]): { version: number; implied: Partial<RunConfig> } {
  const text = query.get(VERSION_KEY);
  let version = text === null ? 1 : Number(text);
  if (text !== null && !(Number.isInteger(version) && Object.hasOwn(FORMAT_DEFAULTS, version))) {
    errors.push(`Link setting ${VERSION_KEY}=${quoted(text)}: this app reads link formats 1 to ${LINK_VERSION}; the link was read as format ${LINK_VERSION}, so settings it leaves out take today's defaults.`);
    version = LINK_VERSION;
  }
  const old = FORMAT_DEFAULTS[version]!;
  const implied: Partial<RunConfig> = {};
  for (const field of Object.keys(URL_KEYS) as FieldName[]) {
    if (JSON.stringify(old[field]) !== JSON.stringify(DEFAULT_CONFIG[field])) Object.assign(implied, { [field]: old[field] });
  }
  return { version, implied };
}

/** Reads a knob value by its spec (when known) or by its look (true/false, number, text). */
function readParamValue(text: string, spec: ParamSpec | undefined): { value: ParamValue } | { error: string } {
  if (!spec) {
    if (text === 'true' || text === 'false') return { value: text === 'true' };
    const n = parseNumber(text);
    return { value: n ?? text };
  }
  switch (spec.kind) {
    case 'number': {
      const n = parseNumber(text);
      return n === null ? { error: `${quoted(text)} is not a number` } : { value: n };
    }
    case 'boolean':
      if (text === 'true' || text === '1') return { value: true };
      if (text === 'false' || text === '0') return { value: false };
      return { error: `${quoted(text)} is not true or false` };
    case 'choice':
      return { value: text };
  }
}

/** Decodes one `p.<term>.<knob>` entry into `params`, or returns why it was ignored. */
function decodeParam(key: string, text: string, params: Record<string, ParamValues>, catalog: Catalog | undefined): string | null {
  const rest = key.slice(PARAM_PREFIX.length);
  const dot = rest.indexOf('.');
  const termId = dot > 0 ? rest.slice(0, dot) : '';
  const knob = dot > 0 ? rest.slice(dot + 1) : '';
  if (!termId || !knob) return `Link setting ${quoted(key)} should look like p.<method>.<setting>=value; ignored.`;
  let spec: ParamSpec | undefined;
  let term: TermSpec | undefined;
  if (catalog) {
    term = catalog.terms.find((t) => t.id === termId);
    if (!term) return `Link setting ${quoted(key)}: there is no method or objective ${quoted(termId)}; ignored.`;
    spec = hasParam(term.params, knob) ? term.params[knob] : undefined;
    if (!spec) {
      const known = Object.keys(term.params);
      return `Link setting ${quoted(key)}: ${term.label} has no setting ${quoted(knob)}${known.length ? ` (it has ${known.join(', ')})` : ''}; ignored.`;
    }
  }
  const read = readParamValue(text, spec);
  if ('error' in read) return `Link setting ${quoted(key)}: ${read.error}; ignored.`;
  if (spec) {
    const err = checkValue(knob, spec, read.value);
    if (err) return `Link setting ${quoted(key)}: ${err} Ignored.`;
  }
  params[termId] = { ...params[termId], [knob]: read.value };
  return null;
}

/** Decodes one run-level field into `out`, or returns why it was ignored. */
function decodeField(field: FieldName, key: string, text: string, out: Partial<RunConfig>, catalog: Catalog | undefined): string | null {
  const bad = (why: string): string => `Link setting ${quoted(`${key}=${text}`)}: ${why}; ignored.`;
  switch (field) {
    case 'methods': {
      const ids = text.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
      const kept: string[] = [];
      const unknown: string[] = [];
      for (const id of ids) {
        if (catalog && !catalog.terms.some((t) => t.id === id && t.role === 'method')) unknown.push(id);
        else if (!kept.includes(id)) kept.push(id);
      }
      out.methods = kept;
      if (unknown.length === 0) return null;
      const known = catalog?.terms.filter((t) => t.role === 'method').map((t) => t.id) ?? [];
      return `Link setting ${quoted(key)}: unknown method${unknown.length > 1 ? 's' : ''} ${quotedList(unknown)} (known: ${known.join(', ')}); ${unknown.length > 1 ? 'they were' : 'it was'} left out.`;
    }
    case 'dataset':
    case 'model':
    case 'objective': {
      if (text === '') return bad('the value is empty');
      if (catalog) {
        const known =
          field === 'dataset' ? catalog.datasets.map((d) => d.id) : field === 'model' ? catalog.models.map((m) => m.id) : catalog.terms.filter(canBeObjective).map((t) => t.id);
        if (field === 'dataset' && isUserDatasetId(text) && !known.includes(text)) {
          return bad('that dataset was imported on the sender\'s machine and stays there (imported data never leaves the browser); the Dataset panel offers to import the same files here');
        }
        if (!known.includes(text)) return bad(`unknown ${field} (known: ${known.join(', ')})`);
      }
      out[field] = text;
      return null;
    }
    case 'task':
      if (text !== 'ssl' && text !== 'supervised') return bad('the task is ssl or supervised');
      out.task = text;
      return null;
    case 'norm':
    case 'headNorm': {
      const found = NORM_KINDS.find((k) => k === text);
      if (!found) return bad(`the normalisation is one of ${NORM_KINDS.join(', ')}`);
      out[field] = found;
      return null;
    }
    case 'optimizer':
      if (text !== 'adam' && text !== 'sgd') return bad('the optimizer is adam or sgd');
      out.optimizer = text;
      return null;
    case 'backend': {
      const options = ['auto', ...BACKENDS] as const;
      const found = options.find((b) => b === text);
      if (!found) return bad(`the backend is one of ${options.join(', ')}`);
      out.backend = found;
      return null;
    }
    default: {
      const name: RunParamName = field;
      const n = parseNumber(text);
      if (n === null) return bad(`${RUN_PARAMS[name].label} must be a number`);
      const err = checkValue(name, RUN_PARAMS[name], n);
      if (err) return bad(err.replace(/\.$/, ''));
      out[name] = n;
      return null;
    }
  }
}

/**
 * Decodes a query string (with or without `?`) into the valid parts of a config and a
 * sentence for every part that was ignored: unknown keys, bad numbers, out-of-range
 * values, unknown enum values, repeated keys. With a catalog it also checks dataset,
 * model, objective and method ids and types every term knob by its spec.
 */
export function decodeUrlState(search: string, catalog?: Catalog): DecodedLink {
  const query = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const config: Partial<RunConfig> = {};
  const params: Record<string, ParamValues> = {};
  const errors: string[] = [];
  const seen = new Set<string>();
  // A link that only opens a view (a lesson, say) holds no settings, so it implies no old defaults.
  const { implied } = [...query.keys()].some((k) => !VIEW_KEY_SET.has(k)) ? formatOf(query, errors) : { implied: {} };
  for (const [key, text] of query) {
    if (key === VERSION_KEY || VIEW_KEY_SET.has(key)) continue;
    if (seen.has(key)) {
      errors.push(`Link setting ${quoted(key)} appears more than once; the first value is used.`);
      continue;
    }
    seen.add(key);
    let err: string | null;
    if (key.startsWith(PARAM_PREFIX)) err = decodeParam(key, text, params, catalog);
    else {
      const field = FIELD_BY_KEY.get(key);
      err = field
        ? decodeField(field, key, text, config, catalog)
        : `Unknown link setting ${quoted(key)} (known: ${[...Object.values(URL_KEYS), ...VIEW_KEY_SET].join(', ')}, p.<method>.<setting>); ignored.`;
    }
    if (err) errors.push(err);
  }
  if (Object.keys(params).length > 0) config.params = params;
  return { config: { ...implied, ...config }, errors };
}

/** Reads one flip of a `twin=` list, checked against the catalog when given; returns the flip or why not. */
function decodeFlip(text: string, catalog: Catalog | undefined): Flip | string {
  const parts = text.split(':');
  if (!parts.every((p) => /^[A-Za-z]\w*$/.test(p))) return 'a twin looks like method:<id>, knob:<term>:<knob>, norm:<norm|headNorm>:<kind> or objective:<id>';
  const [kind, a, b] = parts;
  const candidate = parts.length === 2 ? (kind === 'method' || kind === 'objective' ? { kind, id: a } : null) : parts.length === 3 ? (kind === 'knob' ? { kind, term: a, knob: b } : kind === 'norm' ? { kind, field: a, value: b } : null) : null;
  const parsed = candidate ? flipShape.safeParse(candidate) : null;
  if (!parsed?.success) return kind === 'norm' ? `a normalisation twin is norm:norm or norm:headNorm, then one of ${NORM_KINDS.join(', ')}` : 'a twin looks like method:<id>, knob:<term>:<knob>, norm:<norm|headNorm>:<kind> or objective:<id>';
  const flip = parsed.data;
  if (!catalog) return flip;
  const term = (id: string): TermSpec | undefined => catalog.terms.find((t) => t.id === id);
  switch (flip.kind) {
    case 'method':
      return term(flip.id)?.role === 'method' ? flip : `there is no method ${quoted(flip.id)}`;
    case 'objective': {
      const t = term(flip.id);
      return t && canBeObjective(t) ? flip : `there is no objective ${quoted(flip.id)}`;
    }
    case 'knob': {
      const t = term(flip.term);
      if (!t) return `there is no method or objective ${quoted(flip.term)}`;
      return hasParam(t.params, flip.knob) && t.params[flip.knob]!.kind === 'boolean' ? flip : `${t.label} has no on/off setting ${quoted(flip.knob)}`;
    }
    case 'norm':
      return flip;
  }
}

/** Decodes one view key into `view`, or returns why it was ignored. */
function decodeViewKey(key: string, text: string, view: ViewState, known: { catalog?: Catalog; lessons?: readonly string[] }): string | null {
  const bad = (why: string): string => `Link setting ${quoted(`${key}=${text}`)}: ${why}; ignored.`;
  switch (key) {
    case VIEW_KEYS.lesson:
      if (!/^[a-z0-9][a-z0-9-]*$/.test(text)) return bad('a lesson id is lower-case letters, digits and dashes');
      if (known.lessons && !known.lessons.includes(text)) return bad(`there is no lesson of that name (known: ${known.lessons.join(', ')})`);
      view.lesson = text;
      return null;
    case VIEW_KEYS.lessonStep: {
      const n = parseNumber(text);
      if (n === null || !Number.isInteger(n) || n < 1 || n > MAX_LESSON_STEP) return bad(`a lesson step is a whole number from 1 to ${MAX_LESSON_STEP}`);
      view.lessonStep = n;
      return null;
    }
    case VIEW_KEYS.present:
      if (text !== '1' && text !== '0' && text !== 'true' && text !== 'false') return bad('presenter mode is 1 (on) or 0 (off)');
      view.present = text === '1' || text === 'true';
      return null;
    case VIEW_KEYS.hide: {
      const names = text.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
      const unknown = names.filter((n) => !HIDE_TARGETS.some((t) => t === n));
      view.hide = HIDE_TARGETS.filter((t) => names.includes(t));
      return unknown.length === 0 ? null : `Link setting ${quoted(key)}: cannot hide ${quotedList(unknown)} (it hides ${HIDE_TARGETS.join(', ')}); the rest is hidden.`;
    }
    case VIEW_KEYS.twins: {
      const flips: Flip[] = [];
      const refused: string[] = [];
      for (const part of text.split(',').filter((s) => s.length > 0)) {
        const read = decodeFlip(part, known.catalog);
        if (typeof read === 'string') refused.push(`${quoted(part)} (${read})`);
        else if (!flips.some((f) => flipToText(f) === flipToText(read))) flips.push(read);
      }
      view.twins = flips;
      if (refused.length === 0) return null;
      const shown = refused.slice(0, 3).join('; ');
      return `Link setting ${quoted(key)}: not started: ${shown}${refused.length > 3 ? ` and ${refused.length - 3} more` : ''}.`;
    }
    default:
      return null;
  }
}

/**
 * Decodes the view part of a query (lesson, step, hide, present, twin): the valid parts and
 * a sentence for every part that was ignored. With a catalog it checks the twins' ids and
 * knobs; with the lesson ids, the lesson. Keys of the run config are left to decodeUrlState.
 */
export function decodeViewState(search: string, known: { catalog?: Catalog; lessons?: readonly string[] } = {}): DecodedView {
  const query = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const view: ViewState = { ...DEFAULT_VIEW, hide: [], twins: [] };
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const [key, text] of query) {
    if (!VIEW_KEY_SET.has(key)) continue;
    if (seen.has(key)) {
      errors.push(`Link setting ${quoted(key)} appears more than once; the first value is used.`);
      continue;
    }
    seen.add(key);
    const err = decodeViewKey(key, text, view, known);
    if (err) errors.push(err);
  }
  // A step without any lesson is explained; with a refused lesson, that lesson's sentence says enough.
  if (!seen.has(VIEW_KEYS.lesson) && seen.has(VIEW_KEYS.lessonStep)) {
    errors.push(`Link setting ${quoted(VIEW_KEYS.lessonStep)}: a step belongs to a lesson, and the link opens none; ignored.`);
  }
  if (view.lesson === null) view.lessonStep = DEFAULT_VIEW.lessonStep;
  return { view, errors };
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
      .map(([field, value]) => quoted(`${URL_KEYS[field as FieldName] ?? field}=${Array.isArray(value) ? value.join(',') : String(value)}`))
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
