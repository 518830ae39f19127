import { describe, expect, it } from 'vitest';
import { chartSvgText, escapeXml, svgSize, wrapText } from './chartSvg';

/** Every tag opened is closed, in order (enough of a well-formedness check for this markup without a DOM). */
function wellFormed(text: string): boolean {
  const stack: string[] = [];
  for (const m of text.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    if (m[3]) continue;
    if (m[1] && stack.pop() !== m[2]) return false;
    if (!m[1]) stack.push(m[2]!);
  }
  return stack.length === 0;
}

describe('chartSvgText', () => {
  it('writes a white page with the title and explanation above the chart, escaping text', () => {
    const chart = '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="224"><polyline points="0,0 1,1"/></svg>';
    const svg = chartSvgText({ title: 'Loss <total>', subtitle: 'each term & the total', width: 400, height: 224, vectors: [{ x: 0, y: 0, svg: chart }], rasters: [] });
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="424" height="(\d+)"/);
    expect(svgSize(svg)).toEqual({ width: 424, height: 12 + 22 + 16 + 6 + 224 + 12 });
    expect(svg).toContain('>Loss &lt;total&gt;</text>');
    expect(svg).toContain('>each term &amp; the total</text>');
    expect(svg).toContain(`<g transform="translate(12 56)">${chart}</g>`);
    expect(wellFormed(svg)).toBe(true);
  });

  it('places canvases without an SVG of their own as pixelated images', () => {
    const svg = chartSvgText({ title: 't', subtitle: '', width: 100, height: 100, vectors: [], rasters: [{ x: 10, y: 5, width: 80, height: 40, href: 'data:image/png;base64,AAAA' }] });
    expect(svg).toContain('<image x="22" y="39" width="80" height="40" href="data:image/png;base64,AAAA" style="image-rendering: pixelated"/>');
    expect(wellFormed(svg)).toBe(true);
  });

  it('wraps a long explanation onto lines that fit the chart, making the page taller', () => {
    const long = 'Each enabled term after its weight, and the total. Click a legend entry to hide it.';
    const lines = wrapText(long, 200, 12);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.join(' ')).toBe(long);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(Math.floor(200 / (12 * 0.56)));
    const page = (subtitle: string): number => svgSize(chartSvgText({ title: 't', subtitle, width: 200, height: 100, vectors: [], rasters: [] })).height;
    expect(page(long)).toBe(page('short') + (lines.length - 1) * 16);
    expect(wrapText('', 200, 12)).toEqual([]);
  });

  it('reads the size an SVG declares', () => {
    expect(svgSize('<svg xmlns="x" width="12.5" height="30" viewBox="0 0 1 1"><rect width="3" height="4"/></svg>')).toEqual({ width: 12.5, height: 30 });
    expect(svgSize('<svg><g/></svg>')).toEqual({ width: 0, height: 0 });
  });

  it('escapes the five XML specials', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  });
});
