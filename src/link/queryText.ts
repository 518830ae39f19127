/**
 * Reading and writing the values of a link's query: strict numbers, and escaping that keeps
 * commas and dots readable. Shared by the run config (src/link/urlState.ts) and the view
 * around it (src/link/viewState.ts). Pure.
 */
import { parseDecimal } from '../decimalText';

/** Parses a finite decimal number strictly (no hex, no empty string, no trailing junk, no overflow). */
export function parseNumber(text: string): number | null {
  const n = parseDecimal(text);
  return n !== null && Number.isFinite(n) ? n : null;
}

/** Escapes a query value but keeps commas and dots readable. */
export function escapeValue(text: string): string {
  return encodeURIComponent(text).replace(/%2C/gi, ',');
}
