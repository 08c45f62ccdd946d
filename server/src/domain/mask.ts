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

// Shapes of personal numbers inside free text. Digit boundaries, so a longer number (a bank card, a
// credit code) is not cut into pieces; the ID shape is a region, a birth date and a check character,
// without the checksum: a mistyped ID number is still someone's ID number.
const MONTH_DAY = '(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])';
const RESIDENT_ID_IN_TEXT = new RegExp(`(?<![0-9])[1-9]\\d{5}(?:(?:18|19|20)\\d{2}${MONTH_DAY}\\d{3}[0-9Xx]|\\d{2}${MONTH_DAY}\\d{3})(?![0-9Xx])`, 'g');
const MOBILE_IN_TEXT = /(?<![0-9])(?:(?:\+|00)?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?![0-9])/g;
const FULL_WIDTH = /[\uFF0B\uFF10-\uFF19\uFF38\uFF58]/g;

/**
 * `text` with every resident ID number (18 or the old 15 digits) and mainland mobile number in it
 * masked, wherever it stands (a search term, an address, a log line), full-width digits included.
 */
export function maskPersonalNumbers(text: string): string {
  // Found on a half-width copy: each full-width character is one UTF-16 unit, so positions match.
  const half = text.replace(FULL_WIDTH, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
  const found: { at: number; length: number; masked: string }[] = [];
  for (const m of half.matchAll(RESIDENT_ID_IN_TEXT)) found.push({ at: m.index, length: m[0].length, masked: maskIdNumber(m[0]) });
  for (const m of half.matchAll(MOBILE_IN_TEXT)) {
    if (!found.some((f) => m.index < f.at + f.length && f.at < m.index + m[0].length))
      found.push({ at: m.index, length: m[0].length, masked: maskMobile(m[0].replace(/\D/g, '').slice(-11)) });
  }
  if (!found.length) return text;
  let out = '';
  let from = 0;
  for (const f of found.sort((a, b) => a.at - b.at)) {
    out += text.slice(from, f.at) + f.masked;
    from = f.at + f.length;
  }
  return out + text.slice(from);
}
