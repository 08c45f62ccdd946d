/**
 * Resident identity card number (公民身份号码), GB 11643-1999.
 *
 * 18 characters: 6 address code, 8 birth date (YYYYMMDD), 3 sequence (odd
 * for men, even for women) and an ISO 7064 MOD 11-2 check character, 0-9 or
 * X (standing for 10). The 15-digit numbers of the first-generation cards
 * are not accepted: they have not been valid identity documents since 2013.
 * Pure functions, no I/O.
 */
import { toHalfWidth } from './full-width.js';
import { assertIsoDate, isCalendarDate } from './id-expiry.js';
import { Gender } from './member-category.js';

export const RESIDENT_ID_LENGTH = 18;

/** Birth dates before this are typos, not members. */
export const EARLIEST_BIRTH_DATE = '1900-01-01';

/** 2^(17-i) mod 11 for positions 1..17. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;

/** Check character by weighted sum mod 11. */
const CHECK_CHARS = '10X98765432';

// What Excel shows after storing an ID as a number: 4.11024198903150E+17.
const SCIENTIFIC = /^\d(\.\d+)?E\+\d+$/i;

export type ResidentIdReason = 'EMPTY' | 'LENGTH' | 'FORMAT' | 'BIRTH_DATE' | 'FUTURE_BIRTH_DATE' | 'CHECKSUM' | 'PRECISION_LOST';

export type ResidentIdResult = { ok: true; value: string; birthDate: string; gender: Gender } | { ok: false; reason: ResidentIdReason };

/** Converts full-width characters, removes all whitespace and upper-cases (x → X). Does not validate. */
export function normalizeResidentId(raw: string): string {
  return toHalfWidth(raw)
    .replace(/[\s\u00A0\u3000]+/g, '')
    .toUpperCase();
}

/**
 * The check character for the first 17 digits. Throws on anything but 17
 * digits: callers that handle user input use {@link parseResidentId}.
 */
export function residentIdCheckChar(body17: string): string {
  if (!/^\d{17}$/.test(body17)) throw new RangeError(`expected 17 digits, got ${JSON.stringify(body17)}`);
  let sum = 0;
  for (let i = 0; i < WEIGHTS.length; i++) sum += Number(body17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** `body17` followed by its check character: a structurally valid number, for tests and demo data. */
export function withCheckChar(body17: string): string {
  return body17 + residentIdCheckChar(body17);
}

/**
 * Normalizes `raw` and checks, in order: empty, Excel precision loss,
 * length, format, check character, birth date (a real date from
 * {@link EARLIEST_BIRTH_DATE} to `today`, the YYYY-MM-DD business date).
 * PRECISION_LOST means the cell was a number: Excel keeps 15 significant
 * digits, so the clerk must format the column as text and type the IDs again.
 */
export function parseResidentId(raw: string, today: string): ResidentIdResult {
  assertIsoDate(today);
  const value = normalizeResidentId(raw);
  if (value === '') return { ok: false, reason: 'EMPTY' };
  if (SCIENTIFIC.test(value)) return { ok: false, reason: 'PRECISION_LOST' };
  if (value.length !== RESIDENT_ID_LENGTH) return { ok: false, reason: 'LENGTH' };
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, reason: 'FORMAT' };
  if (residentIdCheckChar(value.slice(0, 17)) !== value[17]) {
    // The last three digits zeroed by the 15-digit limit: a genuine number ending in 000 passes the check.
    return { ok: false, reason: value.endsWith('000') ? 'PRECISION_LOST' : 'CHECKSUM' };
  }
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  if (!isCalendarDate(year, month, day)) return { ok: false, reason: 'BIRTH_DATE' };
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (birthDate < EARLIEST_BIRTH_DATE) return { ok: false, reason: 'BIRTH_DATE' };
  if (birthDate > today) return { ok: false, reason: 'FUTURE_BIRTH_DATE' };
  const gender = Number(value[16]) % 2 === 1 ? Gender.MALE : Gender.FEMALE;
  return { ok: true, value, birthDate, gender };
}
