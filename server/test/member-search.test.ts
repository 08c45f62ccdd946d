import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { withCheckChar } from '../src/domain/resident-id.js';
import { PiiCipher } from '../src/pii/pii-cipher.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import type { GraphQLClient } from './support/graphql-client.js';
import { COMMIT, preview, upload } from './support/uploads.js';
import { goodRow, TEMPLATE_HEADERS, workbook } from './support/workbooks.js';
import { makeCreditCode } from '../src/domain/credit-code.js';
import { planOf, recordReads } from './support/read-statements.js';

const CREATE = `mutation($input: MemberInput!) { createMember(input: $input) { __typename ... on MemberPayload { member { id version idNumberMasked } } ... on UserError { message } } }`;
const UPDATE = `mutation($input: UpdateMemberInput!) { updateMember(input: $input) { __typename } }`;
const LIST = `query($search: String, $organizationId: ID) { members(search: $search, organizationId: $organizationId, pageSize: 100) { totalCount nodes { name idNumberMasked organization { name } } } }`;

/**
 * Resident ID numbers ending in the same 4 characters (sequence code + check character) for different
 * people: birth dates are tried until the check character comes out as wanted. Sequence codes below
 * 500 stay clear of the demo city's members.
 */
function idEndingIn(suffix: string, skip = 0): string {
  let found = 0;
  for (let day = 0; day < 10_000; day++) {
    const birth = new Date(Date.UTC(1970, 0, 1 + day * 7)).toISOString().slice(0, 10).replace(/-/g, '');
    const id = withCheckChar(`310115${birth}${suffix.slice(0, 3)}`);
    if (id.endsWith(suffix) && found++ === skip) return id;
  }
  throw new Error(`no ID number ends in ${suffix}`);
}

const SHARED = '4170'; // two members of 建朗 and one of 徐汇 end in it
const ZHANG = idEndingIn(SHARED, 0);
const QIAN = idEndingIn(SHARED, 1);
const XUHUI = idEndingIn(SHARED, 2);
const WITH_X = idEndingIn('417X');

let s: TestServer;
let jianlang: GraphQLClient;
let xuhui: GraphQLClient;
let center: GraphQLClient;

const member = (name: string, idNumber: string) => ({ name, idType: 'RESIDENT_ID', idNumber, category: 'FLEXIBLE' });
const names = async (c: GraphQLClient, search: string, organizationId?: string) =>
  ((await c.ok(LIST, { search, organizationId })).members.nodes as { name: string }[]).map((n) => n.name).sort();

beforeAll(async () => {
  s = await startTestServer({ APP_TODAY: '2024-12-27' });
  [jianlang, xuhui, center] = await Promise.all([s.as('jianlang'), s.as('xuhui-gr1'), s.as('center')]);
  for (const [c, name, id] of [
    [jianlang, '张三丰', ZHANG],
    [jianlang, '钱小红', QIAN],
    [jianlang, '孙悟空', WITH_X],
    [xuhui, '张三丰', XUHUI],
  ] as const) {
    expect((await c.ok(CREATE, { input: member(name, id) })).createMember.__typename).toBe('MemberPayload');
  }
});
afterAll(() => s.close());

describe('search by the last 4 characters of the ID number', () => {
  it('alone finds the members of the union whose ID number ends in them, X in either case', async () => {
    expect(await names(jianlang, SHARED)).toEqual(['张三丰', '钱小红']);
    expect(await names(jianlang, '417x')).toEqual(['孙悟空']);
    expect(await names(jianlang, '４１７Ｘ')).toEqual(['孙悟空']);
    expect(await names(jianlang, '4171')).toEqual([]);
  });

  it('with the name, before or after it, finds just that member', async () => {
    expect(await names(jianlang, `张三丰 ${SHARED}`)).toEqual(['张三丰']);
    expect(await names(jianlang, `三丰${SHARED}`)).toEqual(['张三丰']);
    expect(await names(jianlang, `${SHARED} 钱小红`)).toEqual(['钱小红']);
    expect(await names(jianlang, `孙悟空 ${SHARED}`)).toEqual([]);
  });

  it('never across another union: each union finds its own; only a common superior finds both', async () => {
    const found = await jianlang.ok(LIST, { search: `张三丰 ${SHARED}` });
    expect(found.members.nodes).toEqual([
      { name: '张三丰', idNumberMasked: `${ZHANG.slice(0, 4)} **** **** ${SHARED}`, organization: { name: '上海建朗信息科技有限公司工会' } },
    ]);
    expect((await xuhui.ok(LIST, { search: `张三丰 ${SHARED}` })).members.nodes).toEqual([
      { name: '张三丰', idNumberMasked: `${XUHUI.slice(0, 4)} **** **** ${SHARED}`, organization: { name: expect.not.stringContaining('建朗') } },
    ]);
    expect(await names(xuhui, SHARED)).toEqual(['张三丰']);
    expect(await names(center, `张三丰 ${SHARED}`)).toEqual(['张三丰', '张三丰']);
  });

  it('follows every write: an edited ID number and an imported member are found by their new suffix', async () => {
    const created = (await jianlang.ok(CREATE, { input: member('周改号', idEndingIn('3335')) })).createMember.member;
    expect(await names(jianlang, '3335')).toEqual(['周改号']);
    await jianlang.ok(UPDATE, { input: { ...member('周改号', idEndingIn('3346')), id: created.id, version: created.version } });
    expect(await names(jianlang, '3335')).toEqual([]);
    expect(await names(jianlang, '3346')).toEqual(['周改号']);

    const enterprise = await jianlang.ok(
      `mutation { createEnterprise(input: { name: "搜索测试企业", creditCode: "${makeCreditCode(7300)}" }) { ... on EnterprisePayload { enterprise { id } } } }`,
    );
    const imported = idEndingIn('2253');
    const sent = await upload(
      jianlang,
      workbook({ 会员信息: [TEMPLATE_HEADERS, goodRow(1, { 姓名: '吴导入', 证件号码: imported })] }),
      enterprise.createEnterprise.enterprise.id,
    );
    const job = await preview(jianlang, sent.body.id!);
    expect(job.newCount).toBe(1);
    await jianlang.ok(COMMIT, { id: job.id, all: true });
    expect(await names(jianlang, '吴导入 2253')).toEqual(['吴导入']);
  });

  it('reads the index on the masked suffix inside the caller subtree, and decrypts nothing', async () => {
    const decrypt = vi.spyOn(PiiCipher.prototype, 'decrypt');
    const { result, statements } = await recordReads(s.app.services.readDb, () => names(jianlang, `张三丰 ${SHARED}`)).finally(() => decrypt.mockRestore());
    expect(result).toEqual(['张三丰']);
    expect(decrypt).not.toHaveBeenCalled();
    const count = statements.find((st) => /^select count\(\*\).* from member m/.test(st.text))!;
    const suffix = /right\(m\.id_number_masked, 4\) = \$(\d+)/.exec(count.text);
    expect(count.values[Number(suffix![1]) - 1]).toBe(SHARED);
    expect(count.text).not.toMatch(/id_number_sealed/);
    // The plan, with sequential scans priced out (the test table is small enough for one to win anyway).
    await s.orm.em.getConnection().execute('analyze member');
    const plan = await planOf(s.app.services.readDb, count, ['set local enable_seqscan = off']);
    // Both the suffix and the subtree bound the index range: no other union's rows are even read.
    expect(plan).toMatch(
      /Index Scan on member_id_number_suffix_idx\s+\(.*\)\s+Index Cond: \(\("right"\(\(id_number_masked\)::text, 4\) = '4170'::text\) AND \(\(org_path\)::text ~>=~/,
    );
  });
});
