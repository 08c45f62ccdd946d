/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015.
 *
 * 18 characters: 1 registering authority, 1 entity type, 6 administrative
 * division, 9 organization code, 1 check character. The alphabet leaves out
 * I, O, Z, S and V so that they cannot be confused with 1, 0, 2, 5 and U.
 * Pure functions, no I/O.
 */

/** The 31 characters a credit code may contain; the index is the character's value. */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Weight of each of the first 17 positions (3^i mod 31). */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export const CREDIT_CODE_LENGTH = 18;

export type CreditCodeResult = { ok: true; value: string } | { ok: false; reason: 'LENGTH' | 'CHARSET' | 'CHECKSUM' };

/**
 * Trims, converts full-width ASCII (as typed by Chinese input methods, e.g.
 * `９１３１`) to half-width and upper-cases. Does not validate.
 */
export function normalizeCreditCode(raw: string): string {
  return raw
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .trim()
    .toUpperCase();
}

/**
 * The check character for the first 17 characters of a code.
 * Throws on input that is not 17 characters of the credit-code alphabet:
 * callers that handle user input use {@link validateCreditCode}.
 */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== WEIGHTS.length) {
    throw new RangeError(`expected ${WEIGHTS.length} characters, got ${first17.length}`);
  }
  let sum = 0;
  for (let i = 0; i < WEIGHTS.length; i++) {
    const value = CREDIT_CODE_ALPHABET.indexOf(first17[i]);
    if (value < 0) throw new RangeError(`character ${JSON.stringify(first17[i])} is not allowed`);
    sum += value * WEIGHTS[i];
  }
  const check = 31 - (sum % 31);
  return CREDIT_CODE_ALPHABET[check === 31 ? 0 : check];
}

/** Normalizes `raw` and checks length, alphabet and check character, in that order. */
export function validateCreditCode(raw: string): CreditCodeResult {
  const value = normalizeCreditCode(raw);
  if (value.length !== CREDIT_CODE_LENGTH) return { ok: false, reason: 'LENGTH' };
  for (const ch of value) {
    if (!CREDIT_CODE_ALPHABET.includes(ch)) return { ok: false, reason: 'CHARSET' };
  }
  if (creditCodeCheckChar(value.slice(0, 17)) !== value[17]) return { ok: false, reason: 'CHECKSUM' };
  return { ok: true, value };
}

/**
 * A valid code derived deterministically from `seed`, for demo data and tests:
 * `91` (industry & commerce, company) + `310115` (Pudong) + 9 characters from
 * the seed + the check character. Distinct seeds in [0, 31^9) give distinct codes.
 */
export function makeCreditCode(seed: number): string {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`seed must be a non-negative safe integer, got ${seed}`);
  }
  let n = seed;
  let body = '';
  for (let i = 0; i < 9; i++) {
    body = CREDIT_CODE_ALPHABET[n % 31] + body;
    n = Math.floor(n / 31);
  }
  const first17 = `91310115${body}`;
  return first17 + creditCodeCheckChar(first17);
}
