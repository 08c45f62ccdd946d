import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Account } from '../src/auth/account.entity.js';
import { systemEm } from '../src/org-scope/system-em.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import type { GraphQLClient } from './support/graphql-client.js';

/** security-anchors.md checklist items 1-9, against the real HTTP stack. */

let s: TestServer;
let prod: TestServer;
let center: GraphQLClient;
beforeAll(async () => {
  [s, prod] = await Promise.all([startTestServer(), startTestServer({ NODE_ENV: 'production', AUTH_CAPTCHA: 'on' })]);
  center = await s.as('center');
});
afterAll(async () => {
  await Promise.all([s.close(), prod.close()]);
});

function nested(depth: number): string {
  return `{ me { organization ${'{ parent '.repeat(depth)}{ id }${' }'.repeat(depth)} } }`;
}

describe('GraphQL hardening', () => {
  it('1. production: introspection is refused and no landing page is served', async () => {
    const r = await prod.client().request('{ __schema { types { name } } }');
    expect(r.errors?.length).toBeGreaterThan(0);
    expect(r.data?.__schema).toBeUndefined();
    const page = await fetch(`${prod.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toMatch(/sandbox|apollographql|<html/i);
  });

  it('2. a misspelt field gets no "did you mean"', async () => {
    const r = await prod.client().request('{ captha { id } }');
    expect(r.errors?.[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(r)).not.toMatch(/did you mean/i);
  });

  it('3. a query deeper than 8 is rejected before any resolver runs, also when named __schema', async () => {
    const get = vi.spyOn(s.app.services.organizations, 'get');
    for (const q of [nested(8), `query __schema ${nested(8)}`]) {
      const r = await center.request(q);
      expect(r.errors?.[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(r.data).toBeUndefined();
    }
    expect(get).not.toHaveBeenCalled();
    get.mockRestore();
    expect((await center.request(nested(2))).errors).toBeUndefined();
  });

  it('4. too many aliases, tokens, characters or too much cost are rejected without naming the limits', async () => {
    const aliases = `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: me { username }`).join(' ')} }`;
    const tokens = `{ me { ${'username '.repeat(1001)} } }`;
    const characters = `{ me { username } } # ${'x'.repeat(15_001)}`;
    const cost = `{ ${Array.from({ length: 15 }, (_, i) => `a${i}: organizations(pageSize: 100, subtree: true) { nodes { id name path tier creditCode parentId childCount grassrootsCount accountCount parent { id name path tier } } }`).join(' ')} }`;
    for (const q of [aliases, tokens, characters, cost]) {
      const res = await center.raw({ query: q });
      expect(res.status).toBe(400);
      const r = await res.json();
      expect(r.errors?.[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(r.errors?.[0].message).not.toMatch(/\d/);
    }
  });

  /** Sends `body`; returns status, response and the log lines of the request at warn or above. */
  async function send(body: unknown, init?: Parameters<GraphQLClient['raw']>[1]) {
    const before = s.logs.length;
    const res = await center.raw(body, init);
    const json = await res.json();
    const loud = s.logs.slice(before).filter((l) => (JSON.parse(l) as { level: number }).level >= 40);
    return { status: res.status, json, loud };
  }

  it('4b. malformed requests answer 400 with a clear error and log nothing above debug', async () => {
    const shapes: [string, unknown, RegExp][] = [
      ['an operation type the schema lacks', { query: 'subscription { x }' }, /has no subscription operations/],
      ['a subscription that would be valid elsewhere', { query: 'subscription { __typename }' }, /has no subscription operations/],
      ['an unknown operationName', { query: 'query A { me { username } }', operationName: 'B' }, /Unknown operation named "B"/],
      ['several operations and no operationName', { query: 'query A { me { username } } query B { me { username } }' }, /Must provide operation name/],
      ['variables that are not an object', { query: '{ me { username } }', variables: [1] }, /variables/],
      [
        'a variable of the wrong type',
        { query: 'query($s: String) { members(search: $s) { totalCount } }', variables: { s: { a: 1 } } },
        /String cannot represent/,
      ],
      ['a missing required variable', { query: 'query($id: ID!) { member(id: $id) { id } }', variables: {} }, /was not provided/],
      ['a syntax error', { query: '{ me { username }' }, /Syntax Error/],
      ['a malformed string escape', { query: '{ members(search: "\\uD800") { totalCount } }' }, /Syntax Error/],
      [
        'a persisted-query hash that does not match',
        { query: '{ me { username } }', extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } },
        /PersistedQueryNotSupported/,
      ],
      [
        'an unsupported persisted-query version',
        { query: '{ me { username } }', extensions: { persistedQuery: { version: 2, sha256Hash: 'abc' } } },
        /PersistedQueryNotSupported/,
      ],
    ];
    for (const [label, body, message] of shapes) {
      const r = await send(body);
      expect(r.json.errors?.[0].message, label).toMatch(message);
      expect(r.json.errors?.[0].extensions.code, label).not.toBe('INTERNAL_SERVER_ERROR');
      // Persisted queries are switched off; Apollo says so with 200, the answer its clients expect.
      expect(r.status, label).toBe(label.startsWith('a persisted') || label.startsWith('an unsupported persisted') ? 200 : 400);
      expect(r.loud, label).toEqual([]);
    }
  });

  it('4c. over GET: a subscription answers 400, a mutation 405, neither runs or logs', async () => {
    const get = async (query: string) => {
      const before = s.logs.length;
      const res = await fetch(`${s.url}/graphql?query=${encodeURIComponent(query)}`, { headers: { cookie: center.cookie!, 'apollo-require-preflight': '1' } });
      expect(s.logs.slice(before).filter((l) => (JSON.parse(l) as { level: number }).level >= 40)).toEqual([]);
      return res.status;
    };
    expect(await get('subscription { x }')).toBe(400);
    expect(await get('mutation { logout }')).toBe(405);
    expect((await center.ok('{ me { username } }')).me.username).toBe('center');
  });

  it('5. a batched (JSON array) request is refused with 400 and runs nothing', async () => {
    const res = await center.raw([{ query: '{ me { username } }' }, { query: '{ me { username } }' }]);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/batching/i);
  });

  it('6. a mutation sent by GET is refused with 405 and changes nothing', async () => {
    const res = await fetch(`${s.url}/graphql?query=${encodeURIComponent('mutation { logout }')}`, {
      headers: { cookie: center.cookie!, 'apollo-require-preflight': 'true' },
    });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toMatch(/POST/);
    expect((await center.ok('{ me { username } }')).me.username).toBe('center');
  });

  it('7. a simple (text/plain) POST without a preflight header is refused: no CSRF', async () => {
    const before = await systemEm(s.orm).count(Account, {});
    const res = await center.raw(
      JSON.stringify({
        query: 'mutation { createAccount(input: { organizationId: 1, username: "csrf-victim", displayName: "x", role: ADMIN }) { __typename } }',
      }),
      { headers: { 'content-type': 'text/plain' } },
    );
    expect(res.status).toBe(400);
    expect(await systemEm(s.orm).count(Account, {})).toBe(before);
  });

  it('8. an unexpected error is masked for the client and logged with its request id', async () => {
    const list = vi.spyOn(s.app.services.organizations, 'list').mockRejectedValueOnce(new Error('secret detail'));
    const r = await center.request('{ organizations { totalCount } }');
    list.mockRestore();
    const error = r.errors![0];
    expect(error.extensions.code).toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(r)).not.toMatch(/secret detail|stack|at .*\.js/);
    const requestId = error.extensions.requestId as string;
    expect(error.message).toContain(requestId);
    expect(s.logs.some((line) => line.includes('secret detail') && line.includes(requestId))).toBe(true);
  });

  it('9. a page larger than 100 is refused with BAD_USER_INPUT', async () => {
    const r = await center.request('{ organizations(pageSize: 101) { totalCount } }');
    expect(r.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0].message).toBe('每页条数应为 1 到 100');
    expect((await center.request('{ organizations(pageSize: 0) { totalCount } }')).errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await center.request('{ organizations(pageSize: 100) { totalCount } }')).errors).toBeUndefined();
  });

  it('production cookies are __Host- prefixed and Secure', async () => {
    const c = prod.client();
    const { id } = (await c.ok('{ captcha { id } }')).captcha;
    const res = await c.raw({
      query: 'mutation($i: LoginInput!) { login(input: $i) { __typename } }',
      variables: { i: { username: 'center', password: 'Demo@2025', captchaId: id, captchaAnswer: 'K7PX' } },
    });
    expect(res.headers.getSetCookie()[0]).toMatch(/^__Host-sid=.*; Secure/);
  });
});
