import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCreditCode } from '../src/domain/credit-code.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { GraphQLClient } from './support/graphql-client.js';
import { COMMIT, preview, upload } from './support/uploads.js';
import { goodRow, residentId, TEMPLATE_HEADERS, workbook } from './support/workbooks.js';

/**
 * Names and addresses refuse control characters, ANSI escapes, bidi overrides and invisible
 * characters, per field, in every form that writes them (and in the member import); a required one
 * refuses blank; what is stored is NFC and trimmed.
 */

const USER_ERROR = '... on UserError { code field message }';
const CREATE_ORG = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { __typename ${USER_ERROR} } }`;
const CREATE_ENTERPRISE = `mutation($input: EnterpriseInput!) { createEnterprise(input: $input) { __typename ${USER_ERROR} ... on EnterprisePayload { enterprise { id version name address } } } }`;
const UPDATE_ENTERPRISE = `mutation($input: UpdateEnterpriseInput!) { updateEnterprise(input: $input) { __typename ${USER_ERROR} } }`;
const CREATE_MEMBER = `mutation($input: MemberInput!) { createMember(input: $input) { __typename ${USER_ERROR} ... on MemberPayload { member { id version name workAddress } } } }`;
const UPDATE_MEMBER = `mutation($input: UpdateMemberInput!) { updateMember(input: $input) { __typename ${USER_ERROR} } }`;
const CREATE_ACCOUNT = `mutation($input: CreateAccountInput!) { createAccount(input: $input) { __typename ${USER_ERROR} } }`;

const BAD: [string, string, 'textControl' | 'textInvisible'][] = [
  ['an ANSI escape', '\u001b[31m红色', 'textControl'],
  ['a C1 CSI', '\u009b2J', 'textControl'],
  ['a tab', '张\t三', 'textControl'],
  ['a line break', '张\n三', 'textControl'],
  ['a right-to-left override', '\u202e号001路京南', 'textInvisible'],
  ['a zero-width space', '张\u200b三', 'textInvisible'],
  ['a soft hyphen', '张\u00ad三', 'textInvisible'],
];
const PROBLEM = { textControl: '含有控制字符', textInvisible: '含有不可见字符' };

let s: TestServer;
let pudong: GraphQLClient;
let center: GraphQLClient;
let clerk: GraphQLClient;
const member = (over: Record<string, unknown> = {}) => ({
  name: '赵六',
  idType: 'RESIDENT_ID',
  idNumber: residentId(701),
  category: 'IN_ENTERPRISE',
  workAddress: '上海市浦东新区世纪大道一百号建朗大厦',
  ...over,
});
let enterprise: { id: string; version: number };
let existing: { id: string; version: number };

beforeAll(async () => {
  s = await startTestServer({ APP_TODAY: '2024-12-27' });
  [pudong, center, clerk] = await Promise.all([s.as('pudong'), s.as('center'), s.as('jianlang')]);
  enterprise = (await clerk.ok(CREATE_ENTERPRISE, { input: { name: '上海文本检查有限公司', creditCode: makeCreditCode(8101) } })).createEnterprise.enterprise;
  existing = (await clerk.ok(CREATE_MEMBER, { input: member({ idNumber: residentId(702) }) })).createMember.member;
});
afterAll(() => s.close());

const count = async (table: string) => (await s.orm.em.getConnection().execute(`select count(*)::int as n from ${table}`))[0].n as number;

/** Every form field holding human text: who writes it, with which document and input, and its label. */
const FIELDS: {
  field: string;
  label: string;
  table: string;
  send: (value: string) => Promise<{ __typename: string; code?: string; field?: string; message?: string }>;
}[] = [
  {
    field: 'name',
    label: '单位名称',
    table: 'organization',
    send: async (v) => (await pudong.ok(CREATE_ORG, { input: { parentId: 2, name: v, tier: 'SECONDARY' } })).createOrganization,
  },
  {
    field: 'name',
    label: '企业名称',
    table: 'enterprise',
    send: async (v) => (await clerk.ok(CREATE_ENTERPRISE, { input: { name: v, creditCode: makeCreditCode(8102) } })).createEnterprise,
  },
  {
    field: 'address',
    label: '地址',
    table: 'enterprise',
    send: async (v) =>
      (await clerk.ok(CREATE_ENTERPRISE, { input: { name: '上海地址检查有限公司', creditCode: makeCreditCode(8103), address: v } })).createEnterprise,
  },
  {
    field: 'name',
    label: '企业名称',
    table: 'audit_entry',
    send: async (v) => (await clerk.ok(UPDATE_ENTERPRISE, { input: { ...enterprise, name: v, creditCode: makeCreditCode(8101) } })).updateEnterprise,
  },
  {
    field: 'address',
    label: '地址',
    table: 'audit_entry',
    send: async (v) =>
      (await clerk.ok(UPDATE_ENTERPRISE, { input: { ...enterprise, name: '上海文本检查有限公司', creditCode: makeCreditCode(8101), address: v } }))
        .updateEnterprise,
  },
  { field: 'name', label: '姓名', table: 'member', send: async (v) => (await clerk.ok(CREATE_MEMBER, { input: member({ name: v }) })).createMember },
  {
    field: 'workAddress',
    label: '工作单位详细地址',
    table: 'member',
    send: async (v) => (await clerk.ok(CREATE_MEMBER, { input: member({ workAddress: v }) })).createMember,
  },
  {
    field: 'name',
    label: '姓名',
    table: 'audit_entry',
    send: async (v) => (await clerk.ok(UPDATE_MEMBER, { input: { ...member(), ...existing, idNumber: undefined, name: v } })).updateMember,
  },
  {
    field: 'workAddress',
    label: '工作单位详细地址',
    table: 'audit_entry',
    send: async (v) => (await clerk.ok(UPDATE_MEMBER, { input: { ...member(), ...existing, idNumber: undefined, workAddress: v } })).updateMember,
  },
  {
    field: 'displayName',
    label: '姓名',
    table: 'account',
    send: async (v) => (await center.ok(CREATE_ACCOUNT, { input: { organizationId: 1, username: 'text-check', displayName: v, role: 'CLERK' } })).createAccount,
  },
];

describe('human-readable text', () => {
  it.each(BAD)('every name and address field refuses %s, naming the field, and writes nothing', async (_label, value, problem) => {
    for (const f of FIELDS) {
      const before = await count(f.table);
      const r = await f.send(value);
      expect(r, `${f.table}.${f.field}`).toMatchObject({ __typename: 'UserError', code: 'BAD_USER_INPUT', field: f.field });
      expect(r.message).toBe(
        `${f.label}：${PROBLEM[problem]}${problem === 'textControl' ? '（如换行、制表符或终端转义符），请删除' : '（如零宽空格、文字方向控制符或软连字符），请删除'}`,
      );
      expect(await count(f.table), `${f.table}.${f.field}`).toBe(before);
    }
  });

  it('a required name that is blank after trimming is refused (createAccount used to accept it)', async () => {
    const before = await count('account');
    for (const blank of ['', '   ', '\u3000']) {
      const r = (await center.ok(CREATE_ACCOUNT, { input: { organizationId: 1, username: 'blank-name', displayName: blank, role: 'CLERK' } })).createAccount;
      expect(r).toMatchObject({ __typename: 'UserError', code: 'BAD_USER_INPUT', field: 'displayName', message: '姓名：不能为空' });
    }
    expect(await count('account')).toBe(before);
  });

  it('stores names NFC-normalised and trimmed; a blank optional address is no address', async () => {
    const r = (await clerk.ok(CREATE_ENTERPRISE, { input: { name: '  Cafe\u0301 上海有限公司 ', creditCode: makeCreditCode(8104), address: '   ' } }))
      .createEnterprise;
    expect(r.enterprise).toMatchObject({ name: 'Caf\u00e9 上海有限公司', address: null });
  });

  it('answers in English for an English client', async () => {
    const english = new GraphQLClient(s.url, 'en');
    english.cookie = center.cookie;
    const r = (await english.ok(CREATE_ACCOUNT, { input: { organizationId: 1, username: 'bidi-name', displayName: 'abc\u202efed', role: 'CLERK' } }))
      .createAccount;
    expect(r.message).toBe('Name: contains invisible characters (such as zero-width spaces, text-direction controls or soft hyphens); remove them.');
  });

  it('the member import applies the same rules to names and addresses, per row and column', async () => {
    const rows = [
      goodRow(711, { 姓名: '王\u202e五' }),
      goodRow(712, { 工作单位详细地址: '上海市浦东新区\u200b世纪大道一百号建朗大厦' }),
      goodRow(713, { 姓名: '\u001b[1m李四' }),
      goodRow(714),
    ];
    const { body } = await upload(clerk, workbook({ 会员信息: [TEMPLATE_HEADERS, ...rows] }), enterprise.id);
    const job = await preview(clerk, body.id!);
    expect(job.invalidCount).toBe(3);
    expect(job.errors).toEqual([
      { rowNo: 2, column: '姓名', message: '含有不可见字符（如零宽空格、文字方向控制符或软连字符），请删除' },
      { rowNo: 3, column: '工作单位详细地址', message: '含有不可见字符（如零宽空格、文字方向控制符或软连字符），请删除' },
      { rowNo: 4, column: '姓名', message: '含有控制字符（如换行、制表符或终端转义符），请删除' },
    ]);
    const commit = (await clerk.ok(COMMIT, { id: body.id, all: false })).commitMemberImport;
    expect(commit.memberImport.result.inserted).toBe(1);
  });
});
