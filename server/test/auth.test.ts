import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import argon2 from 'argon2';
import { Account } from '../src/auth/account.entity.js';
import { AuditEntry } from '../src/audit-trail/audit-entry.entity.js';
import { systemEm } from '../src/org-scope/system-em.js';
import { CAPTCHA_ANSWER, DEMO_PASSWORD, startTestServer, type TestServer } from './support/test-server.js';

const ME = '{ me { username organization { name } } }';
const CAPTCHA = '{ captcha { id image expiresAt } }';
const MINUTE = 60_000;

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ AUTH_CAPTCHA: 'on' });
});
afterAll(() => s.close());

async function captcha(c = s.client()) {
  return (await c.ok(CAPTCHA)).captcha as { id: string; image: string; expiresAt: string };
}

async function login(username: string, password: string, answer = CAPTCHA_ANSWER, c = s.client()) {
  const { id } = await captcha(c);
  return { client: c, result: (await c.login(username, password, id, answer)).login };
}

describe('login', () => {
  it('logs in with the right password and captcha, setting an httpOnly SameSite=Strict cookie', async () => {
    const c = s.client();
    const { id, image } = await captcha(c);
    expect(image).toMatch(/^<svg/);
    const res = await c.raw({
      query: 'mutation($i: LoginInput!) { login(input: $i) { __typename } }',
      variables: { i: { username: 'jianlang', password: DEMO_PASSWORD, captchaId: id, captchaAnswer: CAPTCHA_ANSWER.toLowerCase() } },
    });
    expect((await res.json()).data.login.__typename).toBe('LoginSuccess');
    const cookie = res.headers.getSetCookie()[0];
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    // 256 random bits, base64url
    expect(c.cookie!.split('=')[1]).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await c.ok(ME)).me).toEqual({ username: 'jianlang', organization: { name: '上海建朗信息科技有限公司工会' } });
  });

  it('refuses a wrong password with a localised message and no session', async () => {
    const { client, result } = await login('xuhui-gr2', 'Wrong@2025');
    expect(result).toMatchObject({ __typename: 'UserError', code: 'WRONG_CREDENTIALS', message: '用户名或密码错误' });
    expect((await client.ok(ME)).me).toBeNull();
    const en = new (client.constructor as typeof import('./support/graphql-client.js').GraphQLClient)(s.url, 'en');
    const { id } = (await en.ok(CAPTCHA)).captcha;
    expect((await en.login('xuhui-gr2', 'Wrong@2025', id, CAPTCHA_ANSWER)).login.message).toBe('Wrong username or password.');
  });

  it('answers an unknown username exactly like a wrong password', async () => {
    const unknown = await login('nobody-here', 'Wrong@2025');
    const wrong = await login('xuhui-gr2', 'Wrong@2025');
    expect(unknown.result).toEqual(wrong.result);
  });

  it('refuses a wrong captcha before verifying the password', async () => {
    const verify = vi.spyOn(argon2, 'verify');
    const { result } = await login('jianlang', DEMO_PASSWORD, 'XXXX');
    expect(result).toMatchObject({ __typename: 'UserError', code: 'CAPTCHA_INVALID' });
    expect(verify).not.toHaveBeenCalled();
    verify.mockRestore();
  });

  it('refuses a reused captcha', async () => {
    const c = s.client();
    const { id } = await captcha(c);
    expect((await c.login('xuhui-gr2', 'Wrong@2025', id, CAPTCHA_ANSWER)).login.code).toBe('WRONG_CREDENTIALS');
    expect((await c.login('jianlang', DEMO_PASSWORD, id, CAPTCHA_ANSWER)).login.code).toBe('CAPTCHA_INVALID');
  });

  it('refuses a captcha older than two minutes', async () => {
    const c = s.client();
    const { id } = await captcha(c);
    s.clock.advance(2 * MINUTE + 1000);
    expect((await c.login('jianlang', DEMO_PASSWORD, id, CAPTCHA_ANSWER)).login.code).toBe('CAPTCHA_INVALID');
  });

  it('refuses over-long or missing login input at the boundary, naming the field', async () => {
    const r = await s.client().request('mutation($i: LoginInput!) { login(input: $i) { __typename } }', {
      i: { username: 'u'.repeat(65), password: 'x', captchaId: 'x', captchaAnswer: 'x' },
    });
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['username'] });
    const missing = await s.client().request('mutation { login(input: { username: "jianlang" }) { __typename } }');
    expect(missing.errors?.[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses a captcha id that is not one', async () => {
    expect((await s.client().login('jianlang', DEMO_PASSWORD, "1' or '1'='1", CAPTCHA_ANSWER)).login.code).toBe('CAPTCHA_INVALID');
  });

  it('stores the password as argon2id with m >= 19456 KiB, t >= 2, p = 1', async () => {
    const acc = await systemEm(s.orm).findOneOrFail(Account, { username: 'jianlang' });
    const [, algorithm, version, params] = acc.passwordHash.split('$');
    expect([algorithm, version]).toEqual(['argon2id', 'v=19']);
    const p = Object.fromEntries(params.split(',').map((kv) => kv.split('=')));
    expect(Number(p.m)).toBeGreaterThanOrEqual(19456);
    expect(Number(p.t)).toBeGreaterThanOrEqual(2);
    expect(Number(p.p)).toBe(1);
  });
});

describe('disabled accounts', () => {
  /** Disables `username` through the API, as its superior union's admin does. */
  async function disable(admin: string, username: string): Promise<void> {
    const c = s.client();
    expect((await login(admin, DEMO_PASSWORD, CAPTCHA_ANSWER, c)).result.__typename).toBe('LoginSuccess');
    const { id, version } = await systemEm(s.orm).findOneOrFail(Account, { username });
    const r = await c.ok(`mutation { setAccountDisabled(input: { id: ${id}, disabled: true, version: ${version} }) { __typename } }`);
    expect(r.setAccountDisabled.__typename).toBe('AccountPayload');
  }

  it('tells the right password of a disabled account that it is disabled and whom to ask, in zh-CN and en, without a session', async () => {
    await disable('pudong', 'pudong-reviewer');
    const { client, result } = await login('pudong-reviewer', DEMO_PASSWORD);
    expect(result).toMatchObject({
      __typename: 'UserError',
      code: 'ACCOUNT_DISABLED',
      message: '您的账号已被停用，暂时无法登录。如需继续使用，请联系上级工会启用',
    });
    expect(client.cookie).toBeUndefined();
    expect((await client.ok(ME)).me).toBeNull();
    const en = new (client.constructor as typeof import('./support/graphql-client.js').GraphQLClient)(s.url, 'en');
    const { id } = (await en.ok(CAPTCHA)).captcha;
    expect((await en.login('pudong-reviewer', DEMO_PASSWORD, id, CAPTCHA_ANSWER)).login).toMatchObject({
      code: 'ACCOUNT_DISABLED',
      message: 'Your account is disabled and cannot log in. To use it again, ask your superior union to enable it.',
    });
  });

  it('answers a wrong password of a disabled account exactly like any wrong password, and a wrong captcha before that', async () => {
    await disable('jianjiao', 'jianjiao-reviewer');
    const disabled = await login('jianjiao-reviewer', 'Wrong@2025');
    const enabled = await login('center', 'Wrong@2025');
    expect(disabled.result).toEqual(enabled.result);
    expect(disabled.result).toMatchObject({ code: 'WRONG_CREDENTIALS' });
    // Only the captcha is judged when it is wrong: nothing about the account.
    expect((await login('jianjiao-reviewer', DEMO_PASSWORD, 'XXXX')).result).toMatchObject({ code: 'CAPTCHA_INVALID' });
  });

  it('names every blank field in one answer, before spending the captcha', async () => {
    const c = s.client();
    const { id } = await captcha(c);
    const blank = (await c.login(' ', '', id, '')).login;
    expect(blank).toMatchObject({ __typename: 'UserError', code: 'BAD_USER_INPUT', message: '请填写账号；请填写密码；请填写验证码' });
    const fields = await c.ok(`mutation($i: LoginInput!) { login(input: $i) { ... on UserError { fields { field message } } } }`, {
      i: { username: 'jianlang', password: '', captchaId: id, captchaAnswer: ' ' },
    });
    expect(fields.login.fields).toEqual([
      { field: 'password', message: '请填写密码' },
      { field: 'captchaAnswer', message: '请填写验证码' },
    ]);
    expect((await c.login('jianlang', DEMO_PASSWORD, id, CAPTCHA_ANSWER)).login.__typename).toBe('LoginSuccess');
  });
});

describe('lockout', () => {
  it('locks the account after 5 failures in 15 minutes, says until when, audits it, and unlocks after 15 minutes', async () => {
    for (let i = 0; i < 4; i++) expect((await login('zhangjiang', `Wrong${i}`)).result.code).toBe('WRONG_CREDENTIALS');
    const fifth = (await login('zhangjiang', 'Wrong5')).result;
    expect(fifth).toMatchObject({ __typename: 'AccountLocked', code: 'ACCOUNT_LOCKED' });
    expect(fifth.message).toMatch(/将于 \d{2}:\d{2} 解锁/);
    const lockedUntil = new Date(fifth.lockedUntil).getTime();
    expect(lockedUntil - s.clock.now().getTime()).toBeGreaterThan(14 * MINUTE);

    // Even the right password is refused while locked.
    expect((await login('zhangjiang', DEMO_PASSWORD)).result.__typename).toBe('AccountLocked');
    const audit = await systemEm(s.orm).find(AuditEntry, { action: 'login.locked' });
    expect(audit).toHaveLength(1);

    s.clock.advance(15 * MINUTE + 1000);
    expect((await login('zhangjiang', DEMO_PASSWORD)).result.__typename).toBe('LoginSuccess');
  });

  it('locks unknown usernames the same way, so lockout does not reveal which accounts exist', async () => {
    for (let i = 0; i < 4; i++) await login('ghost-user', 'x');
    expect((await login('ghost-user', 'x')).result.__typename).toBe('AccountLocked');
  });

  it('forgets failures older than the 15-minute window', async () => {
    for (let i = 0; i < 4; i++) await login('ljz-finance', 'Wrong@1');
    s.clock.advance(16 * MINUTE);
    expect((await login('ljz-finance', 'Wrong@1')).result.code).toBe('WRONG_CREDENTIALS');
    expect((await login('ljz-finance', DEMO_PASSWORD)).result.__typename).toBe('LoginSuccess');
  });
});

describe('sessions', () => {
  it('logout ends the session: the old cookie no longer works', async () => {
    const { client } = await login('xuhui-gr1', DEMO_PASSWORD);
    const stolen = client.cookie;
    expect((await client.ok('mutation { logout }')).logout).toBe(true);
    const replay = s.client();
    replay.cookie = stolen;
    expect((await replay.ok(ME)).me).toBeNull();
    expect(await replay.errorCode('{ organizations { totalCount } }')).toBe('UNAUTHENTICATED');
  });

  it('rotates the session at login: a cookie from before login is not the new one', async () => {
    const first = (await login('xuhui-gr1', DEMO_PASSWORD)).client;
    const before = first.cookie;
    await login('xuhui-gr1', DEMO_PASSWORD, CAPTCHA_ANSWER, first);
    expect(first.cookie).not.toBe(before);
    const old = s.client();
    old.cookie = before;
    expect((await old.ok(ME)).me).toBeNull();
  });

  it('expires after 30 idle minutes', async () => {
    const { client } = await login('xuhui-gr1', DEMO_PASSWORD);
    s.clock.advance(29 * MINUTE);
    expect((await client.ok(ME)).me).not.toBeNull();
    s.clock.advance(29 * MINUTE); // activity above reset the idle timer
    expect((await client.ok(ME)).me).not.toBeNull();
    s.clock.advance(31 * MINUTE);
    expect((await client.ok(ME)).me).toBeNull();
  });

  it('expires 8 hours after login even when active', async () => {
    const { client } = await login('xuhui-gr1', DEMO_PASSWORD);
    for (let h = 0; h < 8 * 3; h++) {
      s.clock.advance(20 * MINUTE);
      if (h < 8 * 3 - 1) expect((await client.ok(ME)).me).not.toBeNull();
    }
    s.clock.advance(MINUTE);
    expect((await client.ok(ME)).me).toBeNull();
  });
});

describe('change password', () => {
  it('changes it, ends the other sessions, keeps this one working with a new cookie', async () => {
    const { client: phone } = await login('jianjiao-gr1', DEMO_PASSWORD);
    const { client: desk } = await login('jianjiao-gr1', DEMO_PASSWORD);
    const oldCookie = desk.cookie;
    const r = await desk.ok(
      `mutation { changePassword(input: { currentPassword: "${DEMO_PASSWORD}", newPassword: "Tunnel2026x" }) { __typename ... on ErrorResult { code } } }`,
    );
    expect(r.changePassword.__typename).toBe('ChangePasswordSuccess');
    expect(desk.cookie).not.toBe(oldCookie);
    expect((await desk.ok(ME)).me.username).toBe('jianjiao-gr1');
    expect((await phone.ok(ME)).me).toBeNull();
    expect((await login('jianjiao-gr1', DEMO_PASSWORD)).result.code).toBe('WRONG_CREDENTIALS');
    expect((await login('jianjiao-gr1', 'Tunnel2026x')).result.__typename).toBe('LoginSuccess');
  });

  it('refuses a wrong current password and a weak new one, changing nothing', async () => {
    const { client } = await login('xuhui-gr1', DEMO_PASSWORD);
    const change = (cur: string, next: string) =>
      client.ok(
        `mutation { changePassword(input: { currentPassword: "${cur}", newPassword: "${next}" }) { __typename ... on UserError { code field message } } }`,
      );
    expect((await change('nope', 'Another2026x')).changePassword).toMatchObject({ code: 'WRONG_CREDENTIALS', field: 'currentPassword' });
    expect((await change(DEMO_PASSWORD, 'short1')).changePassword).toMatchObject({ code: 'WEAK_PASSWORD', field: 'newPassword', message: '新密码至少 8 位' });
    expect((await change(DEMO_PASSWORD, 'onlyletters')).changePassword).toMatchObject({ code: 'WEAK_PASSWORD', message: '新密码须同时包含字母和数字' });
    expect((await login('xuhui-gr1', DEMO_PASSWORD)).result.__typename).toBe('LoginSuccess');
  });

  it('refuses common passwords and ones containing the username, saying which rule failed, in zh-CN and en', async () => {
    const { client } = await login('xuhui-reviewer', DEMO_PASSWORD);
    const change = (next: string, c = client) =>
      c.ok(
        `mutation { changePassword(input: { currentPassword: "${DEMO_PASSWORD}", newPassword: "${next}" }) { __typename ... on UserError { code field message } } }`,
      );
    for (const common of ['Password1', 'Qwerty123!', 'Admin@2024', 'P@ssw0rd2025']) {
      expect((await change(common)).changePassword, common).toMatchObject({
        code: 'WEAK_PASSWORD',
        field: 'newPassword',
        message: expect.stringContaining('新密码过于常见'),
      });
    }
    expect((await change('Xuhui-Reviewer1')).changePassword).toMatchObject({ code: 'WEAK_PASSWORD', field: 'newPassword', message: '新密码不能包含用户名' });
    const en = new (client.constructor as typeof import('./support/graphql-client.js').GraphQLClient)(s.url, 'en');
    en.cookie = client.cookie;
    expect((await change('xuhui-reviewer7', en)).changePassword.message).toBe('The new password must not contain the username.');
    expect((await change('Password1', en)).changePassword.message).toMatch(/^The new password is too common/);
    expect((await change('Harbour-lamp-42', en)).changePassword.__typename).toBe('ChangePasswordSuccess');
  });

  it('counts wrong current passwords toward the login lockout, and refuses a locked account with the locked message', async () => {
    const { client } = await login('lujiazui-reviewer', DEMO_PASSWORD);
    const change = (cur: string) =>
      client.ok(
        `mutation { changePassword(input: { currentPassword: "${cur}", newPassword: "Harbour-lamp-42" }) { __typename ... on UserError { code field message } } }`,
      );
    for (let i = 0; i < 3; i++) expect((await login('lujiazui-reviewer', `Wrong${i}`)).result.code).toBe('WRONG_CREDENTIALS');
    expect((await change('Guess@1')).changePassword.code).toBe('WRONG_CREDENTIALS');
    const locked = (await change('Guess@2')).changePassword;
    expect(locked).toMatchObject({ code: 'ACCOUNT_LOCKED', field: 'currentPassword', message: expect.stringMatching(/账号已锁定，将于 \d{2}:\d{2} 解锁/) });
    // Locked: not even the right current password goes through, and login is locked the same way.
    expect((await change(DEMO_PASSWORD)).changePassword.code).toBe('ACCOUNT_LOCKED');
    expect((await login('lujiazui-reviewer', DEMO_PASSWORD)).result.__typename).toBe('AccountLocked');
    s.clock.advance(15 * MINUTE + 1000);
    expect((await change(DEMO_PASSWORD)).changePassword.__typename).toBe('ChangePasswordSuccess');
  });
});

describe('simultaneous logins', () => {
  it('all of several simultaneous logins to one account succeed, each with a working session', async () => {
    const clients = Array.from({ length: 6 }, () => s.client());
    const captchas = await Promise.all(clients.map((c) => captcha(c)));
    const results = await Promise.all(clients.map((c, i) => c.login('center-operator', DEMO_PASSWORD, captchas[i].id, CAPTCHA_ANSWER)));
    expect(results.map((r) => r.login.__typename)).toEqual(Array(6).fill('LoginSuccess'));
    expect(new Set(clients.map((c) => c.cookie)).size).toBe(6);
    for (const c of clients) expect((await c.ok(ME)).me.username).toBe('center-operator');
    const acc = await systemEm(s.orm).findOneOrFail(Account, { username: 'center-operator' });
    expect(acc.lastLoginAt).toBeInstanceOf(Date);
  });
});

describe('what the server keeps to itself', () => {
  it('never writes passwords or session tokens to its log', async () => {
    const { client } = await login('jianlang', DEMO_PASSWORD);
    await login('jianlang', 'Typo@2025');
    const log = s.logs.join('');
    expect(log.length).toBeGreaterThan(0);
    expect(log).not.toContain(DEMO_PASSWORD);
    expect(log).not.toContain('Typo@2025');
    expect(log).not.toContain(client.cookie!.split('=')[1]);
  });

  it('stores only a hash of the session token', async () => {
    const { client } = await login('jianlang', DEMO_PASSWORD);
    const token = client.cookie!.split('=')[1];
    const rows = await s.orm.em.getConnection().execute<{ token_hash: string }[]>('select token_hash from session');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.token_hash === token)).toBe(false);
  });
});

describe('throttling', () => {
  it('refuses captcha and login calls over the per-address rate with RATE_LIMITED', async () => {
    const limited = await startTestServer({ LOGIN_RATE_PER_MINUTE: '3' });
    try {
      const c = limited.client();
      for (let i = 0; i < 3; i++) expect((await c.request(CAPTCHA)).errors).toBeUndefined();
      const r = await c.request(CAPTCHA);
      expect(r.errors?.[0]).toMatchObject({ message: '操作过于频繁，请稍后再试', extensions: { code: 'RATE_LIMITED' } });
    } finally {
      await limited.close();
    }
  });
});
