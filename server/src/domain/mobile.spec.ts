import { describe, expect, it } from 'vitest';
import { normalizeMobile } from './mobile.js';

describe('normalizeMobile', () => {
  it.each([
    ['plain', '13800138000'],
    ['+86 and spaces', '+86 138 0013 8000'],
    ['0086 and a hyphen', '0086-13800138000'],
    ['86 prefix', '8613800138000'],
    ['+86 with a hyphen', '+86-138-0013-8000'],
    ['hyphens', '138-0013-8000'],
    ['full-width digits', '１３８００１３８０００'],
    ['full-width plus and spaces', '＋８６\u3000１３８\u3000００１３\u3000８０００'],
    ['surrounding spaces', ' 13800138000\t'],
    ['en dash', '138–0013–8000'],
  ])('accepts %s', (_label, raw) => {
    expect(normalizeMobile(raw)).toEqual({ ok: true, value: '13800138000' });
  });

  it.each([
    ['13 prefix', '13012345678'],
    ['19 prefix', '19912345678'],
    ['16 prefix', '16612345678'],
  ])('accepts the %s', (_label, raw) => {
    expect(normalizeMobile(raw)).toEqual({ ok: true, value: raw });
  });

  it.each([
    ['empty', '', 'EMPTY'],
    ['blank', ' \u3000 ', 'EMPTY'],
    ['12 prefix', '12800138000', 'FORMAT'],
    ['10 prefix', '10800138000', 'FORMAT'],
    ['10 digits', '1380013800', 'FORMAT'],
    ['12 digits', '138001380001', 'FORMAT'],
    ['a landline', '021-64381234', 'FORMAT'],
    ['a letter', '1380013800O', 'FORMAT'],
    ['another country code', '+85213800138000', 'FORMAT'],
    ['86 with too few digits', '861380013800', 'FORMAT'],
    ['plus inside', '138+00138000', 'FORMAT'],
    ['Excel scientific notation', '1.38001E+10', 'FORMAT'],
  ] as const)('rejects %s', (_label, raw, reason) => {
    expect(normalizeMobile(raw)).toEqual({ ok: false, reason });
  });
});
