import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCreditCode } from '../src/domain/credit-code.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import type { GraphQLClient } from './support/graphql-client.js';

const CREATE = `mutation($input: EnterpriseInput!) {
  createEnterprise(input: $input) { __typename ... on EnterprisePayload { enterprise { id name creditCode address version } } ... on UserError { code field message } }
}`;
const UPDATE = `mutation($input: UpdateEnterpriseInput!) {
  updateEnterprise(input: $input) { __typename ... on EnterprisePayload { enterprise { id name version } } ... on ErrorResult { code message } ... on UserError { field } }
}`;

let s: TestServer;
let jianlang: GraphQLClient;
let xuhuiClerk: GraphQLClient;
/** Enterprises the demo seed put in a subtree, counted before this file writes any. */
const seeded: Record<string, number> = {};
beforeAll(async () => {
  s = await startTestServer();
  [jianlang, xuhuiClerk] = await Promise.all([s.as('jianlang'), s.as('xuhui-gr1')]);
  for (const [key, path] of [
    ['jianlang', '/1/2/5/6/'],
    ['pudong', '/1/2/'],
    ['xuhui-gr1', '/1/3/9/'],
  ]) {
    seeded[key] = (await s.orm.em.getConnection().execute('select count(*)::int as n from enterprise where org_path like ?', [`${path}%`]))[0].n;
  }
});
afterAll(() => s.close());

describe('enterprises (关联企业)', () => {
  it('a grassroots clerk adds enterprises to its union, lists and edits them', async () => {
    const a = (
      await jianlang.ok(CREATE, { input: { name: '上海建朗信息科技有限公司', creditCode: makeCreditCode(5001), address: '上海市浦东新区世纪大道100号' } })
    ).createEnterprise;
    expect(a.__typename).toBe('EnterprisePayload');
    await jianlang.ok(CREATE, { input: { name: '上海建朗软件服务有限公司', creditCode: makeCreditCode(5002) } });
    const list = (await jianlang.ok('{ enterprises(pageSize: 100) { totalCount nodes { name } } }')).enterprises;
    expect(list.totalCount).toBe(seeded.jianlang + 2);
    // Listed by name (the default sort), the two just added among them.
    const names = list.nodes.map((n: { name: string }) => n.name);
    expect(names).toEqual(expect.arrayContaining(['上海建朗信息科技有限公司', '上海建朗软件服务有限公司']));
    expect(names).toEqual([...names].sort());
    const byCodeDescending = (await jianlang.ok('{ enterprises(pageSize: 100, sort: CREDIT_CODE, direction: DESC) { nodes { creditCode } } }')).enterprises
      .nodes;
    const codes = byCodeDescending.map((n: { creditCode: string }) => n.creditCode);
    expect(codes).toEqual([...codes].sort().reverse());
    const byCode = (await jianlang.ok(`{ enterprises(search: "${makeCreditCode(5002).toLowerCase()}") { nodes { name } } }`)).enterprises.nodes;
    expect(byCode).toEqual([{ name: '上海建朗软件服务有限公司' }]);

    const e = a.enterprise;
    const updated = (await jianlang.ok(UPDATE, { input: { id: e.id, version: e.version, name: '上海建朗信息科技股份有限公司', creditCode: e.creditCode } }))
      .updateEnterprise;
    expect(updated.enterprise).toMatchObject({ name: '上海建朗信息科技股份有限公司', version: e.version + 1 });
    const stale = (await jianlang.ok(UPDATE, { input: { id: e.id, version: e.version, name: '旧版本', creditCode: e.creditCode } })).updateEnterprise;
    expect(stale).toMatchObject({ __typename: 'VersionConflict', code: 'CONFLICT' });
  });

  it('refuses a bad credit code, a short name, a code another union registered', async () => {
    expect((await jianlang.ok(CREATE, { input: { name: '坏代码企业', creditCode: makeCreditCode(6001).slice(0, 17) + 'Z' } })).createEnterprise).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'creditCode',
    });
    expect((await jianlang.ok(CREATE, { input: { name: '短', creditCode: makeCreditCode(6002) } })).createEnterprise).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'name',
    });
    const taken = (await xuhuiClerk.ok(CREATE, { input: { name: '徐汇某企业', creditCode: makeCreditCode(5001) } })).createEnterprise;
    expect(taken).toMatchObject({ code: 'CONFLICT', field: 'creditCode' });
    const sameName = (await jianlang.ok(CREATE, { input: { name: '上海建朗软件服务有限公司', creditCode: makeCreditCode(6005) } })).createEnterprise;
    expect(sameName).toMatchObject({ code: 'CONFLICT', field: 'name' });
  });

  it('other unions see none of them; superiors read them; only grassroots unions write', async () => {
    const theirs = (await xuhuiClerk.ok('{ enterprises(pageSize: 100) { totalCount nodes { name } } }')).enterprises;
    expect(theirs.totalCount).toBe(seeded['xuhui-gr1']);
    expect(theirs.nodes.map((n: { name: string }) => n.name)).not.toContain('上海建朗信息科技股份有限公司');
    const id = (await jianlang.ok('{ enterprises(pageSize: 1) { nodes { id } } }')).enterprises.nodes[0].id;
    expect(await xuhuiClerk.errorCode(`{ enterprise(id: ${id}) { name } }`)).toBe('NOT_FOUND');
    const pudong = await s.as('pudong-reviewer');
    expect((await pudong.ok('{ enterprises { totalCount } }')).enterprises.totalCount).toBe(seeded.pudong + 2);
    expect(await pudong.errorCode(CREATE, { input: { name: '区里加的企业', creditCode: makeCreditCode(6003) } })).toBe('FORBIDDEN');
    expect(await xuhuiClerk.errorCode(UPDATE, { input: { id, version: 1, name: '越权修改', creditCode: makeCreditCode(6004) } })).toBe('NOT_FOUND');
  });
});
