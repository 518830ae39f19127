/**
 * Canvas charts draw pixels, but a user can still save them as SVG: each canvas chart
 * registers how to write itself as an SVG document (from the same layout it draws), and the
 * chart-saving code asks for it. A WeakMap, so a chart that leaves the page is forgotten.
 */
const writers = new WeakMap<Element, () => string>();

/** Registers how the chart drawn on `el` writes itself as SVG. */
export function registerChartSvg(el: Element, write: () => string): void {
  writers.set(el, write);
}

/** The SVG document of the chart drawn on `el`, or null when it has no writer. */
export function chartSvgOf(el: Element): string | null {
  return writers.get(el)?.() ?? null;
}
