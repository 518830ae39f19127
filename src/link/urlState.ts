/**
 * The run config in the page address: a compact, readable query string that holds only
 * what differs from the defaults (`?d=shapes&obj=vicreg&on=sim,imsvd&lr=0.01&p.sim.beta=0.005`),
 * and its decoder. A malformed link never throws: the decoder keeps every valid part and
 * lists what it ignored in sentences a user can act on. Beside the config, a link carries the
 * view around the run (src/link/viewState.ts); a decoded config is checked against the catalog
 * by src/link/resolveLinkConfig.ts. Pure: no DOM, no tfjs.
 */
import { canBeObjective, type Catalog, type TermSpec } from '../catalog';
import { BACKENDS, DEFAULT_CONFIG, RUN_PARAMS, type RunConfig, type RunParamName } from '../config';
import { isUserDatasetId } from '../data/import/storedDataset';
import { NORM_KINDS } from '../models/normalization';
import { checkValue, hasParam, type ParamSpec, type ParamValue, type ParamValues } from '../params';
import { quoted, quotedList } from '../userText';
import { escapeValue, parseNumber } from './queryText';
import { encodeViewParts, VIEW_KEY_SET, type ViewState } from './viewState';

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

/** What a link decodes to: the valid parts, and a sentence for each part that was ignored. */
export interface DecodedLink {
  config: Partial<RunConfig>;
  errors: string[];
}

type FieldName = keyof typeof URL_KEYS;

/** A knob value as a link writes it. */
function formatValue(value: ParamValue): string {
  return typeof value === 'number' ? String(value) : typeof value === 'boolean' ? String(value) : value;
}

const FIELD_BY_KEY: ReadonlyMap<string, FieldName> = new Map(
  (Object.entries(URL_KEYS) as [FieldName, string][]).map(([field, key]) => [key, field]),
);

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

