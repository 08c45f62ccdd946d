import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskMobile } from './mask.js';

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
