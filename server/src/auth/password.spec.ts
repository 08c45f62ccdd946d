import { describe, expect, it } from 'vitest';
import { isAcceptablePassword, temporaryPassword } from './password.js';
import { permissionsOf, Permission } from './permissions.js';
import { Role } from '../modules/account/role.js';
import { Tier } from '../org-scope/tier.js';

describe('password policy', () => {
  it.each([
    ['Demo@2025', true],
    ['abcdefg1', true],
    ['a'.repeat(63) + '1', true],
    ['abc1', false],
    ['abcdefgh', false],
    ['12345678', false],
    ['jianlang1', true],
    ['a'.repeat(128) + '1', false],
  ])('%s -> %s', (pw, ok) => {
    expect(isAcceptablePassword(pw, 'someone')).toBe(ok);
  });

  it('refuses the username as the password', () => {
    expect(isAcceptablePassword('Center2025', 'center2025')).toBe(false);
  });

  it('temporary passwords are acceptable and differ', () => {
    const all = Array.from({ length: 50 }, temporaryPassword);
    expect(new Set(all).size).toBe(50);
    expect(all.every((p) => isAcceptablePassword(p, 'x'))).toBe(true);
  });
});

describe('permissions', () => {
  it('a grassroots admin cannot reset passwords or add organizations: there is nobody below', () => {
    expect(permissionsOf(Role.ADMIN, Tier.GRASSROOTS)).not.toContain(Permission.PASSWORD_RESET);
    expect(permissionsOf(Role.ADMIN, Tier.GRASSROOTS)).not.toContain(Permission.ORGANIZATION_MANAGE);
    expect(permissionsOf(Role.ADMIN, Tier.DISTRICT)).toContain(Permission.PASSWORD_RESET);
  });

  it('grassroots clerks keep the rolls; reviewers only read, masked', () => {
    expect(permissionsOf(Role.CLERK, Tier.GRASSROOTS)).toEqual([Permission.ORGANIZATION_READ, Permission.MEMBER_READ, Permission.MEMBER_WRITE, Permission.MEMBER_REVEAL, Permission.MESSAGE_READ]);
    expect(permissionsOf(Role.REVIEWER, Tier.DISTRICT)).toEqual([Permission.ORGANIZATION_READ, Permission.MEMBER_READ, Permission.MESSAGE_READ]);
  });

  it('superiors do not edit members, but may move them between their unions', () => {
    expect(permissionsOf(Role.CLERK, Tier.DISTRICT)).not.toContain(Permission.MEMBER_WRITE);
    expect(permissionsOf(Role.CLERK, Tier.DISTRICT)).toContain(Permission.MEMBER_TRANSFER);
    expect(permissionsOf(Role.ADMIN, Tier.CENTER)).not.toContain(Permission.MEMBER_WRITE);
  });
});
