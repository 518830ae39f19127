/**
 * The generated section of a seed card (seeds/<method>.md) listing the demo presets that
 * involve the card's method with what they measured. It sits between two markers and is
 * replaced in place (appended at the end of the card when absent); the rest of the card is
 * left as it is.
 */
import type { Preset } from '../../src/compare/preset.ts';
import type { Measured } from './measured.ts';

/** The markers around the generated section. */
export const SECTION_START = '<!-- presets:measured:start -->';
export const SECTION_END = '<!-- presets:measured:end -->';

/** The term ids a preset involves: its objective, its methods, and what its control flips. */
export function presetTerms(p: Preset): string[] {
  const control = p.control.kind === 'method' || p.control.kind === 'objective' ? [p.control.id] : p.control.kind === 'knob' ? [p.control.term] : [];
  return [...new Set([...(p.config.objective ? [p.config.objective] : []), ...(p.config.methods ?? []), ...control])];
}

/** A preset as a card lists it: its file, title and what was measured (undefined: not yet). */
export interface CardEntry {
  id: string;
  title: string;
  measured: Measured | undefined;
}

/** The generated section (markers included) for the card of the method `label`. */
export function cardSection(label: string, entries: readonly CardEntry[]): string {
  const lines = [SECTION_START, '## Measured by `npm run presets`', '', `Written by scripts/preset-report.ts (do not edit between these markers): the demo presets that involve ${label}, each checked against its control in the built app.`, ''];
  if (entries.length === 0) lines.push(`No valid demo preset involves ${label} yet.`, '');
  for (const e of entries) {
    const m = e.measured;
    lines.push(`**${e.title}** (\`presets/${e.id}.json\`)${m ? `, measured ${m.date}: ${m.steps} steps in ${m.seconds} s on ${m.backend}, ${m.machine}.` : ': not measured yet.'}`, '');
    if (m) lines.push(...m.claims.map((c) => `- ${c.holds ? '✓' : '✗'} ${c.text}`), '');
  }
  lines.push(SECTION_END);
  return lines.join('\n');
}

/**
 * `card` with its generated section replaced by `section` (markers included), or `section`
 * appended after a blank line when the card has none. Throws when only one marker is there.
 */
export function withCardSection(card: string, section: string): string {
  const start = card.indexOf(SECTION_START);
  const end = card.indexOf(SECTION_END, start === -1 ? 0 : start);
  if (start === -1 && card.indexOf(SECTION_END) === -1) return `${card}${card.endsWith('\n') ? '' : '\n'}\n${section}\n`;
  if (start === -1 || end === -1) throw new Error(`the card has ${start === -1 ? SECTION_END : SECTION_START} without ${start === -1 ? SECTION_START : SECTION_END}`);
  return card.slice(0, start) + section + card.slice(end + SECTION_END.length);
}
