/**
 * A member search by the last 4 characters of an ID number, as clerks search paper lists: `0026` or
 * `002X` alone, or with the name before or after it (`张三 0026`, `张三0026`, `0026 张三`).
 * Only 18-character ID numbers have such a suffix (their masked form shows it: `4128 **** **** 0026`).
 * Pure, no I/O.
 */
import { normalizeSpaces, toHalfWidth } from './full-width.js';

export interface IdSuffixSearch {
  /** Four characters: three digits and a digit or X. */
  suffix: string;
  /** The name part (no digits in it), or null for the suffix alone. */
  name: string | null;
}

const AT_END = /^(\D*?) ?(\d{3}[\dX])$/i;
const AT_START = /^(\d{3}[\dX]) ?(\D*)$/i;

/** The suffix search `text` asks for, or null when it is not one. */
export function parseIdSuffixSearch(text: string): IdSuffixSearch | null {
  const value = normalizeSpaces(toHalfWidth(text));
  const end = AT_END.exec(value);
  if (end) return { suffix: end[2].toUpperCase(), name: end[1] || null };
  const start = AT_START.exec(value);
  if (start) return { suffix: start[1].toUpperCase(), name: start[2] || null };
  return null;
}
