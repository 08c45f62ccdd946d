import { describe, expect, it } from 'vitest';
import { normalizeSpaces, toHalfWidth } from './full-width.js';

describe('toHalfWidth', () => {
  it.each([
    ['digits', '１２３４５６７８９０', '1234567890'],
    ['letters', 'ＡＢＣｘｙｚ', 'ABCxyz'],
    ['punctuation', '！＃（）－．／：＠［］～', '!#()-./:@[]~'],
    ['ideographic space', '１\u3000２', '1 2'],
    ['mixed with Chinese', '浦东新区１００号', '浦东新区100号'],
    ['already half width', 'abc 123', 'abc 123'],
    ['empty', '', ''],
  ])('converts %s', (_label, raw, expected) => {
    expect(toHalfWidth(raw)).toBe(expected);
  });

  it('leaves characters outside U+FF01..U+FF5E alone', () => {
    // U+FF00 is unassigned, U+FF5F is the first full-width bracket outside the ASCII block,
    // U+FFE5 is the full-width yen sign: none has an ASCII counterpart.
    expect(toHalfWidth('\uFF00\uFF5F\uFFE5。')).toBe('\uFF00\uFF5F\uFFE5。');
  });
});

describe('normalizeSpaces', () => {
  it.each([
    ['surrounding spaces', '  张三  ', '张三'],
    ['inner run', '上海市   浦东新区', '上海市 浦东新区'],
    ['tabs and new lines', '\t上海市\n\r浦东新区\t', '上海市 浦东新区'],
    ['ideographic spaces', '\u3000上海市\u3000\u3000浦东新区\u3000', '上海市 浦东新区'],
    ['no-break spaces', '\u00A0上海市\u00A0 浦东新区', '上海市 浦东新区'],
    ['only whitespace', ' \u3000\u00A0\t', ''],
    ['nothing to do', 'a b', 'a b'],
  ])('handles %s', (_label, raw, expected) => {
    expect(normalizeSpaces(raw)).toBe(expected);
  });
});
