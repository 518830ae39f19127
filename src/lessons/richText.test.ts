import { describe, expect, it } from 'vitest';
import { formulasIn, parseRichText, parseSpans } from './richText';

describe('lesson text', () => {
  it('reads bold, italic, code and inline math, and keeps unclosed markers as text', () => {
    expect(parseSpans('a **b** *c* `d` $e^2$ f')).toEqual([
      { kind: 'text', text: 'a ' },
      { kind: 'strong', text: 'b' },
      { kind: 'text', text: ' ' },
      { kind: 'em', text: 'c' },
      { kind: 'text', text: ' ' },
      { kind: 'code', text: 'd' },
      { kind: 'text', text: ' ' },
      { kind: 'math', text: 'e^2' },
      { kind: 'text', text: ' f' },
    ]);
    expect(parseSpans('costs \\$5 and 2 * 3')).toEqual([{ kind: 'text', text: 'costs $5 and 2 * 3' }]);
    expect(parseSpans('$a*b*c$')).toEqual([{ kind: 'math', text: 'a*b*c' }]);
  });

  it('splits paragraphs, lists and display formulas', () => {
    expect(parseRichText('One\nline.\n\n- a\n- $b$\n\n$$x = 1$$\n\n')).toEqual([
      { kind: 'paragraph', spans: [{ kind: 'text', text: 'One line.' }] },
      { kind: 'list', items: [[{ kind: 'text', text: 'a' }], [{ kind: 'math', text: 'b' }]] },
      { kind: 'math', tex: 'x = 1' },
    ]);
  });

  it('never turns text into markup: tags stay text', () => {
    expect(parseRichText('<img src=x onerror=alert(1)>')).toEqual([{ kind: 'paragraph', spans: [{ kind: 'text', text: '<img src=x onerror=alert(1)>' }] }]);
  });

  it('lists every formula', () => {
    expect(formulasIn('$a$ and $b$\n\n- $c$\n\n$$d$$')).toEqual(['a', 'b', 'c', 'd']);
  });
});
