import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeCreditCode } from '../src/domain/credit-code.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { GraphQLClient } from './support/graphql-client.js';

/**
 * NUL and lone surrogates are refused at the edge with BAD_USER_INPUT (400), before any resolver or
 * route handler: nothing is read or written and nothing is logged as an error.
 */

const NUL = 'a\u0000b';
const LONE = 'a\ud800b';
const SEARCH = 'query($s: String) { members(search: $s) { totalCount } }';
const CREATE = 'mutation($input: EnterpriseInput!) { createEnterprise(input: $input) { __typename } }';

let s: TestServer;
let clerk: GraphQLClient;
beforeAll(async () => {
  s = await startTestServer();
  clerk = await s.as('jianlang');
});
afterAll(() => s.close());

const count = async (table: string) => (await s.orm.em.getConnection().execute(`select count(*)::int as n from ${table}`))[0].n as number;

/** Runs `send` and proves it changed nothing, called no service and logged nothing at warn or above. */
async function refusedAtTheEdge(send: () => Promise<Response>) {
  const spies = [
    vi.spyOn(s.app.services.members, 'list'),
    vi.spyOn(s.app.services.members, 'exportBatches'),
    vi.spyOn(s.app.services.enterprises, 'create'),
    vi.spyOn(s.app.services.memberImports, 'errorReport'),
  ];
  const before = { enterprises: await count('enterprise'), audit: await count('audit_entry'), logs: s.logs.length };
  const res = await send();
  const body = await res.json();
  for (const spy of spies) {
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  }
  expect({ enterprises: await count('enterprise'), audit: await count('audit_entry') }).toEqual({ enterprises: before.enterprises, audit: before.audit });
  const lines = s.logs.slice(before.logs).map((l) => JSON.parse(l) as { level: number });
  expect(lines.filter((l) => l.level >= 40)).toEqual([]);
  return { status: res.status, body };
}

const gql = (c: GraphQLClient, query: string, variables: Record<string, unknown> = {}) => refusedAtTheEdge(() => c.raw({ query, variables }));

describe('NUL and lone surrogates at the edge', () => {
  it('a search argument in variables: 400 BAD_USER_INPUT in the caller language, naming the variable', async () => {
    for (const bad of [NUL, LONE]) {
      const r = await gql(clerk, SEARCH, { s: bad });
      expect(r.status).toBe(400);
      expect(r.body.errors[0]).toMatchObject({
        message: '输入中含有无法处理的字符（空字符或残缺的 Unicode 字符），请删除后重试',
        extensions: { code: 'BAD_USER_INPUT', field: 'body.variables.s' },
      });
    }
    const english = new GraphQLClient(s.url, 'en');
    english.cookie = clerk.cookie;
    const r = await gql(english, SEARCH, { s: NUL });
    expect(r.body.errors[0].message).toMatch(/^The input contains characters that cannot be processed/);
  });

  it('a create mutation input, deep in the variables, and in a key', async () => {
    const input = { name: '上海某某有限公司', creditCode: makeCreditCode(9101), address: '上海市' };
    for (const bad of [
      { ...input, name: NUL },
      { ...input, address: LONE },
      { ...input, [NUL]: 'x' },
    ]) {
      const r = await gql(clerk, CREATE, { input: bad });
      expect(r.status).toBe(400);
      expect(r.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    }
    // The same input without the bad character goes through.
    expect((await clerk.ok(CREATE, { input })).createEnterprise.__typename).toBe('EnterprisePayload');
  });

  it('string literals inline in the document (escaped, so only the parser sees them)', async () => {
    for (const query of [
      '{ members(search: "a\\u0000b") { totalCount } }',
      `mutation { createEnterprise(input: { name: "上海\\u0000公司", creditCode: "${makeCreditCode(9102)}" }) { __typename } }`,
      'query($s: String = "x\\u0000") { members(search: $s) { totalCount } }',
      'query { members(search: """a\u0000b""") { totalCount } }',
    ]) {
      const r = await gql(clerk, query);
      expect(r.status).toBe(400);
      expect(r.body.errors[0]).toMatchObject({
        message: '输入中含有无法处理的字符（空字符或残缺的 Unicode 字符），请删除后重试',
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
  });

  it('GraphQL over GET: the query string and its JSON variables', async () => {
    const get = (params: Record<string, string>) =>
      refusedAtTheEdge(() => fetch(`${s.url}/graphql?${new URLSearchParams(params)}`, { headers: { cookie: clerk.cookie!, 'apollo-require-preflight': '1' } }));
    for (const r of [
      await get({ query: SEARCH, variables: JSON.stringify({ s: NUL }) }),
      await get({ query: `{ members(search: "${NUL}") { totalCount } }` }),
    ]) {
      expect(r.status).toBe(400);
      expect(r.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    }
  });

  it('the file routes: query string, JSON body and route params', async () => {
    const file = (path: string, init: RequestInit = {}) =>
      refusedAtTheEdge(() => fetch(`${s.url}${path}`, { ...init, headers: { cookie: clerk.cookie!, 'accept-language': 'en', ...init.headers } }));
    const template = await file('/api/member-imports/template.xlsx?x=a%00b');
    expect(template.status).toBe(400);
    expect(template.body.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'query.x' });
    expect(template.body.error.message).toMatch(/^The input contains characters that cannot be processed/);
    const exported = await file('/api/members/export.xlsx', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ search: 'a\u0000b' }),
    });
    expect(exported.status).toBe(400);
    expect(exported.body.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'body.search' });
    const report = await file('/api/member-imports/a%00b/errors.xlsx');
    expect(report.status).toBe(400);
    expect(report.body.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'params.id' });
    // A lone surrogate cannot be percent-encoded as UTF-8; %ED%A0%80 decodes to U+FFFD, which is harmless text.
    expect(
      (
        await fetch(`${s.url}/api/members/export.xlsx`, {
          method: 'POST',
          headers: { cookie: clerk.cookie!, 'content-type': 'application/json' },
          body: JSON.stringify({ search: 'ok' }),
        })
      ).status,
    ).toBe(200);
  });
});
