/**
 * Reading a number the way a person types it: plain decimal notation, with an optional
 * sign and exponent. Shared by the UI's number boxes and the link decoder, so both
 * accept exactly the same text. Pure: no DOM, no tfjs.
 */

/**
 * Optional sign, digits with an optional point (or a point and digits), optional exponent.
 * Written so that a run of digits splits one way only: a failing match (a link's 100,000
 * digits and a letter) backtracks in linear time, not quadratic (seconds per link).
 */
const DECIMAL_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/**
 * The number `text` spells in decimal notation (surrounding spaces allowed), or null for
 * anything else: no hex, no empty string, no trailing junk. An exponent too large gives
 * ±Infinity, which the caller's range check refuses.
 */
export function parseDecimal(text: string): number | null {
  return DECIMAL_TEXT.test(text.trim()) ? Number(text) : null;
}
