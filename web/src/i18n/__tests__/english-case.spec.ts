import { describe, expect, it } from 'vitest';
import en from '../en';

function flatten(node: object, prefix = ''): [string, string][] {
  return Object.entries(node).flatMap(([key, value]): [string, string][] =>
    typeof value === 'object' && value !== null ? flatten(value, `${prefix}${key}.`) : [[`${prefix}${key}`, String(value)]],
  );
}

/** Names of things, which keep their capitals inside a sentence. */
// Excel's and WPS's own menu and format names (Save as > Excel Workbook) are quoted as the clerk sees them.
const PROPER = new Set(['Excel', 'Shanghai', 'Chinese', 'English', 'HK/Macao/Taiwan', 'Save', 'Workbook', 'WPS', 'Spreadsheets', 'Zhang', 'San', 'WeChat']);
/** The product's own names are titles. */
const TITLES = new Set(['app.productName', 'app.platformName']);

describe('English wording', () => {
  it('is in sentence case: only the first word and names are capitalized (buttons, menus, titles)', () => {
    const offenders = flatten(en)
      .filter(([key]) => !TITLES.has(key))
      .flatMap(([key, message]) =>
        message
          // The first word of each sentence, and of a part after a colon or a parenthesis, may be capitalized.
          .split(/(?<=[.!?:(]\s*)|\s+\/\s+/)
          .flatMap((sentence) => sentence.trim().split(/\s+/).slice(1))
          .filter((word) => /^[A-Z][a-z]/.test(word) && !PROPER.has(word.replace(/[^\w/-]/g, '')))
          .map((word) => `${key}: ${word} in "${message}"`),
      );
    expect(offenders).toEqual([]);
  });
});
