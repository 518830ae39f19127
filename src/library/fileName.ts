/** File names for downloads, made from a run's or a chart's name: lower case letters, digits and dashes. Pure. */

/** The longest stem kept (names of runs can be long). */
const MAX_STEM = 80;

/** A file name from `name` with `extension` ("SimSiam, seed 1" + "json" -> "simsiam-seed-1.json"). */
export function fileNameOf(name: string, extension: string): string {
  const stem = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_STEM)
    .replace(/-+$/, '');
  return `${stem || 'collapse-lab'}.${extension}`;
}
