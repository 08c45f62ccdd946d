import { describe, expect, it } from 'vitest';
import { assertIsoDate, excelSerialToDate, isCalendarDate, parseDateLoose, parseIdExpiry } from './id-expiry.js';

const TODAY = '2025-06-15';

describe('isCalendarDate', () => {
  it.each([
    [2024, 2, 29, true],
    [2023, 2, 29, false],
    [2000, 2, 29, true],
    [1900, 2, 29, false],
    [2025, 4, 30, true],
    [2025, 4, 31, false],
    [2025, 12, 31, true],
    [2025, 13, 1, false],
    [2025, 0, 1, false],
    [2025, 1, 0, false],
    [0, 1, 1, false],
    [2025, 1.5, 1, false],
  ])('%i-%i-%i is %s', (y, m, d, expected) => {
    expect(isCalendarDate(y, m, d)).toBe(expected);
  });
});

describe('excelSerialToDate', () => {
  it.each([
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [61, '1900-03-01'],
    [25569, '1970-01-01'],
    [36526, '2000-01-01'],
    [45658, '2025-01-01'],
    [45658.75, '2025-01-01'],
    [2958465, '9999-12-31'],
  ])('serial %d is %s', (serial, date) => {
    expect(excelSerialToDate(serial)).toEqual({ ok: true, date });
  });

  it('refuses the 1900-02-29 that Excel invents (serial 60)', () => {
    expect(excelSerialToDate(60)).toEqual({ ok: false, reason: 'INVALID_DATE' });
  });

  it.each([0, -1, 0.5, 2958466, Number.NaN, Number.POSITIVE_INFINITY])('refuses serial %d', (serial) => {
    expect(excelSerialToDate(serial)).toEqual({ ok: false, reason: 'FORMAT' });
  });
});

describe('parseDateLoose', () => {
  it.each<[string, string | number | Date, string]>([
    ['ISO', '2033-01-01', '2033-01-01'],
    ['slashes', '2033/1/1', '2033-01-01'],
    ['dots', '2033.1.1', '2033-01-01'],
    ['compact', '20330101', '2033-01-01'],
    ['Chinese', '2033年1月1日', '2033-01-01'],
    ['Chinese without 日', '2033年12月31', '2033-12-31'],
    ['Chinese with spaces', ' 2033 年 1 月 1 日 ', '2033-01-01'],
    ['full-width digits', '２０３３－０１－０１', '2033-01-01'],
    ['full-width slashes', '２０３３／１／１', '2033-01-01'],
    ['full-width Chinese', '２０３３年１月１日', '2033-01-01'],
    ['surrounding ideographic spaces', '\u30002033-01-01\u3000', '2033-01-01'],
    ['Excel serial', 45658, '2025-01-01'],
    ['number typed as YYYYMMDD', 20330101, '2033-01-01'],
    ['Date at UTC midnight', new Date(Date.UTC(2033, 0, 1)), '2033-01-01'],
    ['Date late in the UTC day', new Date('2033-01-01T23:30:00Z'), '2033-01-01'],
    ['leap day', '2024-02-29', '2024-02-29'],
  ])('reads %s', (_label, raw, date) => {
    expect(parseDateLoose(raw)).toEqual({ ok: true, date });
  });

  it.each<[string, string | number | Date, 'FORMAT' | 'INVALID_DATE']>([
    ['29 Feb of a common year', '2023-02-29', 'INVALID_DATE'],
    ['month 13', '2033/13/1', 'INVALID_DATE'],
    ['day 32', '20330132', 'INVALID_DATE'],
    ['31 April', '2033年4月31日', 'INVALID_DATE'],
    ['8-digit number that is no date', 20331301, 'INVALID_DATE'],
    ['invalid Date', new Date(Number.NaN), 'INVALID_DATE'],
    ['empty', '', 'FORMAT'],
    ['text', '明年', 'FORMAT'],
    ['mixed separators', '2033-1/1', 'FORMAT'],
    ['two-digit year', '33-01-01', 'FORMAT'],
    ['day first', '01/01/2033', 'FORMAT'],
    ['7 digits', '2033011', 'FORMAT'],
    ['serial as text', '45658', 'FORMAT'],
    ['with a time', '2033-01-01 08:00', 'FORMAT'],
    ['negative number', -5, 'FORMAT'],
  ])('refuses %s', (_label, raw, reason) => {
    expect(parseDateLoose(raw)).toEqual({ ok: false, reason });
  });
});

describe('parseIdExpiry', () => {
  it.each<[string, string | number | Date, { longTerm: true } | { longTerm: false; date: string }]>([
    ['长期', '长期', { longTerm: true }],
    ['长期有效', ' 长期有效 ', { longTerm: true }],
    ['long-term', 'long-term', { longTerm: true }],
    ['LONG-TERM', 'LONG-TERM', { longTerm: true }],
    ['Long Term', 'Long Term', { longTerm: true }],
    ['ISO date', '2033-01-01', { longTerm: false, date: '2033-01-01' }],
    ['slashes', '2033/1/1', { longTerm: false, date: '2033-01-01' }],
    ['dots', '2033.1.1', { longTerm: false, date: '2033-01-01' }],
    ['compact', '20330101', { longTerm: false, date: '2033-01-01' }],
    ['Chinese', '2033年1月1日', { longTerm: false, date: '2033-01-01' }],
    ['full-width digits', '２０３３０１０１', { longTerm: false, date: '2033-01-01' }],
    ['Excel serial', 49310, { longTerm: false, date: '2035-01-01' }],
    ['Date', new Date(Date.UTC(2033, 0, 1)), { longTerm: false, date: '2033-01-01' }],
    ['expiring today', TODAY, { longTerm: false, date: TODAY }],
  ])('accepts %s', (_label, raw, value) => {
    expect(parseIdExpiry(raw, TODAY)).toEqual({ ok: true, value });
  });

  it('reads serial 45658 as 2025-01-01', () => {
    expect(parseIdExpiry(45658, '2024-12-31')).toEqual({ ok: true, value: { longTerm: false, date: '2025-01-01' } });
    expect(parseIdExpiry(45658, '2025-01-02')).toEqual({ ok: false, reason: 'EXPIRED' });
  });

  it.each<[string, string | number | Date | null | undefined, string]>([
    ['null', null, 'EMPTY'],
    ['undefined', undefined, 'EMPTY'],
    ['empty', '', 'EMPTY'],
    ['blank', ' \u3000 ', 'EMPTY'],
    ['text', '永久', 'FORMAT'],
    ['long', '长', 'FORMAT'],
    ['29 Feb of a common year', '2023-02-29', 'INVALID_DATE'],
    ['Excel serial 60', 60, 'INVALID_DATE'],
    ['expired yesterday', '2025-06-14', 'EXPIRED'],
    ['expired years ago', '2015/6/15', 'EXPIRED'],
    ['expired Excel serial', 45658, 'EXPIRED'],
  ])('rejects %s', (_label, raw, reason) => {
    expect(parseIdExpiry(raw, TODAY)).toEqual({ ok: false, reason });
  });

  it.each(['2025-6-15', '20250615', '', '2025-02-30'])('throws on a malformed today %j', (today) => {
    expect(() => parseIdExpiry('长期', today)).toThrow(RangeError);
    expect(() => assertIsoDate(today)).toThrow(RangeError);
  });
});
