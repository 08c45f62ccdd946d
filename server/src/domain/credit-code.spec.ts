import { describe, expect, it } from 'vitest';
import { CREDIT_CODE_ALPHABET, creditCodeCheckChar, makeCreditCode, normalizeCreditCode, validateCreditCode } from './credit-code.js';

// Published codes of real companies; each one was checked against the
// GB 32100-2015 algorithm before being listed here.
const validCodes = ['91350100M000100Y43', '91440300708461136T', '9144030071526726XG', '91110108551385082Q', '91110000710935732K', '91330100716105852F'];

describe('creditCodeCheckChar', () => {
  it.each(validCodes)('computes the check character of %s', (code) => {
    expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code[17]);
  });

  it.each([
    ['too short', '9135010'],
    ['forbidden letter', '91350100M000100YI'],
  ])('throws on %s', (_label, first17) => {
    expect(() => creditCodeCheckChar(first17)).toThrow(RangeError);
  });
});

describe('normalizeCreditCode', () => {
  it.each([
    ['  91350100m000100y43 ', '91350100M000100Y43'],
    ['９１３５０１００Ｍ０００１００Ｙ４３', '91350100M000100Y43'],
    ['\u3000９１３５０１００ｍ０００１００ｙ４３\u3000', '91350100M000100Y43'],
  ])('normalizes %j', (raw, expected) => {
    expect(normalizeCreditCode(raw)).toBe(expected);
  });
});

describe('validateCreditCode', () => {
  it.each(validCodes)('accepts %s', (code) => {
    expect(validateCreditCode(code)).toEqual({ ok: true, value: code });
  });

  it.each([
    ['lower case', '91350100m000100y43', '91350100M000100Y43'],
    ['full width', '９１３５０１００Ｍ０００１００Ｙ４３', '91350100M000100Y43'],
    ['surrounding spaces', ' 9144030071526726xg\t', '9144030071526726XG'],
  ])('accepts %s input and returns the normalized code', (_label, raw, value) => {
    expect(validateCreditCode(raw)).toEqual({ ok: true, value });
  });

  it.each([
    ['empty', '', 'LENGTH'],
    ['17 characters', '91350100M000100Y4', 'LENGTH'],
    ['19 characters', '91350100M000100Y433', 'LENGTH'],
    ['letter I', '91350100M000100I43', 'CHARSET'],
    ['letter O', '91350100M000100O43', 'CHARSET'],
    ['letter Z', '91350100M000100Z43', 'CHARSET'],
    ['letter S', '91350100M000100S43', 'CHARSET'],
    ['letter V', '91350100M000100V43', 'CHARSET'],
    ['a hyphen', '91350100-000100Y43', 'CHARSET'],
    ['wrong check character', '91350100M000100Y44', 'CHECKSUM'],
    ['wrong check character (letter)', '9144030071526726XH', 'CHECKSUM'],
    ['two digits swapped', '91350100M000010Y43', 'CHECKSUM'],
  ] as const)('rejects %s', (_label, raw, reason) => {
    expect(validateCreditCode(raw)).toEqual({ ok: false, reason });
  });

  it('maps a check value of 31 to 0', () => {
    // Find a 17-character prefix whose weighted sum is a multiple of 31.
    let code: string | undefined;
    for (let i = 0; i < 31 && !code; i++) {
      const first17 = `9131011500000000${CREDIT_CODE_ALPHABET[i]}`;
      if (creditCodeCheckChar(first17) === '0') code = `${first17}0`;
    }
    expect(code).toBeDefined();
    expect(validateCreditCode(code!)).toEqual({ ok: true, value: code });
  });
});

describe('makeCreditCode', () => {
  const seeds = Array.from({ length: 2000 }, (_, i) => i * 7919 + (i % 3) * 31 ** 8);

  it.each([0, 1, 30, 31, 123_456, 31 ** 9 - 1])('builds a valid code for seed %i', (seed) => {
    const code = makeCreditCode(seed);
    expect(code).toMatch(/^91310115[0-9A-HJ-NPQRTUWXY]{10}$/);
    expect(validateCreditCode(code)).toEqual({ ok: true, value: code });
  });

  it('is deterministic', () => {
    expect(makeCreditCode(42)).toBe(makeCreditCode(42));
  });

  it('builds valid, distinct codes for many seeds', () => {
    const codes = seeds.map(makeCreditCode);
    for (const code of codes) expect(validateCreditCode(code).ok).toBe(true);
    expect(new Set(codes).size).toBe(seeds.length);
  });

  it.each([-1, 1.5, Number.NaN])('refuses seed %s', (seed) => {
    expect(() => makeCreditCode(seed)).toThrow(RangeError);
  });
});
