import argon2 from 'argon2';
import { randomInt } from 'node:crypto';
import type { MessageKey } from '../common/i18n/messages.js';
import { COMMON_PASSWORDS } from './common-passwords.js';

/** OWASP's argon2id floor (m=19 MiB, t=2, p=1), pinned rather than left to the library's defaults. */
export const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** Verified against when the username is unknown, so both paths cost one argon2 verification. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  return (dummyHash ??= hashPassword('no-such-account-placeholder'));
}

/** Which rule a chosen password breaks; each has its own message (passwordProblemMessage). */
export type PasswordProblem = 'TOO_SHORT' | 'TOO_LONG' | 'NEEDS_LETTER_AND_DIGIT' | 'CONTAINS_USERNAME' | 'TOO_COMMON';

/** Undoes the usual swaps, so p@ssw0rd reads as password. */
const SWAPS: Record<string, string> = { '@': 'a', '4': 'a', '0': 'o', '1': 'i', '!': 'i', '3': 'e', $: 's', '5': 's', '7': 't' };

/** The forms compared with the common list: as typed, without digits and symbols around it, unswapped. */
function commonForms(password: string): string[] {
  const lower = password.toLowerCase();
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  const unswapped = core.replace(/[@40135!$7]/g, (c) => SWAPS[c]);
  return [lower, lower.replace(/[^\p{L}]+$/u, ''), core, unswapped];
}

const COMMON = new Set(COMMON_PASSWORDS.flatMap(commonForms).filter((f) => f !== ''));

/**
 * The one password policy, for every password a person chooses (not the generated temporary ones):
 * 8-128 characters, letters and digits, not containing the username, not a common password give or
 * take digits and symbols at its ends. Returns the first rule broken, or null.
 */
export function passwordProblem(password: string, username: string): PasswordProblem | null {
  if (password.length < MIN_PASSWORD_LENGTH) return 'TOO_SHORT';
  if (password.length > MAX_PASSWORD_LENGTH) return 'TOO_LONG';
  if (!/\p{L}/u.test(password) || !/\d/.test(password)) return 'NEEDS_LETTER_AND_DIGIT';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return 'CONTAINS_USERNAME';
  if (commonForms(password).some((f) => COMMON.has(f))) return 'TOO_COMMON';
  return null;
}

/** The message keys of the rules, with their parameters. */
export function passwordProblemMessage(problem: PasswordProblem): { key: MessageKey; params?: Record<string, number> } {
  switch (problem) {
    case 'TOO_SHORT':
      return { key: 'passwordTooShort', params: { min: MIN_PASSWORD_LENGTH } };
    case 'TOO_LONG':
      return { key: 'passwordTooLong', params: { max: MAX_PASSWORD_LENGTH } };
    case 'NEEDS_LETTER_AND_DIGIT':
      return { key: 'passwordNeedsLetterAndDigit' };
    case 'CONTAINS_USERNAME':
      return { key: 'passwordContainsUsername' };
    case 'TOO_COMMON':
      return { key: 'passwordTooCommon' };
  }
}

/** A temporary password given out once on creation or reset: 12 characters, no look-alikes, within the policy. */
export function temporaryPassword(username: string): string {
  for (;;) {
    const candidate = randomPassword();
    if (passwordProblem(candidate, username) === null) return candidate;
  }
}

function randomPassword(): string {
  const letters = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
  const digits = '23456789';
  const all = letters + digits;
  const chars = [letters[randomInt(letters.length)], digits[randomInt(digits.length)]];
  while (chars.length < 12) chars.push(all[randomInt(all.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}
