import { describe, expect, it } from 'vitest';
import type { Preset } from '../../src/compare/preset.ts';
import { cardSection, presetTerms, SECTION_END, SECTION_START, withCardSection, type CardEntry } from './cards.ts';

/** A preset with this config and control. */
const preset = (config: Preset['config'], control: Preset['control']): Preset => ({ id: 'p', title: 'P', description: 'd', config, control, budget: 10, look: 'l', claims: [{ kind: 'level', run: 'main', level: 'healthy' }] });

describe('presetTerms', () => {
  it("is the preset's objective, its methods and what its control flips", () => {
    expect(presetTerms(preset({ objective: 'naive', methods: ['corinfomax'] }, { kind: 'method', id: 'corinfomax' }))).toEqual(['naive', 'corinfomax']);
    expect(presetTerms(preset({ objective: 'naive', methods: [] }, { kind: 'objective', id: 'imsvd' }))).toEqual(['naive', 'imsvd']);
    expect(presetTerms(preset({ objective: 'simsiam' }, { kind: 'knob', term: 'simsiam', knob: 'stopGrad' }))).toEqual(['simsiam']);
    expect(presetTerms(preset({ methods: ['sim'] }, { kind: 'norm', field: 'norm', value: 'none' }))).toEqual(['sim']);
  });
});

const measured: CardEntry = {
  id: 'corinfomax',
  title: 'CorInfoMax cures collapse',
  measured: { date: '2026-12-02', machine: '2-core CPU, no GPU', backend: 'wasm', steps: 300, seconds: 95, claims: [{ text: 'run healthy', holds: true }, { text: 'control collapsed', holds: false }] },
};

describe('cardSection', () => {
  it('lists each preset with its date, steps, backend and each claim with ✓ or ✗, between the markers', () => {
    const lines = cardSection('CorInfoMax', [measured, { id: 'other', title: 'Other', measured: undefined }]).split('\n');
    expect(lines[0]).toBe(SECTION_START);
    expect(lines.at(-1)).toBe(SECTION_END);
    expect(lines.slice(5, -1)).toEqual([
      '**CorInfoMax cures collapse** (`presets/corinfomax.json`), measured 2026-12-02: 300 steps in 95 s on wasm, 2-core CPU, no GPU.',
      '',
      '- ✓ run healthy',
      '- ✗ control collapsed',
      '',
      '**Other** (`presets/other.json`): not measured yet.',
      '',
    ]);
  });

  it('says so when no preset involves the method', () => {
    expect(cardSection('CIR', [])).toContain('\nNo valid demo preset involves CIR yet.\n');
  });
});

describe('withCardSection', () => {
  const card = '# CorInfoMax\n\nText.\n';
  const section = cardSection('CorInfoMax', [measured]);

  it('appends the section after a blank line when the card has none, leaving the card as it was', () => {
    const out = withCardSection(card, section);
    expect(out).toBe(`${card}\n${section}\n`);
    expect(withCardSection('# No newline', section)).toBe(`# No newline\n\n${section}\n`);
  });

  it('replaces the section in place, keeping what is around it, and is idempotent', () => {
    const around = `${card}\n${cardSection('CorInfoMax', [])}\n\n## After\n`;
    const out = withCardSection(around, section);
    expect(out).toBe(`${card}\n${section}\n\n## After\n`);
    expect(withCardSection(out, section)).toBe(out);
    const appended = withCardSection(card, section);
    expect(withCardSection(appended, section)).toBe(appended);
  });

  it('refuses a card with only one marker', () => {
    expect(() => withCardSection(`${card}${SECTION_START}\n`, section)).toThrow(/without/);
    expect(() => withCardSection(`${card}${SECTION_END}\n`, section)).toThrow(/without/);
  });
});
