import { describe, expect, it } from 'vitest';
import { ID_TYPE_LABELS_ZH, IdType, idTypeFromChineseLabel, validateIdNumber, type IdNumberReason } from './id-document.js';
import { Gender } from './member-category.js';
import { residentIdCheckChar, withCheckChar } from './resident-id.js';

const TODAY = '2025-06-15';

/** `body17` followed by a check character that is not the right one. */
const withWrongCheckChar = (body17: string) => body17 + (residentIdCheckChar(body17) === '1' ? '2' : '1');

describe('ID_TYPE_LABELS_ZH', () => {
  it('labels every type', () => {
    expect(ID_TYPE_LABELS_ZH).toEqual({
      RESIDENT_ID: '身份证',
      HK_MACAO_TAIWAN_PERMIT: '港澳台居民居住证',
      PASSPORT: '护照',
      OTHER: '其他',
    });
  });
});

describe('idTypeFromChineseLabel', () => {
  it.each([
    ['身份证', IdType.RESIDENT_ID],
    ['居民身份证', IdType.RESIDENT_ID],
    ['港澳台居民居住证', IdType.HK_MACAO_TAIWAN_PERMIT],
    ['港澳台居住证', IdType.HK_MACAO_TAIWAN_PERMIT],
    [' 护照 ', IdType.PASSPORT],
    ['其他', IdType.OTHER],
    ['其它', IdType.OTHER],
    ['passport', IdType.PASSPORT],
    ['RESIDENT_ID', IdType.RESIDENT_ID],
  ])('reads %j', (text, expected) => {
    expect(idTypeFromChineseLabel(text)).toBe(expected);
  });

  it.each(['', '驾驶证', null, undefined])('returns null for %j', (text) => {
    expect(idTypeFromChineseLabel(text)).toBeNull();
  });
});

describe('validateIdNumber', () => {
  describe('RESIDENT_ID', () => {
    it('parses a resident ID and derives birth date and gender', () => {
      expect(validateIdNumber(IdType.RESIDENT_ID, '11010519491231002x', TODAY)).toEqual({
        ok: true,
        value: '11010519491231002X',
        birthDate: '1949-12-31',
        gender: Gender.FEMALE,
      });
    });

    it.each<[string, string, IdNumberReason]>([
      ['wrong check character', '110105194912310021', 'CHECKSUM'],
      ['17 characters', '11010519491231002', 'LENGTH'],
      ['Excel scientific notation', '4.11024198903150E+17', 'PRECISION_LOST'],
      ['a Hong Kong residence permit', withCheckChar('81000019900101001'), 'REGION'],
      ['a Taiwan residence permit with a wrong check character', withWrongCheckChar('83000019900101001'), 'REGION'],
    ])('rejects %s', (_label, raw, reason) => {
      expect(validateIdNumber(IdType.RESIDENT_ID, raw, TODAY)).toEqual({ ok: false, reason });
    });
  });

  describe('HK_MACAO_TAIWAN_PERMIT', () => {
    it.each([
      ['Hong Kong', '81000019900101001', Gender.MALE],
      ['Macao', '82000019851231002', Gender.FEMALE],
      ['Taiwan', '83000020000229013', Gender.MALE],
    ])('accepts a %s permit', (_label, body, gender) => {
      const value = withCheckChar(body);
      const birthDate = `${body.slice(6, 10)}-${body.slice(10, 12)}-${body.slice(12, 14)}`;
      expect(validateIdNumber(IdType.HK_MACAO_TAIWAN_PERMIT, value, TODAY)).toEqual({ ok: true, value, birthDate, gender });
    });

    it('normalizes full width, spaces and a lower-case x', () => {
      let value: string | undefined;
      for (let seq = 0; seq < 100 && !value; seq++) {
        const candidate = withCheckChar(`810000199001010${String(seq).padStart(2, '0')}`);
        if (candidate.endsWith('X')) value = candidate;
      }
      expect(value).toBeDefined();
      const raw = ` ８１００００ ${value!.slice(6, 17)}x`;
      expect(validateIdNumber(IdType.HK_MACAO_TAIWAN_PERMIT, raw, TODAY)).toMatchObject({ ok: true, value });
    });

    it.each<[string, string, IdNumberReason]>([
      ['empty', '', 'EMPTY'],
      ['a mainland resident ID', '11010519491231002X', 'REGION'],
      ["Taiwan's mainland address code 710000", withCheckChar('71000019900101001'), 'REGION'],
      ['wrong check character', withWrongCheckChar('81000019900101001'), 'CHECKSUM'],
      ['17 characters', '81000019900101001', 'LENGTH'],
      ['a letter inside', '81000019900101A01X', 'FORMAT'],
      ['invalid birth date', withCheckChar('81000019900231001'), 'BIRTH_DATE'],
      ['future birth date', withCheckChar('82000020300101001'), 'FUTURE_BIRTH_DATE'],
      ['Excel scientific notation', '8.10000199001010E+17', 'PRECISION_LOST'],
    ])('rejects %s', (_label, raw, reason) => {
      expect(validateIdNumber(IdType.HK_MACAO_TAIWAN_PERMIT, raw, TODAY)).toEqual({ ok: false, reason });
    });
  });

  describe('PASSPORT', () => {
    it.each([
      ['E12345678', 'E12345678'],
      ['G1234567', 'G1234567'],
      ['e12345678', 'E12345678'],
      [' E 1234 5678 ', 'E12345678'],
      ['Ｅ１２３４５６７８', 'E12345678'],
      ['A1234', 'A1234'],
      ['AB123456789012345', 'AB123456789012345'],
    ])('accepts %j', (raw, value) => {
      expect(validateIdNumber(IdType.PASSPORT, raw, TODAY)).toEqual({ ok: true, value });
    });

    it.each<[string, string, IdNumberReason]>([
      ['empty', '  ', 'EMPTY'],
      ['4 characters', 'E123', 'LENGTH'],
      ['18 characters', 'E12345678901234567', 'LENGTH'],
      ['a hyphen', 'E1234-5678', 'FORMAT'],
      ['Chinese', '护照E1234567', 'FORMAT'],
    ])('rejects %s', (_label, raw, reason) => {
      expect(validateIdNumber(IdType.PASSPORT, raw, TODAY)).toEqual({ ok: false, reason });
    });
  });

  describe('OTHER', () => {
    it.each([
      ['AB', 'AB'],
      ['南字第12345号', '南字第12345号'],
      ['  军官证  第 １２３ 号 ', '军官证 第 123 号'],
      ['x-123/45', 'X-123/45'],
      ['A'.repeat(30), 'A'.repeat(30)],
    ])('accepts %j', (raw, value) => {
      expect(validateIdNumber(IdType.OTHER, raw, TODAY)).toEqual({ ok: true, value });
    });

    it.each<[string, string, IdNumberReason]>([
      ['empty', '', 'EMPTY'],
      ['blank', '\u3000', 'EMPTY'],
      ['1 character', 'A', 'LENGTH'],
      ['31 characters', 'A'.repeat(31), 'LENGTH'],
      ['a control character', 'AB\u0007CD', 'FORMAT'],
      ['a zero-width space', 'AB\u200BCD', 'FORMAT'],
    ])('rejects %s', (_label, raw, reason) => {
      expect(validateIdNumber(IdType.OTHER, raw, TODAY)).toEqual({ ok: false, reason });
    });
  });

  it('throws on an unknown type or a malformed today', () => {
    expect(() => validateIdNumber('DRIVING_LICENCE' as IdType, 'AB', TODAY)).toThrow(RangeError);
    expect(() => validateIdNumber(IdType.PASSPORT, 'E12345678', '2025-13-01')).toThrow(RangeError);
  });
});
