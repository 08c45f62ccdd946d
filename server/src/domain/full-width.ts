/**
 * Full-width (全角) to half-width conversion and whitespace clean-up for text
 * typed with Chinese input methods or pasted from Excel and Word.
 * Pure functions, no I/O.
 */

const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/;

/** Converts full-width ASCII (U+FF01..U+FF5E, e.g. `１２３ＡＢＣ`) to ASCII and the ideographic space U+3000 to a space. */
export function toHalfWidth(s: string): string {
  if (!FULL_WIDTH.test(s)) return s; // the usual case, and an import calls this for every cell
  return s.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/**
 * Trims and collapses every inner run of whitespace (including the ideographic
 * space U+3000 and the no-break space U+00A0 that Excel cells often carry) to
 * one ASCII space.
 */
export function normalizeSpaces(s: string): string {
  return s.replace(/[\s\u00A0\u3000]+/g, ' ').trim();
}
