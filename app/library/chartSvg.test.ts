import { describe, expect, it } from 'vitest';
import { chartSvgText, escapeXml } from './chartSvg';

describe('chartSvgText', () => {
  it('writes a white page with the title, the chart, its legend (dashed for a compared run) and escapes text', () => {
    const svg = chartSvgText({
      title: 'Loss <total>',
      subtitle: 'each term & the total',
      width: 400,
      height: 200,
      chartSvg: '<svg width="400" height="200"><path d="M0 0L1 1"/></svg>',
      rasters: [],
      legend: [
        { name: 'total (CorInfoMax on)', color: '#2563eb', dashed: false },
        { name: 'total (CorInfoMax off)', color: '#dc2626', dashed: true },
      ],
    });
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="424" height="\d+"/);
    expect(svg).toContain('>Loss &lt;total&gt;</text>');
    expect(svg).toContain('>each term &amp; the total</text>');
    expect(svg).toContain('<path d="M0 0L1 1"/>');
    expect(svg).toContain('>total (CorInfoMax off)</text>');
    expect(svg.match(/stroke-dasharray="7 3"/g)).toHaveLength(1);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(new DOMParserLike(svg).wellFormed).toBe(true);
  });

  it('wraps a long legend onto more rows, making the page taller', () => {
    const base = { title: 't', subtitle: '', width: 300, height: 100, chartSvg: null, rasters: [] };
    const height = (n: number): number => Number(/height="(\d+)"/.exec(chartSvgText({ ...base, legend: Array.from({ length: n }, (_, i) => ({ name: `line number ${i}`, color: '#000', dashed: false })) }))![1]);
    expect(height(6)).toBeGreaterThan(height(1));
  });

  it('embeds canvases as pixelated images at their place', () => {
    const svg = chartSvgText({ title: 't', subtitle: '', width: 100, height: 100, chartSvg: null, rasters: [{ x: 10, y: 5, width: 80, height: 40, href: 'data:image/png;base64,AAAA' }], legend: [] });
    expect(svg).toContain('<image x="10" y="5" width="80" height="40" href="data:image/png;base64,AAAA" style="image-rendering: pixelated"/>');
  });

  it('escapes the five XML specials', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  });
});

/** Enough of a well-formedness check for this markup without a DOM: every tag opened is closed in order. */
class DOMParserLike {
  readonly wellFormed: boolean;
  constructor(text: string) {
    const stack: string[] = [];
    let ok = true;
    for (const m of text.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
      if (m[3]) continue;
      if (m[1]) ok &&= stack.pop() === m[2];
      else stack.push(m[2]!);
    }
    this.wellFormed = ok && stack.length === 0;
  }
}
