/**
 * Property: any string as a link decodes, never throws, and round-trips. Links are built from
 * hostile pieces (the link's own keys and term knobs next to built-in property names, huge
 * strings, unicode, raw and broken percent-escapes, repeated keys, odd `v=` values, flips) or
 * are any string at all. For each:
 * - decoding (with and without the catalog) and reading its view never throw, and every part
 *   left out is a sentence of bounded length;
 * - what the app sends the engine before the catalog is known (the catalog-free part over the
 *   defaults) and what the link resolves to with the engine's catalog are valid configs;
 * - encoding that config and decoding the result gives the same config back, with no complaint.
 * Fixed seed; LINK_RUNS cases, after the examples (a few seconds). The first example took 30 s
 * to decode when a number's pattern backtracked quadratically (src/decimalText.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, validateConfig } from '../../src/config';
import { buildCatalog } from '../../src/engine';
import { SENTENCE_MAX } from '../../src/userText';
import { catalogFreePart, mergeLinkConfig, resolveLinkConfig } from '../../src/link/resolveLinkConfig';
import { decodeUrlState, encodeUrlState, URL_KEYS, VERSION_KEY, PARAM_PREFIX } from '../../src/link/urlState';
import { decodeViewState, VIEW_KEYS } from '../../src/link/viewState';

/** The number of generated links. */
const LINK_RUNS = 1000;
const SEED = 20_260_710;

const catalog = buildCatalog();
const BUILT_IN_NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', '__defineGetter__', 'then'];
const ids = [
  ...catalog.datasets.map((d) => d.id),
  ...catalog.models.map((m) => m.id),
  ...catalog.terms.map((t) => t.id),
  ...['auto', 'webgpu', 'webgl', 'wasm', 'cpu', 'adam', 'sgd', 'batch', 'layer', 'none', 'ssl', 'supervised', 'true', 'false', 'user:abc'],
];
const knobs = [...new Set(catalog.terms.flatMap((t) => Object.keys(t.params)))];

const builtIn = fc.constantFrom(...BUILT_IN_NAMES);
const text = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 12 }));
/** Percent-escapes, valid and broken, and characters a query treats specially. */
const escapes = fc.constantFrom('%', '%z', '%zz', '%E2%82', '%E2%82%AC', '%00', '%25', '%2C', '%26', '%3D', '+', '&', '=', '#', '?');
const huge = fc.tuple(fc.constantFrom('9', 'a', '.', ',', '%41', '\u{1F600}'), fc.integer({ min: 1_000, max: 200_000 })).map(([c, n]) => c.repeat(n));

const key = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...Object.values(URL_KEYS), VERSION_KEY, ...Object.values(VIEW_KEYS)) },
  { weight: 3, arbitrary: fc.tuple(fc.oneof(fc.constantFrom(...catalog.terms.map((t) => t.id)), builtIn, text), fc.oneof(fc.constantFrom(...knobs), builtIn, text)).map(([t, k]) => `${PARAM_PREFIX}${t}.${k}`) },
  { weight: 2, arbitrary: builtIn },
  { weight: 1, arbitrary: text },
  { weight: 1, arbitrary: escapes },
);
const number = fc.oneof(
  fc.integer().map(String),
  fc.double().map(String),
  fc.constantFrom('0', '1', '2', '3', '-1', '1e308', '1e309', '-0', '0x10', '1_000', 'NaN', 'Infinity', ' 1', '1,2', '', '.5', '5.', '1e-6'),
);
const value = fc.oneof(
  { weight: 4, arbitrary: number },
  { weight: 4, arbitrary: fc.constantFrom(...ids) },
  { weight: 2, arbitrary: fc.array(fc.oneof(fc.constantFrom(...ids), builtIn), { maxLength: 6 }).map((a) => a.join(',')) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('method', 'knob', 'norm', 'objective', 'x'), fc.constantFrom(...ids, ...knobs, '__proto__'), fc.constantFrom(...knobs, '')).map((p) => p.join(':')) },
  { weight: 2, arbitrary: builtIn },
  { weight: 2, arbitrary: text },
  { weight: 2, arbitrary: escapes },
  { weight: 1, arbitrary: huge },
);
/** One `key=value`, escaped as a browser would or written raw. */
const pair = fc.tuple(key, value, fc.boolean()).map(([k, v, escaped]) => (escaped ? `${encodeURIComponent(k)}=${encodeURIComponent(v)}` : `${k}=${v}`));
const hostileLink = fc
  .tuple(fc.constantFrom('', '?', '??', '&', '?&'), fc.array(fc.oneof({ weight: 8, arbitrary: pair }, { weight: 1, arbitrary: key }), { maxLength: 14 }), fc.constantFrom('&', '&&', ';'))
  .map(([head, parts, sep]) => head + parts.join(sep));
const link = fc.oneof({ weight: 6, arbitrary: hostileLink }, { weight: 1, arbitrary: text }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) });

/** Every left-out part is said in one bounded sentence. */
function expectSentences(errors: readonly string[]): void {
  for (const e of errors) {
    expect(typeof e).toBe('string');
    expect(e.trim().length).toBeGreaterThan(0);
    expect(e.length).toBeLessThanOrEqual(SENTENCE_MAX);
  }
}

describe('any string as a link (property)', () => {
  it(`decodes without throwing into a valid config plus sentences, and round-trips (${LINK_RUNS} links)`, () => {
    fc.assert(
      fc.property(link, (search) => {
        const free = decodeUrlState(search);
        expectSentences(free.errors);
        const startup = validateConfig(mergeLinkConfig(DEFAULT_CONFIG, catalogFreePart(free.config)), catalog);
        expect(startup.ok ? [] : startup.errors).toEqual([]);

        const decoded = decodeUrlState(search, catalog);
        expectSentences(decoded.errors);
        expectSentences(decodeViewState(search, { catalog, lessons: ['collapse'] }).errors);
        const resolved = resolveLinkConfig(decoded.config, catalog);
        expectSentences(resolved.errors);
        const valid = validateConfig(resolved.config, catalog);
        expect(valid.ok ? [] : valid.errors).toEqual([]);

        const again = decodeUrlState(encodeUrlState(resolved.config, catalog), catalog);
        expect(again.errors).toEqual([]);
        const back = resolveLinkConfig(again.config, catalog);
        expect(back.errors).toEqual([]);
        expect(back.config).toEqual(resolved.config);
      }),
      { seed: SEED, numRuns: LINK_RUNS, examples: [[`?bs=${'9'.repeat(200_000)}x`], ['?__proto__=1&constructor=x&p.vicreg.__proto__=2&on=toString,sim,sim&v=1&v=2']] },
    );
  });
});
