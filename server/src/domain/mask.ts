/**
 * Masking of personal data in lists and exports (SPEC §4): the whole value is
 * shown only on an authorized, audited detail view. Pure, no I/O.
 */

const STARS = '****';

/** First and last `k` characters around `****`, with k at most 2 and at most a quarter of the length, so at most half shows. */
function maskMiddle(chars: string[]): string {
  const k = Math.min(2, Math.floor(chars.length / 4));
  if (k === 0) return chars.length === 0 ? '' : STARS;
  return chars.slice(0, k).join('') + STARS + chars.slice(-k).join('');
}

/** `4128 **** **** 0026` for an 18-character ID number, as in the manual; `E1****78` style for others. */
export function maskIdNumber(value: string): string {
  const chars = [...value];
  if (chars.length === 18) return `${chars.slice(0, 4).join('')} ${STARS} ${STARS} ${chars.slice(-4).join('')}`;
  return maskMiddle(chars);
}

/** `138****8000` for an 11-digit mobile number, the usual Chinese style; `12****78` style for anything else. */
export function maskMobile(value: string): string {
  const chars = [...value];
  if (chars.length === 11) return `${chars.slice(0, 3).join('')}${STARS}${chars.slice(-4).join('')}`;
  return maskMiddle(chars);
}
