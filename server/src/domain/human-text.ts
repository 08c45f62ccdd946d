/**
 * Text that people type and other people read: names, addresses, reasons. It is printed on cards,
 * shown in lists and exported to Excel, so characters that change how the rest of the text looks
 * (terminal escapes, right-to-left overrides) or that make two equal-looking names differ
 * (zero-width characters, soft hyphens) are refused rather than stored. Pure, no I/O.
 */

export type HumanTextReason = 'BLANK' | 'CONTROL' | 'INVISIBLE';

export type HumanTextResult = { ok: true; value: string | null } | { ok: false; reason: HumanTextReason };

export interface HumanTextOptions {
  /** Blank (after trimming) is refused instead of read as "no value". */
  required?: boolean;
  /** Tab and line breaks are allowed (a reason or a note); never in a name or an address. */
  multiline?: boolean;
}

// Control characters: C0 (NUL..US, which holds ESC and so every ANSI sequence), DEL and C1 (with
// CSI U+009B); the Unicode line and paragraph separators; surrogate code units that pair with nothing.
const CONTROL = /[\p{Cc}\u2028\u2029\p{Cs}]/u;
const TAB_AND_LINE_FEED = /[\t\n]/g;
// Format characters (Cf): invisible by design. Among them the bidi controls (U+061C, U+200E, U+200F,
// U+202A-U+202E, U+2066-U+2069), zero-width space/joiners (U+200B-U+200D), word joiner (U+2060),
// BOM (U+FEFF), soft hyphen (U+00AD), invisible operators and tag characters.
const INVISIBLE = /\p{Cf}/u;

/**
 * Normalises (NFC, trim; CRLF to LF in multi-line text) and checks one human-readable field.
 * Blank gives `null` unless `required`.
 */
export function checkHumanText(raw: string | null | undefined, options: HumanTextOptions = {}): HumanTextResult {
  let value = (raw ?? '').normalize('NFC').trim();
  if (options.multiline) value = value.replace(/\r\n?/g, '\n');
  if (CONTROL.test(options.multiline ? value.replace(TAB_AND_LINE_FEED, '') : value)) return { ok: false, reason: 'CONTROL' };
  if (INVISIBLE.test(value)) return { ok: false, reason: 'INVISIBLE' };
  if (value === '') return options.required ? { ok: false, reason: 'BLANK' } : { ok: true, value: null };
  return { ok: true, value };
}
