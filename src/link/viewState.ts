/**
 * The view around the run, as a link carries it beside the run config: an open lesson and
 * its step, hidden controls (a classroom link, as TF Playground's `_hide`), presenter mode and
 * the twins trained beside the run (`twin=method:sim`). Encoded into the same query as the
 * config (src/link/urlState.ts) and decoded by decodeViewState, which keeps every valid part
 * and says what it ignored. Pure: no DOM, no tfjs.
 */
import { canBeObjective, type Catalog, type TermSpec } from '../catalog';
import { flipShape, type Flip } from '../compare/flip';
import { NORM_KINDS } from '../models/normalization';
import { hasParam } from '../params';
import { quoted, quotedList } from '../userText';
import { escapeValue, parseNumber } from './queryText';

/** Query keys of the view around the run (not part of the run config). */
export const VIEW_KEYS = { lesson: 'lesson', lessonStep: 'step', hide: 'hide', present: 'present', twins: 'twin' } as const;

/** The view's query keys, as a set. */
export const VIEW_KEY_SET: ReadonlySet<string> = new Set(Object.values(VIEW_KEYS));

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
export function encodeViewParts(view: ViewState): string[] {
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
