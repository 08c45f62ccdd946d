import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemEm } from '../src/org-scope/system-em.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { GraphQLClient } from './support/graphql-client.js';

/**
 * REVEAL_LIMIT_PER_HOUR=5. jianlang's union sits under 陆家嘴 (under 浦东); zhangjiang's directly under 浦东.
 */
const LIMIT = 5;
let s: TestServer;
const c: Record<string, GraphQLClient> = {};

beforeAll(async () => {
  s = await startTestServer({ REVEAL_LIMIT_PER_HOUR: String(LIMIT) });
  // Only the warnings this test causes: the demo city's card messages go.
  await systemEm(s.orm).getConnection().execute('delete from message');
  for (const name of ['jianlang', 'zhangjiang', 'lujiazui', 'lujiazui-reviewer', 'pudong', 'xuhui', 'ljz-finance']) c[name] = await s.as(name);
});
afterAll(() => s.close());

const REVEAL = 'mutation($id: ID!) { revealMemberPersonalData(id: $id) { idNumber } }';
const MESSAGES = '{ messages(pageSize: 20) { totalCount unreadCount nodes { id kind text createdAt readAt } } }';

async function memberIds(client: GraphQLClient): Promise<string[]> {
  return (await client.ok('{ members(pageSize: 20) { nodes { id } } }')).members.nodes.map((n: { id: string }) => n.id);
}

async function auditCount(username: string, action: string): Promise<number> {
  const [{ n }] = await systemEm(s.orm)
    .getConnection()
    .execute<{ n: number }[]>('select count(*)::int as n from audit_entry where actor_username = ? and action = ?', [username, action]);
  return n;
}

describe('reveal limit per account and hour', () => {
  it(`allows ${LIMIT} reveals an hour and refuses the next with RATE_LIMITED, audited`, async () => {
    const [first, second] = await memberIds(c.jianlang);
    for (let i = 0; i < LIMIT; i++)
      expect((await c.jianlang.ok(REVEAL, { id: i % 2 ? second : first })).revealMemberPersonalData.idNumber).toMatch(/^\d{17}[\dX]$/);
    const refused = await c.jianlang.request(REVEAL, { id: first });
    expect(refused.data).toBeNull();
    expect(refused.errors?.[0]).toMatchObject({
      extensions: { code: 'RATE_LIMITED' },
      message: `每个账号每小时最多查看 ${LIMIT} 次完整证件号码和手机号码，已达上限，请稍后再试`,
    });
    expect(JSON.stringify(refused)).not.toMatch(/\d{17}/);
    for (let i = 0; i < 2; i++) expect(await c.jianlang.errorCode(REVEAL, { id: second })).toBe('RATE_LIMITED');
    expect(await auditCount('jianlang', 'member.revealed')).toBe(LIMIT);
    expect(await auditCount('jianlang', 'member.reveal_refused')).toBe(3);
    // Another account of the same superior has its own quota.
    expect((await c['ljz-finance'].ok(REVEAL, { id: (await memberIds(c['ljz-finance']))[0] })).revealMemberPersonalData.idNumber).toBeTruthy();
  });

  it('never overshoots when one account reveals many at once', async () => {
    const ids = await memberIds(c.zhangjiang);
    expect(ids.length).toBeGreaterThan(0);
    const results = await Promise.all(Array.from({ length: LIMIT * 2 + 1 }, (_, i) => c.zhangjiang.request(REVEAL, { id: ids[i % ids.length] })));
    const codes = results.map((r) => (r.errors ? r.errors[0].extensions.code : 'OK'));
    expect(codes.filter((code) => code === 'OK')).toHaveLength(LIMIT);
    expect(codes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(LIMIT + 1);
    expect(await auditCount('zhangjiang', 'member.revealed')).toBe(LIMIT);
    expect(await auditCount('zhangjiang', 'member.reveal_refused')).toBe(LIMIT + 1);
  });

  it('warns the superior union once per account, in the reader’s language; nobody else sees it', async () => {
    const ljz = (await c.lujiazui.ok(MESSAGES)).messages;
    expect(ljz).toMatchObject({ totalCount: 1, unreadCount: 1 });
    expect(ljz.nodes[0]).toMatchObject({ kind: 'REVEAL_LIMIT_REACHED', readAt: null });
    expect(ljz.nodes[0].text).toBe(
      `上海建朗信息科技有限公司工会的账号 jianlang 在一小时内查看会员完整证件号码和手机号码已达上限（${LIMIT} 次），之后的查看已被拒绝。请核实是否为正常业务需要。`,
    );
    expect((await c['lujiazui-reviewer'].ok(MESSAGES)).messages.nodes.map((n: { id: string }) => n.id)).toEqual([ljz.nodes[0].id]);

    const english = new GraphQLClient(s.url, 'en');
    await english.login('lujiazui', 'Demo@2025');
    expect((await english.ok(MESSAGES)).messages.nodes[0].text).toMatch(/^Account jianlang of 上海建朗信息科技有限公司工会 reached the limit of 5 /);

    // 浦东 hears about its own grassroots union's clerk only, not about the one below 陆家嘴.
    const pudong = (await c.pudong.ok(MESSAGES)).messages;
    expect(pudong.totalCount).toBe(1);
    expect(pudong.nodes[0].text).toContain('zhangjiang');
    for (const name of ['jianlang', 'zhangjiang', 'xuhui', 'ljz-finance']) expect((await c[name].ok(MESSAGES)).messages.totalCount).toBe(0);
  });

  it('marks messages read for the whole organization, and only its own', async () => {
    const [mine] = (await c.lujiazui.ok(MESSAGES)).messages.nodes;
    const [pudongs] = (await c.pudong.ok(MESSAGES)).messages.nodes;
    expect(await c.lujiazui.errorCode('mutation($ids: [ID!]!) { markMessagesRead(ids: $ids) { id } }', { ids: [mine.id, pudongs.id] })).toBe('NOT_FOUND');
    expect((await c.pudong.ok('{ messages(unreadOnly: true) { totalCount } }')).messages.totalCount).toBe(1);
    const marked = (await c.lujiazui.ok('mutation($ids: [ID!]!) { markMessagesRead(ids: $ids) { id readAt } }', { ids: [mine.id, mine.id] })).markMessagesRead;
    expect(marked).toEqual([{ id: mine.id, readAt: expect.any(String) }]);
    const seen = (await c['lujiazui-reviewer'].ok(MESSAGES)).messages;
    expect(seen).toMatchObject({ totalCount: 1, unreadCount: 0, nodes: [{ readAt: marked[0].readAt }] });
    expect((await c['lujiazui-reviewer'].ok('{ messages(unreadOnly: true) { totalCount unreadCount nodes { id } } }')).messages).toEqual({
      totalCount: 0,
      unreadCount: 0,
      nodes: [],
    });
  });

  it('counts on the server clock: an hour later the account may reveal again, and a new refusal warns again', async () => {
    const [first] = await memberIds(c.jianlang);
    expect(await c.jianlang.errorCode(REVEAL, { id: first })).toBe('RATE_LIMITED');
    s.clock.advance(3_600_000 + 1000);
    [c.jianlang, c.lujiazui] = await Promise.all([s.as('jianlang'), s.as('lujiazui')]); // idle sessions ended meanwhile
    for (let i = 0; i < LIMIT; i++) await c.jianlang.ok(REVEAL, { id: first });
    expect(await c.jianlang.errorCode(REVEAL, { id: first })).toBe('RATE_LIMITED');
    expect(await c.jianlang.errorCode(REVEAL, { id: first })).toBe('RATE_LIMITED');
    const ljz = (await c.lujiazui.ok(MESSAGES)).messages;
    expect(ljz).toMatchObject({ totalCount: 2, unreadCount: 1 });
  });
});
