import { describe, expect, it } from 'vitest';
import { Gender } from './member-category.js';
import { normalizeResidentId, parseResidentId, residentIdCheckChar, withCheckChar, type ResidentIdReason } from './resident-id.js';

const TODAY = '2025-06-15';

describe('residentIdCheckChar', () => {
  it.each([
    // The example of GB 11643-1999, and numbers built around it.
    ['11010519491231002', 'X'],
    ['11010519491231001', '1'],
    ['41102419890315000', '5'],
  ])('computes the check character of %s', (body, check) => {
    expect(residentIdCheckChar(body)).toBe(check);
  });

  it('uses every check character of the table "10X98765432"', () => {
    const seen = new Set<string>();
    for (let seq = 0; seq < 200; seq++) seen.add(residentIdCheckChar(`31011519800101${String(seq).padStart(3, '0')}`));
    expect([...seen].sort().join('')).toBe('0123456789X');
  });

  it.each(['1101051949123100', '110105194912310021', '1101051949123100X', ''])('throws on %j', (body) => {
    expect(() => residentIdCheckChar(body)).toThrow(RangeError);
  });
});

describe('withCheckChar', () => {
  it('appends the check character', () => {
    expect(withCheckChar('11010519491231002')).toBe('11010519491231002X');
  });
});

describe('normalizeResidentId', () => {
  it.each([
    ['11010519491231002x', '11010519491231002X'],
    [' 110105 19491231 002X\t', '11010519491231002X'],
    ['１１０１０５１９４９１２３１００２ｘ', '11010519491231002X'],
  ])('normalizes %j', (raw, expected) => {
    expect(normalizeResidentId(raw)).toBe(expected);
  });
});

describe('parseResidentId', () => {
  const female1949 = { ok: true, value: '11010519491231002X', birthDate: '1949-12-31', gender: Gender.FEMALE };

  it.each([
    ['the standard example', '11010519491231002X'],
    ['lower-case x', '11010519491231002x'],
    ['full-width digits', '１１０１０５１９４９１２３１００２Ｘ'],
    ['full-width lower-case x', '１１０１０５１９４９１２３１００２ｘ'],
    ['spaces inside', '110105 19491231 002X'],
    ['ideographic and no-break spaces', '\u3000110105\u00A019491231\u3000002X '],
  ])('accepts %s', (_label, raw) => {
    expect(parseResidentId(raw, TODAY)).toEqual(female1949);
  });

  it.each([
    ['odd 17th digit', '41102419890315001', '1989-03-15', Gender.MALE],
    ['even 17th digit', '41102419890315002', '1989-03-15', Gender.FEMALE],
    ['zero 17th digit', '31011520000229010', '2000-02-29', Gender.FEMALE],
    ['born on the earliest date', '11010519000101003', '1900-01-01', Gender.MALE],
    ['born today', '11010520250615004', TODAY, Gender.FEMALE],
  ])('derives birth date and gender: %s', (_label, body, birthDate, gender) => {
    const value = withCheckChar(body);
    expect(parseResidentId(value, TODAY)).toEqual({ ok: true, value, birthDate, gender });
  });

  it('accepts a genuine number ending in 000', () => {
    let value: string | undefined;
    for (let i = 0; i < 100 && !value; i++) {
      const body = `3101${String(i).padStart(2, '0')}19800101100`;
      if (residentIdCheckChar(body) === '0') value = `${body}0`;
    }
    expect(value).toMatch(/000$/);
    expect(parseResidentId(value!, TODAY).ok).toBe(true);
  });

  it.each<[string, string, ResidentIdReason]>([
    ['empty', '', 'EMPTY'],
    ['blank', ' \u3000 ', 'EMPTY'],
    ['wrong check character', '110105194912310021', 'CHECKSUM'],
    ['two digits swapped', '11010591491231002X', 'CHECKSUM'],
    ['17 characters', '11010519491231002', 'LENGTH'],
    ['19 characters', '11010519491231002X1', 'LENGTH'],
    ['a 15-digit first-generation number', '110105491231002', 'LENGTH'],
    ['X not at the end', '1101051949123100X2', 'FORMAT'],
    ['another letter', '11010519491231002Y', 'FORMAT'],
    ['a hyphen', '110105-1949123102X', 'FORMAT'],
    ['invalid birth date 19990230', withCheckChar('11010519990230123'), 'BIRTH_DATE'],
    ['month 13', withCheckChar('11010519991301123'), 'BIRTH_DATE'],
    ['day 00', withCheckChar('11010519990100123'), 'BIRTH_DATE'],
    ['29 Feb 1900', withCheckChar('11010519000229123'), 'BIRTH_DATE'],
    ['born before 1900', withCheckChar('11010518991231123'), 'BIRTH_DATE'],
    ['born tomorrow', withCheckChar('11010520250616123'), 'FUTURE_BIRTH_DATE'],
    ['born in 2099', withCheckChar('11010520990101123'), 'FUTURE_BIRTH_DATE'],
    ['Excel scientific notation', '4.11024198903150E+17', 'PRECISION_LOST'],
    ['Excel scientific notation, lower case', '4.11024198903150e+17', 'PRECISION_LOST'],
    ['Excel scientific notation, short', '4.11024E+17', 'PRECISION_LOST'],
    ['Excel scientific notation, full width', '４.１１０２４１９８９０３１５０Ｅ＋１７', 'PRECISION_LOST'],
    ['last three digits zeroed by Excel', '411024198903150000', 'PRECISION_LOST'],
  ])('rejects %s', (_label, raw, reason) => {
    expect(parseResidentId(raw, TODAY)).toEqual({ ok: false, reason });
  });

  it('checks the check character before the birth date', () => {
    const body = '11010519990230123';
    const wrong = residentIdCheckChar(body) === '1' ? '2' : '1';
    expect(parseResidentId(body + wrong, TODAY)).toEqual({ ok: false, reason: 'CHECKSUM' });
  });

  it('throws on a malformed today', () => {
    expect(() => parseResidentId('11010519491231002X', '2025/06/15')).toThrow(RangeError);
  });
});
