import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, validateConfig, type RunConfig } from '../../src/config';
import { sameValue } from './sameConfig';
import { TEST_CATALOG, TEST_BASE } from '../../test/support/testCatalog';

function validated(config: RunConfig): RunConfig {
  const result = validateConfig(config, TEST_CATALOG);
  if (!result.ok) throw new Error(result.errors.join(' '));
  return result.config;
}

describe('sameValue', () => {
  it('compares primitives by identity, types included', () => {
    expect(sameValue(0.003, 0.003)).toBe(true);
    expect(sameValue('ssl', 'ssl')).toBe(true);
    expect(sameValue(1, '1')).toBe(false);
    expect(sameValue(true, 1)).toBe(false);
    expect(sameValue(null, null)).toBe(true);
    expect(sameValue(null, {})).toBe(false);
    expect(sameValue(undefined, null)).toBe(false);
  });

  it('ignores key order but not a missing, extra or different key', () => {
    expect(sameValue({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toBe(true);
    expect(sameValue({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameValue({ a: 1, b: 2 }, { a: 1 })).toBe(false);
    expect(sameValue({ a: { b: 1 } }, { a: { b: 2 } })).toBe(false);
  });

  it('treats arrays as ordered, and never as objects', () => {
    expect(sameValue(['sim', 'imsvd'], ['sim', 'imsvd'])).toBe(true);
    expect(sameValue(['sim', 'imsvd'], ['imsvd', 'sim'])).toBe(false);
    expect(sameValue(['sim'], ['sim', 'sim'])).toBe(false);
    expect(sameValue(['sim'], { 0: 'sim' })).toBe(false);
    expect(sameValue([], {})).toBe(false);
  });

  it('sees a one-field change anywhere in a config', () => {
    const config: RunConfig = { ...DEFAULT_CONFIG, ...TEST_BASE, methods: ['sim'], params: { sim: { beta: 0.005, ratio: 0.2 } } };
    expect(sameValue(config, structuredClone(config))).toBe(true);
    expect(sameValue(config, { ...config, lr: 0.004 })).toBe(false);
    expect(sameValue(config, { ...config, params: { sim: { beta: 0.005, ratio: 0.3 } } })).toBe(false);
  });

  it('finds a knob spelled at its default the same as a left-out knob only once both configs are validated', () => {
    const spelled: RunConfig = { ...DEFAULT_CONFIG, ...TEST_BASE, params: { vicreg: { inv: 25 } } };
    const leftOut: RunConfig = { ...DEFAULT_CONFIG, ...TEST_BASE, params: { vicreg: {} } };
    expect(sameValue(spelled, leftOut)).toBe(false);
    expect(sameValue(validated(spelled), validated(leftOut))).toBe(true);
    expect(sameValue(validated({ ...spelled, params: { vicreg: { inv: 24 } } }), validated(leftOut))).toBe(false);
  });

  it('still tells a term with default knobs from a term with no entry, validated or not', () => {
    const withEntry: RunConfig = { ...DEFAULT_CONFIG, ...TEST_BASE, params: { vicreg: { inv: 25 } } };
    expect(sameValue(validated(withEntry), validated(DEFAULT_CONFIG))).toBe(false);
  });
});
