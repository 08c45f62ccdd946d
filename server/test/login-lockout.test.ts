import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntry } from '../src/audit-trail/audit-entry.entity.js';
import { systemEm } from '../src/org-scope/system-em.js';
import { DEMO_PASSWORD, startTestServer, type TestServer } from './support/test-server.js';

const MINUTE = 60_000;

// Behind a trusted proxy, X-Forwarded-For plays clients at different addresses.
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ TRUST_PROXY: '127.0.0.1' });
});
afterAll(() => s.close());

async function login(username: string, password: string, address: string) {
  return (await s.client(address).login(username, password)).login;
}

async function count(table: string): Promise<number> {
  return Number((await s.orm.em.getConnection().execute<{ n: string }[]>(`select count(*) as n from ${table}`))[0].n);
}

describe('lockout per client address', () => {
  it('an attacker failing 10 times from one address does not stop the clerk logging in from another', async () => {
    const answers = [];
    for (let i = 0; i < 10; i++) answers.push((await login('jianlang', `Guess${i}`, '203.0.113.7')).__typename);
    expect(answers).toEqual([...Array(4).fill('UserError'), ...Array(6).fill('AccountLocked')]);
    // Locked for the attacker's address, even with the right password ...
    expect((await login('jianlang', DEMO_PASSWORD, '203.0.113.7')).__typename).toBe('AccountLocked');
    // ... but not for the clerk's.
    expect((await login('jianlang', DEMO_PASSWORD, '198.51.100.20')).__typename).toBe('LoginSuccess');
    const audit = await systemEm(s.orm).find(AuditEntry, { action: 'login.locked', targetType: 'Account' }, { orderBy: { id: 'desc' } });
    expect(audit[0]).toMatchObject({ ip: '203.0.113.7', after: { scope: 'address' } });
  });

  it('failures from many addresses lock the account for every address, for 15 minutes', async () => {
    const answers = [];
    for (let i = 0; i < 20; i++) answers.push((await login('xuhui-gr1', `Guess${i}`, `203.0.113.${i % 5}`)).__typename);
    expect(answers).toEqual([...Array(19).fill('UserError'), 'AccountLocked']);
    expect((await login('xuhui-gr1', DEMO_PASSWORD, '198.51.100.21')).__typename).toBe('AccountLocked');
    const audit = await systemEm(s.orm).find(AuditEntry, { action: 'login.locked' }, { orderBy: { id: 'desc' } });
    expect(audit[0].after).toMatchObject({ scope: 'account' });
    s.clock.advance(15 * MINUTE + 1000);
    expect((await login('xuhui-gr1', DEMO_PASSWORD, '198.51.100.21')).__typename).toBe('LoginSuccess');
  });

  it("a login from the clerk's address forgets only that address's failures", async () => {
    for (let i = 0; i < 16; i++) await login('xuhui-gr2', `Guess${i}`, `203.0.113.${10 + (i % 4)}`);
    for (let i = 0; i < 3; i++) await login('xuhui-gr2', `Typo${i}`, '198.51.100.22');
    expect((await login('xuhui-gr2', DEMO_PASSWORD, '198.51.100.22')).__typename).toBe('LoginSuccess');
    // 16 failures elsewhere still count: 4 more from anywhere lock the account.
    for (let i = 0; i < 3; i++) expect((await login('xuhui-gr2', `Guess${i}`, `203.0.113.${20 + i}`)).__typename).toBe('UserError');
    expect((await login('xuhui-gr2', 'Guess', '203.0.113.30')).__typename).toBe('AccountLocked');
    s.clock.advance(15 * MINUTE + 1000);
  });

  it('answers unknown usernames exactly like known ones, from one address and from many', async () => {
    const sequence = async (username: string, tag: number) => {
      const out = [];
      for (let i = 0; i < 7; i++) out.push(await login(username, `Guess${i}`, `192.0.2.${tag}`));
      for (let i = 0; i < 20; i++) out.push(await login(username, `Guess${i}`, `192.0.2.${tag + 1 + (i % 4)}`));
      return out.map((r) => ({ typename: r.__typename, code: r.code, message: r.message.replace(/\d{2}:\d{2}/, 'HH:MM') }));
    };
    expect(await sequence('nobody-at-all', 100)).toEqual(await sequence('ljz-finance', 200));
    s.clock.advance(15 * MINUTE + 1000);
  });

  it('prunes failure rows and ended locks of unknown usernames, so they cannot pile up', async () => {
    for (let i = 0; i < 30; i++) await login(`made-up-${i}`, 'x', `192.0.2.${i % 2}`);
    expect(await count('login_failure')).toBeGreaterThanOrEqual(30);
    s.clock.advance(16 * MINUTE);
    await login('made-up-last', 'x', '192.0.2.1');
    expect(await count('login_failure')).toBe(1);
    expect(await count('login_lock')).toBe(0);
  });
});
