/**
 * TeX typeset by KaTeX (its CSS and fonts are bundled with the app: nothing is fetched from
 * elsewhere). Used for the term formulas and the math in lessons; TeX that KaTeX cannot read
 * is shown as it was written, in red, instead of breaking the page.
 */
import katex from 'katex';
import 'katex/dist/katex.min.css';
import { useMemo } from 'react';

/** Props of Tex. */
export interface TexProps {
  tex: string;
  /** A display formula (own line, centred) rather than inline math. */
  display?: boolean;
}

/** One formula. */
export function Tex({ tex, display = false }: TexProps) {
  const html = useMemo(() => katex.renderToString(tex, { displayMode: display, throwOnError: false, output: 'htmlAndMathml' }), [tex, display]);
  return <span className={display ? 'tex tex--display' : 'tex'} data-testid="tex" dangerouslySetInnerHTML={{ __html: html }} />;
}
