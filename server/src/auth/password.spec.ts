import { describe, expect, it } from 'vitest';
import { passwordProblem, temporaryPassword } from './password.js';
import { COMMON_PASSWORDS } from './common-passwords.js';

describe('password policy', () => {
  it.each([
    ['Tunnel2026x', null],
    ['abcdefg1', 'TOO_COMMON'],
    ['Zq7-orchid-lamp', null],
    ['工会会员2026', null],
    ['a'.repeat(63) + 'Z1', null],
    ['abc1', 'TOO_SHORT'],
    ['a'.repeat(128) + '1', 'TOO_LONG'],
    ['abcdefghij', 'NEEDS_LETTER_AND_DIGIT'],
    ['12345678', 'NEEDS_LETTER_AND_DIGIT'],
    ['Password1', 'TOO_COMMON'],
    ['Qwerty123!', 'TOO_COMMON'],
    ['Admin@2024', 'TOO_COMMON'],
    ['P@ssw0rd!', 'TOO_COMMON'],
    ['2024@Welcome', 'TOO_COMMON'],
    ['1qaz2wsx', 'TOO_COMMON'],
    ['woaini1314', 'TOO_COMMON'],
    ['Shanghai2025', 'TOO_COMMON'],
    ['a12345678', 'TOO_COMMON'],
    ['Demo@2025', 'TOO_COMMON'], // the seeded demo password is not chosen through the policy
  ])('%s -> %s', (pw, problem) => {
    expect(passwordProblem(pw, 'someone')).toBe(problem);
  });

  it('refuses a password containing the username, whatever the case', () => {
    expect(passwordProblem('Jianlang1', 'jianlang')).toBe('CONTAINS_USERNAME');
    expect(passwordProblem('my-XUHUI-GR1-pw', 'xuhui-gr1')).toBe('CONTAINS_USERNAME');
    expect(passwordProblem('Center2025', 'center2025')).toBe('CONTAINS_USERNAME');
  });

  it('holds a few hundred common passwords', () => {
    expect(COMMON_PASSWORDS.length).toBeGreaterThan(300);
    expect(new Set(COMMON_PASSWORDS).size).toBe(COMMON_PASSWORDS.length);
  });

  it('temporary passwords are within the policy and differ', () => {
    const all = Array.from({ length: 50 }, () => temporaryPassword('x'));
    expect(new Set(all).size).toBe(50);
    expect(all.every((p) => passwordProblem(p, 'x') === null)).toBe(true);
  });
});
