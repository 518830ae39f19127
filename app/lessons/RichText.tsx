/** A lesson text (src/lessons/richText.ts) as React elements, its math typeset by KaTeX. */
import type { ReactNode } from 'react';
import { parseRichText, type Span } from '../../src/lessons/richText';
import { Tex } from '../components/Tex';

/** One inline span. */
function SpanView({ span }: { span: Span }): ReactNode {
  switch (span.kind) {
    case 'text':
      return span.text;
    case 'strong':
      return <strong>{span.text}</strong>;
    case 'em':
      return <em>{span.text}</em>;
    case 'code':
      return <code>{span.text}</code>;
    case 'math':
      return <Tex tex={span.text} />;
  }
}

/** The spans of one paragraph or list item. */
function Spans({ spans }: { spans: readonly Span[] }) {
  return spans.map((s, i) => <SpanView key={i} span={s} />);
}

/** A lesson text. */
export function RichText({ text }: { text: string }) {
  return (
    <div className="rich-text">
      {parseRichText(text).map((block, i) => {
        switch (block.kind) {
          case 'math':
            return <Tex key={i} tex={block.tex} display />;
          case 'list':
            return (
              <ul key={i}>
                {block.items.map((item, j) => (
                  <li key={j}>
                    <Spans spans={item} />
                  </li>
                ))}
              </ul>
            );
          case 'paragraph':
            return (
              <p key={i}>
                <Spans spans={block.spans} />
              </p>
            );
        }
      })}
    </div>
  );
}
