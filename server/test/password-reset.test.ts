import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Account } from '../src/auth/account.entity.js';
import { AuditEntry } from '../src/audit-trail/audit-entry.entity.js';
import { systemEm } from '../src/org-scope/system-em.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const RESET = `mutation($id: ID!) { resetPassword(accountId: $id) { __typename ... on TemporaryPassword { temporaryPassword account { username mustChangePassword } } ... on UserError { code message } } }`;

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

async function accountOf(username: string) {
  return systemEm(s.orm).findOneOrFail(Account, { username });
}

describe('password reset by a superior', () => {
  it('an admin of a superior union resets a grassroots clerk: old sessions die, a change is forced, audited', async () => {
    const clerk = await s.as('jianlang');
    const admin = await s.as('lujiazui');
    const target = await accountOf('jianlang');
    const r = (await admin.ok(RESET, { id: target.id })).resetPassword;
    expect(r.__typename).toBe('TemporaryPassword');
    expect(r.account).toEqual({ username: 'jianlang', mustChangePassword: true });
    const temporary = r.temporaryPassword as string;
    expect(temporary).toHaveLength(12);

    expect((await clerk.ok('{ me { username } }')).me).toBeNull();

    const fresh = await s.as('jianlang', temporary);
    expect((await fresh.ok('{ me { mustChangePassword } }')).me.mustChangePassword).toBe(true);
    expect(await fresh.errorCode('{ organizations { totalCount } }')).toBe('PASSWORD_CHANGE_REQUIRED');
    const change = await fresh.ok(`mutation { changePassword(input: { currentPassword: "${temporary}", newPassword: "Bund-ferry-2026" }) { __typename } }`);
    expect(change.changePassword.__typename).toBe('ChangePasswordSuccess');
    expect((await fresh.ok('{ organizations { totalCount } }')).organizations.totalCount).toBe(0);

    const audit = await systemEm(s.orm).findOneOrFail(AuditEntry, { action: 'account.password_reset', targetId: String(target.id) });
    expect(audit).toMatchObject({ actorUsername: 'lujiazui', ip: '127.0.0.1' });
  });

  it('a district admin resets the admin of its secondary union', async () => {
    const r = (await (await s.as('pudong')).ok(RESET, { id: (await accountOf('lujiazui-reviewer')).id })).resetPassword;
    expect(r.__typename).toBe('TemporaryPassword');
  });

  it('a sibling district cannot: NOT_FOUND, and the hash is unchanged', async () => {
    const target = await accountOf('zhangjiang');
    const r = await (await s.as('xuhui')).request(RESET, { id: target.id });
    expect(r.errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect((await accountOf('zhangjiang')).passwordHash).toBe(target.passwordHash);
  });

  it('a subordinate cannot reset its superior: NOT_FOUND', async () => {
    const target = await accountOf('pudong');
    const r = await (await s.as('lujiazui')).request(RESET, { id: target.id });
    expect(r.errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect((await accountOf('pudong')).passwordHash).toBe(target.passwordHash);
  });

  it('an admin cannot reset a colleague of its own organization', async () => {
    const target = await accountOf('xuhui-reviewer');
    const r = (await (await s.as('xuhui')).ok(RESET, { id: target.id })).resetPassword;
    expect(r).toMatchObject({ __typename: 'UserError', code: 'FORBIDDEN' });
    expect((await accountOf('xuhui-reviewer')).passwordHash).toBe(target.passwordHash);
  });

  it('a reviewer (no reset permission) is refused', async () => {
    const r = await (await s.as('pudong-reviewer')).request(RESET, { id: (await accountOf('zhangjiang')).id });
    expect(r.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });
});

describe('account management', () => {
  it('creates an account with a temporary password that must be changed', async () => {
    const admin = await s.as('xuhui');
    const r = (
      await admin.ok(
        `mutation { createAccount(input: { organizationId: 9, username: "xh-new-clerk", displayName: "新经办", role: CLERK }) { __typename ... on TemporaryPassword { temporaryPassword account { username organization { name } } } } }`,
      )
    ).createAccount;
    expect(r.account).toEqual({ username: 'xh-new-clerk', organization: { name: '上海徐家汇商城有限公司工会' } });
    const c = await s.as('xh-new-clerk', r.temporaryPassword);
    expect((await c.ok('{ me { mustChangePassword } }')).me.mustChangePassword).toBe(true);
  });

  it('refuses a taken username and a malformed one', async () => {
    const admin = await s.as('xuhui');
    const create = (u: string) =>
      admin.ok(
        `mutation { createAccount(input: { organizationId: 9, username: "${u}", displayName: "x", role: CLERK }) { __typename ... on UserError { code field } } }`,
      );
    expect((await create('jianlang')).createAccount).toMatchObject({ code: 'CONFLICT', field: 'username' });
    expect((await create('a b')).createAccount).toMatchObject({ code: 'BAD_USER_INPUT', field: 'username' });
  });

  it('disabling ends the sessions of the account; a stale version loses the race with a clear message', async () => {
    const admin = await s.as('xuhui');
    const clerk = await s.as('xuhui-gr2');
    const target = await accountOf('xuhui-gr2');
    const disable = (version: number, disabled = true) =>
      admin.ok(
        `mutation { setAccountDisabled(input: { id: ${target.id}, disabled: ${disabled}, version: ${version} }) { __typename ... on AccountPayload { account { disabled version } } ... on ErrorResult { code message } ... on VersionConflict { currentVersion } } }`,
      );
    const done = (await disable(target.version)).setAccountDisabled;
    expect(done.account.disabled).toBe(true);
    expect((await clerk.ok('{ me { username } }')).me).toBeNull();
    expect((await s.client().login('xuhui-gr2', 'Demo@2025')).login.code).toBe('ACCOUNT_DISABLED');
    const stale = (await disable(target.version, false)).setAccountDisabled;
    expect(stale).toMatchObject({
      __typename: 'VersionConflict',
      code: 'CONFLICT',
      message: '数据已被他人修改，请刷新后重试',
      currentVersion: done.account.version,
    });
    const enabled = (await disable(done.account.version, false)).setAccountDisabled.account;
    expect(enabled).toEqual({ disabled: false, version: done.account.version + 1 });
    // Setting what is already set (a double click with the fresh version) writes nothing and audits nothing.
    expect((await disable(enabled.version, false)).setAccountDisabled.account).toEqual(enabled);
    expect(await systemEm(s.orm).count(AuditEntry, { action: 'account.enabled', targetId: String(target.id) })).toBe(1);
  });

  it('an admin cannot disable itself', async () => {
    const admin = await s.as('jianjiao');
    const self = await accountOf('jianjiao');
    const r = (
      await admin.ok(
        `mutation { setAccountDisabled(input: { id: ${self.id}, disabled: true, version: ${self.version} }) { __typename ... on UserError { code } } }`,
      )
    ).setAccountDisabled;
    expect(r).toMatchObject({ __typename: 'UserError', code: 'FORBIDDEN' });
  });
});
