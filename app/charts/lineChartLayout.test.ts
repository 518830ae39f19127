import { describe, expect, it } from 'vitest';
import { layoutLineChart, layoutToSvg, niceTicks, type LineStyle } from './lineChartLayout';

const line = (key: string, extra: Partial<LineStyle> = {}): LineStyle => ({ key, name: key, color: '#123456', dashed: false, faded: false, ...extra });

describe('niceTicks', () => {
  it('gives round values 1, 2 or 5 times a power of ten apart, inside the range', () => {
    expect(niceTicks(0, 32, 5)).toEqual([0, 5, 10, 15, 20, 25, 30]);
    expect(niceTicks(0.003, 0.0091, 3)).toEqual([0.004, 0.006, 0.008]);
    expect(niceTicks(-1, 1, 4)).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(niceTicks(5, 5)).toEqual([5]);
  });
});

describe('layoutLineChart', () => {
  const base = { xKey: 'step', yDomain: [0, 10] as [number, number], references: [], width: 300, height: 200, yFormat: String };

  it('places points inside the plot, x by step and y upwards', () => {
    const l = layoutLineChart({ ...base, rows: [{ step: 0, a: 0 }, { step: 10, a: 10 }], lines: [line('a')] });
    const [[p0, p1]] = l.lines[0]!.segments as [[number, number][]];
    expect(p0![0]).toBeCloseTo(l.plot.x);
    expect(p0![1]).toBeCloseTo(l.plot.y + l.plot.h);
    expect(p1![0]).toBeCloseTo(l.plot.x + l.plot.w);
    expect(p1![1]).toBeCloseTo(l.plot.y);
  });

  it("keeps one line through other runs' rows, breaks it at non-finite values, and leaves out empty lines", () => {
    const rows: Record<string, number>[] = [{ step: 1, a: 1 }, { step: 2, b: 3 }, { step: 3, a: 2 }, { step: 4, a: Number.NaN }, { step: 5, a: 4 }];
    const l = layoutLineChart({ ...base, rows, lines: [line('a'), line('b'), line('c')] });
    expect(l.lines.map((x) => x.key)).toEqual(['a', 'b']);
    expect(l.lines[0]!.segments.map((s) => s.length)).toEqual([2, 1]);
  });

  it('resolves automatic y bounds around the data and keeps only visible references', () => {
    const l = layoutLineChart({ ...base, yDomain: ['auto', 'auto'], rows: [{ step: 0, a: 2 }, { step: 1, a: 4 }], lines: [line('a')], references: [{ y: 3, label: 'mid' }, { y: 100, label: 'far' }] });
    expect(l.yDomain[0]).toBeLessThan(2);
    expect(l.yDomain[1]).toBeGreaterThan(4);
    expect(l.references.map((r) => r.label)).toEqual(['mid']);
  });

  it('writes the same lines as an SVG document, escaped', () => {
    const l = layoutLineChart({ ...base, rows: [{ step: 0, a: 1 }, { step: 1, a: 2 }], lines: [line('a', { name: 'RankMe <main>', dashed: true })] });
    const svg = layoutToSvg(l, 'Rank & co');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('<title>Rank &amp; co</title>');
    expect(svg).toContain('class="series" data-key="a"');
    expect(svg).toContain('stroke-dasharray="7 3"');
    expect(svg).toContain('RankMe &lt;main&gt;');
  });
});

describe('layoutToSvg legend', () => {
  it('wraps a long legend onto more rows and makes room for them', () => {
    const lines = Array.from({ length: 8 }, (_, i) => ({ key: `k${i}`, name: `a fairly long series name ${i}`, color: '#000', dashed: false, faded: false }));
    const rows = [{ step: 0, ...Object.fromEntries(lines.map((l) => [l.key, 1])) }, { step: 1, ...Object.fromEntries(lines.map((l) => [l.key, 2])) }];
    const l = layoutLineChart({ rows, lines, xKey: 'step', yDomain: [0, 3], references: [], width: 300, height: 200, yFormat: String });
    const svg = layoutToSvg(l, 't');
    const height = Number(/height="(\d+)"/.exec(svg)![1]);
    expect(height).toBeGreaterThan(200 + 24 + 16);
    for (const m of svg.matchAll(/<text x="([\d.]+)" y="[\d.]+" fill="#334155">/g)) expect(Number(m[1])).toBeLessThan(300);
  });
});
