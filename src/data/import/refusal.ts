/**
 * Why an import was refused: an Error whose message is the sentence shown to the user,
 * saying what is wrong and what to change. Anything else thrown during an import is a bug
 * and is reported as such.
 */

/** An import refused for a reason the user can fix. */
export class ImportRefusal extends Error {
  override readonly name = 'ImportRefusal';
}

/** Throws an ImportRefusal with `message`. */
export function refuse(message: string): never {
  throw new ImportRefusal(message);
}

/** A list of names for a message: the first `max`, then how many more. */
export function nameList(names: readonly string[], max = 5): string {
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown}, … (${names.length - max} more)` : shown;
}

/** `n` and the word, plural when n is not 1 ("1 file", "3 files"). */
export function counted(n: number, word: string): string {
  return `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;
}
