/**
 * Every loss term carries its formula in TeX (TermSpec.formulaTex) and KaTeX typesets it
 * without an error or a strict-mode warning, so a method card never falls back to raw TeX.
 */
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { termSpecs } from '../src/objectives/registry';

describe('term formulas in TeX', () => {
  it.each(termSpecs().map((t) => [t.id, t.formulaTex] as const))('%s typesets', (_id, tex) => {
    expect(tex).toBeTruthy();
    const html = katex.renderToString(tex ?? '', { throwOnError: true, strict: 'error', displayMode: true });
    expect(html).toContain('katex-display');
  });
});
