import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContextFactory, type AuthedContext } from '../src/common/request-context.js';
import type { Lang } from '../src/common/i18n/messages.js';
import { createLoaders } from '../src/app/modules.js';
import { assertAllInScope, LISTED_IDS, MAX_IDS_PER_SCOPE_CHECK } from '../src/org-scope/assert-in-scope.js';
import { Member } from '../src/modules/member/member.entity.js';
import { startTestServer, type TestServer } from './support/test-server.js';

/**
 * The bulk scope check a batch submission calls: hundreds of ids answered by ONE query through the
 * caller's scoped EntityManager, and exactly the ids that are missing or outside named back, the
 * outside ones indistinguishable from missing. Sibling grassroots unions jianlang and ljz-finance see
 * each other's members as the mirror image; their common superior (lujiazui) sees both.
 */

const BULK = MAX_IDS_PER_SCOPE_CHECK;
let s: TestServer;
let contexts: ContextFactory;
/** Everything sent to PostgreSQL through the ORM while `counting` is on. */
const queries: string[] = [];
let counting = false;
/** jianlang's own members (the seeded bulk, in id order), and its sibling's. */
let own: number[];
let sibling: number[];
let nextFreeId: number;

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => s.orm.em.getConnection().execute<T[]>(text, params);

/** A request context of a real session of `username`, as the GraphQL layer builds it. */
async function contextOf(username: string, lang: Lang = 'zh-CN'): Promise<AuthedContext> {
  const client = await s.as(username);
  const token = decodeURIComponent(client.cookie!.slice(client.cookie!.indexOf('=') + 1));
  const viewer = await s.app.services.sessions.resolve(token);
  if (!viewer) throw new Error(`no session for ${username}`);
  return contexts.create({ requestId: `test-${username}`, ip: '127.0.0.1', lang, viewer }) as AuthedContext;
}

/** Runs `f`, returning what it returned or threw, and the queries it sent. */
async function counted<T>(
  f: () => Promise<T>,
): Promise<{ result?: T; error?: { code: string; message: string; extensions: Record<string, unknown> }; queries: string[] }> {
  queries.length = 0;
  counting = true;
  try {
    return { result: await f(), queries: [...queries] };
  } catch (e) {
    const err = e as { message: string; extensions: Record<string, unknown> };
    return { error: { code: String(err.extensions?.code), message: err.message, extensions: err.extensions }, queries: [...queries] };
  } finally {
    counting = false;
  }
}

beforeAll(async () => {
  s = await startTestServer();
  contexts = new ContextFactory(s.orm, s.app.services.readDb, createLoaders);
  s.orm.em
    .getConnection()
    .getKnex()
    .on('query', (q: { sql: string }) => {
      if (counting) queries.push(q.sql);
    });
  const pathOf = async (username: string) => (await sql<{ org_path: string }>('select org_path from account where username = ?', [username]))[0].org_path;
  const [jianlangPath, siblingPath] = [await pathOf('jianlang'), await pathOf('ljz-finance')];
  // A thousand more members of jianlang, copies of one seeded member with their own number and ID index
  // (and no mobile, which must be unique): set-based, as a real batch would have come from an import.
  const cols = (
    await sql<{ c: string }>(
      `select quote_ident(column_name) as c from information_schema.columns where table_name = 'member' and column_name not in ('id', 'member_no', 'id_number_index', 'mobile_index', 'mobile_sealed', 'mobile_masked') order by ordinal_position`,
    )
  )
    .map((r) => r.c)
    .join(', ');
  own = (
    await sql<{ id: number }>(
      `insert into member (${cols}, member_no, id_number_index)
       select ${cols}, 'B' || lpad(g::text, 11, '0'), md5('bulk-' || g) from member, generate_series(1, ?) g
       where member.id = (select min(id) from member where org_path = ?) returning id`,
      [BULK, jianlangPath],
    )
  )
    .map((r) => r.id)
    .sort((a, b) => a - b);
  sibling = (await sql<{ id: number }>('select id from member where org_path = ? order by id', [siblingPath])).map((r) => r.id);
  nextFreeId = (await sql<{ n: number }>('select max(id)::int + 1 as n from member'))[0].n;
  expect(own).toHaveLength(BULK);
  expect(sibling.length).toBeGreaterThanOrEqual(25);
});
afterAll(() => s.close());

describe('assertAllInScope: many ids, one query', () => {
  it('500 members of the caller come back in the order asked, from one SELECT', async () => {
    const ctx = await contextOf('jianlang');
    const ids = own.slice(0, 500).reverse().map(String); // GraphQL IDs, in an order that is not the table's
    const r = await counted(() => assertAllInScope(ctx, Member, ids));
    expect(r.error).toBeUndefined();
    expect(r.result!.map((m) => m.id)).toEqual(ids.map(Number));
    expect(r.queries).toHaveLength(1);
    expect(r.queries[0]).toMatch(/^select .* from "member" /);
    // The scope filter is in that one query: the subtree is limited by the database, not after loading.
    expect(r.queries[0]).toMatch(/"org_path" like /);
  });

  it(`the cap (${MAX_IDS_PER_SCOPE_CHECK}) still passes in one query`, async () => {
    const ctx = await contextOf('jianlang');
    const r = await counted(() => assertAllInScope(ctx, Member, own));
    expect(r.result).toHaveLength(BULK);
    expect(r.queries).toHaveLength(1);
  });

  it('names exactly the sibling and missing ids, from both sides; the common superior sees only the missing ones', async () => {
    const mine = own.slice(0, 30);
    const theirs = sibling.slice(0, 25);
    const missing = [nextFreeId, nextFreeId + 1, 999_999_999];
    // Interleaved, as a clerk's ticked list would be.
    const ids = [...mine.slice(0, 10), ...theirs.slice(0, 5), missing[0], ...mine.slice(10), ...theirs.slice(5), ...missing.slice(1)].map(String);

    const fromJianlang = await counted(async () => assertAllInScope(await contextOf('jianlang'), Member, ids));
    const badForJianlang = ids.filter((id) => !mine.includes(Number(id)));
    expect(badForJianlang).toHaveLength(28);
    expect(fromJianlang.error).toMatchObject({ code: 'NOT_FOUND', extensions: { notFoundIds: badForJianlang.slice(0, LISTED_IDS), notFoundCount: 28 } });
    expect(fromJianlang.error!.message).toBe(`有 28 条记录未找到：${badForJianlang.slice(0, LISTED_IDS).join('、')}…`);

    const fromSibling = await counted(async () => assertAllInScope(await contextOf('ljz-finance', 'en'), Member, ids));
    const badForSibling = ids.filter((id) => !theirs.includes(Number(id)));
    expect(badForSibling).toHaveLength(33);
    expect(fromSibling.error).toMatchObject({ code: 'NOT_FOUND', extensions: { notFoundIds: badForSibling.slice(0, LISTED_IDS), notFoundCount: 33 } });
    expect(fromSibling.error!.message).toBe(`33 record(s) not found: ${badForSibling.slice(0, LISTED_IDS).join(', ')}…`);

    const fromSuperior = await counted(async () => assertAllInScope(await contextOf('lujiazui-reviewer'), Member, ids));
    expect(fromSuperior.error).toMatchObject({ code: 'NOT_FOUND', extensions: { notFoundIds: missing.map(String), notFoundCount: 3 } });
    expect(fromSuperior.error!.message).toBe(`有 3 条记录未找到：${missing.join('、')}`);

    // Each side asked the database once (the session lookups of contextOf ran before counting began).
    for (const r of [fromJianlang, fromSibling, fromSuperior]) expect(r.queries.filter((q) => / from "member" /.test(q))).toHaveLength(1);
  });

  it("a sibling's member answers exactly like a member that does not exist", async () => {
    const ctx = await contextOf('jianlang');
    const outside = await counted(() => assertAllInScope(ctx, Member, [own[0], sibling[0]]));
    const absent = await counted(() => assertAllInScope(ctx, Member, [own[0], nextFreeId]));
    const shape = (e: typeof outside.error, id: number) => ({
      ...e,
      message: e!.message.replace(new RegExp(`${id}$`), 'ID'),
      extensions: { ...e!.extensions, notFoundIds: ['ID'] },
    });
    expect(shape(outside.error, sibling[0])).toEqual(shape(absent.error, nextFreeId));
    expect(outside.error!.extensions).toEqual({ code: 'NOT_FOUND', notFoundIds: [String(sibling[0])], notFoundCount: 1 });
  });

  it('an id that is not a positive integer is not found, named as it was sent', async () => {
    const ctx = await contextOf('jianlang');
    const r = await counted(() => assertAllInScope(ctx, Member, [String(own[0]), 'abc', '-3', '1.5']));
    expect(r.error!.extensions).toEqual({ code: 'NOT_FOUND', notFoundIds: ['abc', '-3', '1.5'], notFoundCount: 3 });
  });

  it('refuses repeated ids and more than the cap before asking the database', async () => {
    const ctx = await contextOf('jianlang');
    const repeated = await counted(() => assertAllInScope(ctx, Member, [own[0], String(own[1]), own[1], `${own[0]}`]));
    expect(repeated.error).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { repeatedIds: [String(own[1]), String(own[0])], repeatedCount: 2 } });
    expect(repeated.error!.message).toBe(`同一记录提交了多次：${own[1]}、${own[0]}`);
    expect(repeated.queries).toEqual([]);

    const tooMany = await counted(() => assertAllInScope(ctx, Member, [...own, nextFreeId]));
    expect(tooMany.error).toMatchObject({ code: 'BAD_USER_INPUT', message: `一次最多处理 ${MAX_IDS_PER_SCOPE_CHECK} 条记录，请分批提交` });
    expect(tooMany.queries).toEqual([]);

    expect(await assertAllInScope(ctx, Member, [])).toEqual([]);
  });

  it("inside a transaction, checks on the transaction's EntityManager with the same scope", async () => {
    const ctx = await contextOf('jianlang');
    const r = await counted(() => ctx.em.transactional((tx) => assertAllInScope(ctx, Member, [own[0], sibling[0]], tx)));
    expect(r.error!.extensions).toMatchObject({ code: 'NOT_FOUND', notFoundIds: [String(sibling[0])] });
    expect(r.queries.filter((q) => / from "member" /.test(q))).toHaveLength(1);
    expect(r.queries.some((q) => /^begin/i.test(q))).toBe(true);
    const ok = await ctx.em.transactional((tx) => assertAllInScope(ctx, Member, own.slice(0, 500), tx));
    expect(ok).toHaveLength(500);
  });
});
