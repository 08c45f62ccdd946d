import { describe, expect, it } from 'vitest';
import { checkWorkAddress, countHanzi } from './work-address.js';

/** `n` Chinese characters. */
const hanzi = (n: number) => '上海市浦东新区世纪大道张江高科技园区碧波路'.repeat(2).slice(0, n);

describe('countHanzi', () => {
  it.each([
    ['', 0],
    ['上海市浦东新区世纪大道100号', 12],
    ['Room 5, No. 100', 0],
    ['上海市（浦东）', 5],
    ['〇一二', 2],
    ['㐀', 1], // Extension A
    ['𠀀𠮷', 2], // Extension B, outside the BMP
    ['，。、：', 0],
  ])('%j has %i', (s, n) => {
    expect(countHanzi(s)).toBe(n);
  });

  it('builds test addresses of the wanted length', () => {
    expect(countHanzi(hanzi(19))).toBe(19);
    expect(countHanzi(hanzi(20))).toBe(20);
  });
});

describe('checkWorkAddress', () => {
  describe('for a card', () => {
    it.each([
      ['7 Chinese characters', hanzi(7)],
      ['19 Chinese characters', hanzi(19)],
      ['digits do not count', '上海市浦东新区世纪大道100号'],
      ['7 Chinese characters and digits', '浦东新区大道1号'],
      ['19 Chinese characters and many digits', `${hanzi(19)}1234567890`],
    ])('accepts %s', (_label, raw) => {
      expect(checkWorkAddress(raw, true)).toEqual({ ok: true, value: raw });
    });

    it.each([
      ['null', null, 'REQUIRED_FOR_CARD'],
      ['undefined', undefined, 'REQUIRED_FOR_CARD'],
      ['empty', '', 'REQUIRED_FOR_CARD'],
      ['blank', ' \u3000 ', 'REQUIRED_FOR_CARD'],
      ['6 Chinese characters', hanzi(6), 'TOO_SHORT'],
      ['6 Chinese characters and digits', '世纪大道100号楼', 'TOO_SHORT'],
      ['no Chinese at all', '100 Century Avenue, Pudong', 'TOO_SHORT'],
      ['20 Chinese characters', hanzi(20), 'TOO_LONG'],
      ['40 Chinese characters', hanzi(40), 'TOO_LONG'],
      ['19 Chinese characters but over 100 in all', `${hanzi(19)}${'1'.repeat(82)}`, 'TOO_LONG_ABSOLUTE'],
    ] as const)('rejects %s', (_label, raw, reason) => {
      expect(checkWorkAddress(raw, true)).toEqual({ ok: false, reason });
    });
  });

  describe('without a card', () => {
    it.each([
      ['null', null],
      ['undefined', undefined],
      ['empty', ''],
      ['blank', '\u3000\t '],
    ])('takes %s as no address', (_label, raw) => {
      expect(checkWorkAddress(raw, false)).toEqual({ ok: true, value: null });
    });

    it.each([
      ['6 Chinese characters', hanzi(6)],
      ['20 Chinese characters', hanzi(20)],
      ['no Chinese at all', '100 Century Avenue'],
      ['100 characters', '号'.repeat(100)],
    ])('accepts %s', (_label, raw) => {
      expect(checkWorkAddress(raw, false)).toEqual({ ok: true, value: raw });
    });

    it('rejects more than 100 characters', () => {
      expect(checkWorkAddress('号'.repeat(101), false)).toEqual({ ok: false, reason: 'TOO_LONG_ABSOLUTE' });
    });
  });

  it.each([true, false])('normalizes spaces (forCard %s)', (forCard) => {
    expect(checkWorkAddress('\u3000上海市  浦东新区\u00A0世纪大道 100号 ', forCard)).toEqual({
      ok: true,
      value: '上海市 浦东新区 世纪大道 100号',
    });
  });
});
