import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuditEntry } from '../src/audit-trail/audit-entry.entity.js';
import { Session } from '../src/auth/auth.entities.js';
import { systemEm } from '../src/org-scope/system-em.js';
import { CAPTCHA_ANSWER, DEMO_PASSWORD, startTestServer, type TestServer } from './support/test-server.js';

const CAPTCHA = '{ captcha { id } }';

const servers: TestServer[] = [];
async function server(env: Record<string, string>, options?: { databaseUrl?: string }) {
  const s = await startTestServer(env, options);
  servers.push(s);
  return s;
}
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** How many of `n` captcha requests, the i-th from `address(i)`, are refused as RATE_LIMITED. */
async function limitedOf(s: TestServer, n: number, address: (i: number) => string | undefined): Promise<number> {
  let limited = 0;
  for (let i = 0; i < n; i++) {
    const r = await s.client(address(i)).request(CAPTCHA);
    if (r.errors?.[0].extensions.code === 'RATE_LIMITED') limited++;
    else expect(r.errors).toBeUndefined();
  }
  return limited;
}

/** Logs in as `username` (solving the captcha when it is on); returns the client. */
async function login(s: TestServer, username: string, forwardedFor?: string) {
  const c = s.client(forwardedFor);
  const id = s.config.captchaEnabled ? (await c.ok(CAPTCHA)).captcha.id : 'none';
  expect((await c.login(username, DEMO_PASSWORD, id, CAPTCHA_ANSWER)).login.__typename).toBe('LoginSuccess');
  return c;
}

async function recordedAddresses(s: TestServer, username: string) {
  const em = systemEm(s.orm);
  const sessions = await em.find(Session, { account: { username } });
  const audit = await em.find(AuditEntry, { action: 'login.succeeded', actorUsername: username });
  return { sessions: sessions.map((x) => x.ip), audit: audit.map((x) => x.ip) };
}

describe('client address without TRUST_PROXY (the default, in production too)', () => {
  it('limits 45 requests with rotating X-Forwarded-For values by the socket address', async () => {
    const s = await server({ NODE_ENV: 'production', AUTH_CAPTCHA: 'on', LOGIN_RATE_PER_MINUTE: '30' });
    expect(await limitedOf(s, 45, (i) => `10.9.${i}.${i}`)).toBe(15);
  });

  it('stores the socket address, not a forwarded one, in session and audit rows', async () => {
    const s = await server({ NODE_ENV: 'production', AUTH_CAPTCHA: 'on' });
    await login(s, 'jianlang', '6.6.6.6');
    expect(await recordedAddresses(s, 'jianlang')).toEqual({ sessions: ['127.0.0.1'], audit: ['127.0.0.1'] });
  });
});

describe('client address with TRUST_PROXY naming the proxy', () => {
  it('uses the forwarded address for the limit and the session and audit rows', async () => {
    const s = await server({ TRUST_PROXY: '127.0.0.1', LOGIN_RATE_PER_MINUTE: '30' });
    expect(await limitedOf(s, 45, (i) => `10.9.${i}.${i}`)).toBe(0);
    expect(await limitedOf(s, 45, () => '10.8.0.1')).toBe(15);
    await login(s, 'jianlang', '6.6.6.6');
    expect(await recordedAddresses(s, 'jianlang')).toEqual({ sessions: ['6.6.6.6'], audit: ['6.6.6.6'] });
  });

  it('counts IPv6 clients by their /64, so one subscriber cannot rotate through its addresses', async () => {
    const s = await server({ TRUST_PROXY: '127.0.0.1', LOGIN_RATE_PER_MINUTE: '30' });
    expect(await limitedOf(s, 45, (i) => `2001:db8:1:2::${i.toString(16)}`)).toBe(15);
    expect(await limitedOf(s, 1, () => '2001:db8:1:3::1')).toBe(0);
  });

  it('with a hop count, takes the address the last trusted hop saw', async () => {
    const s = await server({ TRUST_PROXY: '1' });
    await login(s, 'jianlang', '6.6.6.6, 10.20.30.40');
    expect((await recordedAddresses(s, 'jianlang')).sessions).toEqual(['10.20.30.40']);
  });

  it('does not believe a proxy it was not told about', async () => {
    const s = await server({ TRUST_PROXY: '10.0.0.0/8', LOGIN_RATE_PER_MINUTE: '30' });
    expect(await limitedOf(s, 45, (i) => `10.9.${i}.${i}`)).toBe(15);
  });
});

describe('the request rate limit', () => {
  it('holds across two API processes on the same database', async () => {
    const a = await server({ LOGIN_RATE_PER_MINUTE: '6' });
    const b = await server({ LOGIN_RATE_PER_MINUTE: '6' }, { databaseUrl: a.databaseUrl });
    const both = [a, b];
    let limited = 0;
    for (let i = 0; i < 12; i++) {
      const r = await both[i % 2].client().request(CAPTCHA);
      if (r.errors?.[0].extensions.code === 'RATE_LIMITED') limited++;
    }
    expect(limited).toBe(6);
  });

  it('answers RATE_LIMITED with the localised message', async () => {
    const s = await server({ LOGIN_RATE_PER_MINUTE: '1' });
    await s.client().request(CAPTCHA);
    const zh = await s.client().request(CAPTCHA);
    expect(zh.errors?.[0]).toMatchObject({ message: '操作过于频繁，请稍后再试', extensions: { code: 'RATE_LIMITED' } });
  });

  it('deletes expired limiter rows, so a spray of addresses does not grow the table without bound', async () => {
    const s = await server({ TRUST_PROXY: '127.0.0.1', LOGIN_RATE_PER_MINUTE: '30' });
    const rows = async () => Number((await s.orm.em.getConnection().execute<{ n: string }[]>('select count(*) as n from rate_limit'))[0].n);
    await limitedOf(s, 40, (i) => `10.7.${i}.1`);
    expect(await rows()).toBe(40);
    // Two minutes on, every one-minute window has expired; the next request clears them away.
    const realNow = Date.now.bind(Date);
    vi.spyOn(Date, 'now').mockImplementation(() => realNow() + 2 * 60_000);
    await limitedOf(s, 1, () => '10.7.99.1');
    expect(await rows()).toBe(1);
  });
});
