import { describe, expect, it } from 'vitest';
import { checkHumanText } from './human-text.js';

describe('checkHumanText', () => {
  it.each([
    ['a Chinese name', '张三', '张三'],
    ['a name with a middle dot', '阿依古丽·买买提', '阿依古丽·买买提'],
    ['an address with digits and punctuation', '上海市浦东新区世纪大道100号（A座）', '上海市浦东新区世纪大道100号（A座）'],
    ['surrounding spaces, tabs and line breaks', ' \t张三\r\n ', '张三'],
    ['surrounding ideographic spaces', '\u3000张三\u3000', '张三'],
    ['a decomposed accent, composed (NFC)', 'Jose\u0301', 'Jos\u00e9'],
    ['a rare character outside the BMP', '𠮷野家', '𠮷野家'],
    ['private-use characters (GB18030 rare hanzi)', '王\uE000明', '王\uE000明'],
    ['an emoji', '张三😀', '张三😀'],
  ])('accepts %s', (_label, raw, value) => {
    expect(checkHumanText(raw, { required: true })).toEqual({ ok: true, value });
  });

  it.each([
    ['NUL', 'a\u0000b'],
    ['a tab', '张\t三'],
    ['a line feed', '张\n三'],
    ['a carriage return', '张\r三'],
    ['ESC (an ANSI colour sequence)', '张三\u001b[31m红'],
    ['BEL', '张三\u0007'],
    ['DEL', '张三\u007f'],
    ['C1 CSI (U+009B)', '张三\u009b31m'],
    ['C1 NEL (U+0085)', '张\u0085三'],
    ['the line separator U+2028', '张\u2028三'],
    ['the paragraph separator U+2029', '张\u2029三'],
    ['a lone high surrogate', '张\ud800三'],
    ['a lone low surrogate', '张\udc00三'],
  ])('refuses %s as CONTROL', (_label, raw) => {
    expect(checkHumanText(raw)).toEqual({ ok: false, reason: 'CONTROL' });
  });

  it.each([
    ['LEFT-TO-RIGHT MARK U+200E', '\u200e'],
    ['RIGHT-TO-LEFT MARK U+200F', '\u200f'],
    ['LRE U+202A', '\u202a'],
    ['RLE U+202B', '\u202b'],
    ['PDF U+202C', '\u202c'],
    ['LRO U+202D', '\u202d'],
    ['RLO U+202E', '\u202e'],
    ['LRI U+2066', '\u2066'],
    ['RLI U+2067', '\u2067'],
    ['FSI U+2068', '\u2068'],
    ['PDI U+2069', '\u2069'],
    ['ARABIC LETTER MARK U+061C', '\u061c'],
    ['ZERO WIDTH SPACE U+200B', '\u200b'],
    ['ZERO WIDTH NON-JOINER U+200C', '\u200c'],
    ['ZERO WIDTH JOINER U+200D', '\u200d'],
    ['WORD JOINER U+2060', '\u2060'],
    ['INVISIBLE TIMES U+2062', '\u2062'],
    ['BOM / ZERO WIDTH NO-BREAK SPACE U+FEFF', '\ufeff'],
    ['SOFT HYPHEN U+00AD', '\u00ad'],
    ['a TAG character U+E0041', '\u{e0041}'],
  ])('refuses %s (inside the text) as INVISIBLE', (_label, ch) => {
    expect(checkHumanText(`张${ch}三`)).toEqual({ ok: false, reason: 'INVISIBLE' });
  });

  it('refuses a right-to-left override that makes an address read backwards', () => {
    expect(checkHumanText('上海市\u202e号001路京南', { required: true })).toEqual({ ok: false, reason: 'INVISIBLE' });
  });

  it.each([
    ['empty', ''],
    ['spaces', '   '],
    ['ideographic spaces', '\u3000\u3000'],
    ['line breaks', '\n\r\n'],
    ['null', null],
    ['undefined', undefined],
  ])('refuses %s when required, reads it as no value otherwise', (_label, raw) => {
    expect(checkHumanText(raw, { required: true })).toEqual({ ok: false, reason: 'BLANK' });
    expect(checkHumanText(raw)).toEqual({ ok: true, value: null });
  });

  it('allows tabs and line breaks in multi-line text, with CRLF made LF, but no other control character', () => {
    expect(checkHumanText('第一行\r\n第二行\r第三行\n\t缩进', { multiline: true })).toEqual({ ok: true, value: '第一行\n第二行\n第三行\n\t缩进' });
    expect(checkHumanText('第一行\n\u001b[2J', { multiline: true })).toEqual({ ok: false, reason: 'CONTROL' });
    expect(checkHumanText('第一行\u2028第二行', { multiline: true })).toEqual({ ok: false, reason: 'CONTROL' });
    expect(checkHumanText('第一行\n\u202e', { multiline: true })).toEqual({ ok: false, reason: 'INVISIBLE' });
  });
});
