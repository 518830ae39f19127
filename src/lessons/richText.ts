/**
 * The small text format of lessons: paragraphs separated by a blank line, a paragraph of
 * lines starting with "- " is a list, a paragraph that is `$$…$$` is a display formula, and
 * inside a paragraph `**bold**`, `*italic*`, `` `code` `` and `$…$` (inline math; `\$` is a
 * dollar sign). Parsed into blocks the app renders (math with KaTeX), never into HTML, so a
 * lesson file cannot inject markup. Pure.
 */

/** A piece of a paragraph. */
export type Span = { kind: 'text' | 'strong' | 'em' | 'code' | 'math'; text: string };

/** A block of text. */
export type Block = { kind: 'paragraph'; spans: Span[] } | { kind: 'list'; items: Span[][] } | { kind: 'math'; tex: string };

/** The inline markers, longest first, and the span each opens. */
const MARKERS: readonly { open: string; kind: Span['kind'] }[] = [
  { open: '**', kind: 'strong' },
  { open: '*', kind: 'em' },
  { open: '`', kind: 'code' },
  { open: '$', kind: 'math' },
];

/** Parses one paragraph's inline spans; an unclosed marker is kept as text. */
export function parseSpans(text: string): Span[] {
  const spans: Span[] = [];
  let plain = '';
  const flush = (): void => {
    if (plain) spans.push({ kind: 'text', text: plain });
    plain = '';
  };
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('\\$', i)) {
      plain += '$';
      i += 2;
      continue;
    }
    const marker = MARKERS.find((m) => text.startsWith(m.open, i));
    const end = marker ? text.indexOf(marker.open, i + marker.open.length) : -1;
    if (marker && end > i + marker.open.length) {
      flush();
      spans.push({ kind: marker.kind, text: text.slice(i + marker.open.length, end) });
      i = end + marker.open.length;
      continue;
    }
    plain += text[i];
    i++;
  }
  flush();
  return spans;
}

/** Parses a lesson text into blocks. */
export function parseRichText(text: string): Block[] {
  const blocks: Block[] = [];
  for (const raw of text.split(/\n\s*\n/)) {
    const para = raw.trim();
    if (!para) continue;
    const lines = para.split('\n').map((l) => l.trim());
    if (para.startsWith('$$') && para.endsWith('$$') && para.length > 4) blocks.push({ kind: 'math', tex: para.slice(2, -2).trim() });
    else if (lines.every((l) => l.startsWith('- '))) blocks.push({ kind: 'list', items: lines.map((l) => parseSpans(l.slice(2))) });
    else blocks.push({ kind: 'paragraph', spans: parseSpans(lines.join(' ')) });
  }
  return blocks;
}

/** Every formula in a lesson text (inline and display), for checking that each typesets. */
export function formulasIn(text: string): string[] {
  return parseRichText(text).flatMap((b) => (b.kind === 'math' ? [b.tex] : (b.kind === 'list' ? b.items.flat() : b.spans).filter((s) => s.kind === 'math').map((s) => s.text)));
}
