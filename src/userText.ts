/**
 * How text that came from outside (a link, a file, a message) appears inside a sentence the
 * app shows: quoted and clipped, so a hostile or mistaken 200,000-character link cannot turn a
 * notice into a wall of text. (React escapes what it shows; this only bounds the length.)
 */

/** The longest outside text a sentence quotes in full. */
export const QUOTE_MAX = 40;

/** The longest sentence a notice built from outside text may be. */
export const SENTENCE_MAX = 600;

/** `"text"`, clipped to QUOTE_MAX characters with an ellipsis and the full length. */
export function quoted(text: string): string {
  if (text.length <= QUOTE_MAX) return `"${text}"`;
  return `"${text.slice(0, QUOTE_MAX)}…" (${text.length.toLocaleString('en')} characters)`;
}

/** A list of outside names: the first few quoted, then how many more. */
export function quotedList(items: readonly string[], shown = 5): string {
  const head = items.slice(0, shown).map(quoted).join(', ');
  return items.length > shown ? `${head} and ${items.length - shown} more` : head;
}

/** A sentence clipped to SENTENCE_MAX characters (a last guard; quote outside text with `quoted`). */
export function boundedSentence(sentence: string): string {
  return sentence.length <= SENTENCE_MAX ? sentence : `${sentence.slice(0, SENTENCE_MAX - 1)}…`;
}
