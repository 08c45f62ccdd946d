/**
 * Mainland mobile phone numbers (手机号): 11 digits `1[3-9]\d{9}`, stored
 * without country code or separators so that uniqueness checks compare like
 * with like. Pure, no I/O.
 */
import { toHalfWidth } from './full-width.js';

export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

export type MobileResult = { ok: true; value: string } | { ok: false; reason: 'EMPTY' | 'FORMAT' };

// Whitespace and the hyphens and dashes people type between digit groups.
const SEPARATORS = /[\s\u00A0\u3000\-\u2010-\u2015\u2212]+/g;

/**
 * The bare 11-digit number from `raw`: full-width digits converted, spaces
 * and hyphens removed, a `+86` / `0086` / `86` country code dropped.
 */
export function normalizeMobile(raw: string): MobileResult {
  let s = toHalfWidth(raw).replace(SEPARATORS, '');
  if (s === '') return { ok: false, reason: 'EMPTY' };
  if (s.startsWith('+86')) s = s.slice(3);
  else if (s.startsWith('0086')) s = s.slice(4);
  // Only a 13-digit 86… string: an 11-digit number never starts with 8.
  else if (/^86\d{11}$/.test(s)) s = s.slice(2);
  return MOBILE_PATTERN.test(s) ? { ok: true, value: s } : { ok: false, reason: 'FORMAT' };
}
