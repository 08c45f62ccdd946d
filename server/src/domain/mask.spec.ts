import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskMobile, maskPersonalNumbers } from './mask.js';

describe('maskIdNumber', () => {
  it.each([
    ['412826199001010026', '4128 **** **** 0026'],
    ['11010519491231002X', '1101 **** **** 002X'],
    ['E12345678', 'E1****78'],
    ['G1234567', 'G1****67'],
    ['南字第12345号', '南字****5号'],
    ['12345678', '12****78'],
    ['1234567', '1****7'],
    ['A1234', 'A****4'],
    ['ABCD', 'A****D'],
    ['ABC', '****'],
    ['AB', '****'],
    ['', ''],
    ['A'.repeat(30), 'AA****AA'],
    ['𠀀𠀁𠀂𠀃𠀄𠀅𠀆𠀇', '𠀀𠀁****𠀆𠀇'],
  ])('masks %j as %j', (value, masked) => {
    expect(maskIdNumber(value)).toBe(masked);
  });

  it.each(['E12345678', 'AB', 'ABC', 'ABCD', '1234567', '11010519491231002X'])('never shows more than half of %j', (value) => {
    const shown = maskIdNumber(value).replace(/[\s*]/g, '').length;
    expect(shown).toBeLessThanOrEqual(value.length / 2);
  });
});

describe('maskMobile', () => {
  it.each([
    ['13800138000', '138****8000'],
    ['19912345678', '199****5678'],
    ['1380013800', '13****00'],
    ['', ''],
  ])('masks %j as %j', (value, masked) => {
    expect(maskMobile(value)).toBe(masked);
  });
});

describe('maskPersonalNumbers', () => {
  it.each([
    ['340104199001011234', '3401 **** **** 1234'],
    ['11010519491231002x', '1101 **** **** 002x'],
    ['search=340104199001011234&category=FLEXIBLE', 'search=3401 **** **** 1234&category=FLEXIBLE'],
    ['{"search":"13912345678"}', '{"search":"139****5678"}'],
    ['电话 139-1234-5678，证件 110105491231002', '电话 139****5678，证件 11****02'],
    ['+8613912345678', '139****5678'],
    ['００８６１３９１２３４５６７８', '139****5678'],
    ['３４０１０４１９９００１０１１２３４号', '3401 **** **** 1234号'],
    ['１号楼', '１号楼'],
    ['张三', '张三'],
  ])('masks %j as %j', (text, masked) => {
    expect(maskPersonalNumbers(text)).toBe(masked);
  });

  it.each([
    ['a bank card', '6231234567890123456'],
    ['a member number', '000000000123'],
    ['a millisecond time', '"time":1732962345123'],
    ['a credit code', '91310115MA1K3XXXX8'],
    ['an ISO date', '2024-12-27T08:00:00.000Z'],
    ['a UUID', '7f0c1d2e-1391-4a5b-9c8d-139123456789'],
  ])('leaves %s alone', (_what, text) => {
    expect(maskPersonalNumbers(text)).toBe(text);
  });
});
