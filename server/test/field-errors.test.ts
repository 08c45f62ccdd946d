import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckChar } from '../src/domain/resident-id.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { GraphQLClient } from './support/graphql-client.js';

/** Every problem of a form comes back in one answer: `fields` lists them, `field` / `message` still name the first / all. */
const USER_ERROR = '... on UserError { code field message fields { field message } }';
const CREATE_MEMBER = `mutation($input: MemberInput!) { createMember(input: $input) { __typename ${USER_ERROR} } }`;
const UPDATE_MEMBER = `mutation($input: UpdateMemberInput!) { updateMember(input: $input) { __typename ... on MemberPayload { member { id version } } ${USER_ERROR} } }`;
const CREATE_ORGANIZATION = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { __typename ${USER_ERROR} } }`;
const CREATE_ENTERPRISE = `mutation($input: EnterpriseInput!) { createEnterprise(input: $input) { __typename ${USER_ERROR} } }`;
const CHANGE_PASSWORD = `mutation($input: ChangePasswordInput!) { changePassword(input: $input) { __typename ${USER_ERROR} } }`;

const member = (over: Record<string, unknown> = {}) => ({
  name: '赵一二',
  idType: 'RESIDENT_ID',
  idNumber: withCheckChar('31011519800101123'),
  category: 'FLEXIBLE',
  ...over,
});
/** Three fields wrong at once: the ID number's check character, the mobile's format, a join date in the future. */
const THREE_BAD = { idNumber: '110105194912310021', mobile: '12800138000', joinedAt: '2030-01-01' };

let s: TestServer;
let jianlang: GraphQLClient;
let pudong: GraphQLClient;
beforeAll(async () => {
  s = await startTestServer({ APP_TODAY: '2024-12-27' });
  [jianlang, pudong] = await Promise.all([s.as('jianlang'), s.as('pudong')]);
});
afterAll(() => s.close());

const memberCount = async () => (await jianlang.ok('{ members { totalCount } }')).members.totalCount as number;

describe('every field error in one answer', () => {
  it('createMember with three bad fields answers three errors, each beside its field, and writes nothing', async () => {
    const before = await memberCount();
    const r = (await jianlang.ok(CREATE_MEMBER, { input: member(THREE_BAD) })).createMember;
    expect(r).toMatchObject({ __typename: 'UserError', code: 'BAD_USER_INPUT', field: 'idNumber' });
    expect(r.fields).toEqual([
      { field: 'idNumber', message: '证件号码校验位不正确，请核对' },
      { field: 'mobile', message: '手机号码格式不正确（11 位，1 开头）' },
      { field: 'joinedAt', message: '入会日期不能晚于今天' },
    ]);
    // A client that reads only `message` still sees all three.
    expect(r.message).toBe('证件号码校验位不正确，请核对；手机号码格式不正确（11 位，1 开头）；入会日期不能晚于今天');
    expect(await memberCount()).toBe(before);

    const en = new GraphQLClient(s.url, 'en');
    en.cookie = jianlang.cookie;
    const english = (await en.ok(CREATE_MEMBER, { input: member(THREE_BAD) })).createMember;
    expect(english.fields.map((f: { field: string }) => f.field)).toEqual(['idNumber', 'mobile', 'joinedAt']);
    expect(english.fields.every((f: { message: string }) => /^[\x20-\x7e]+$/.test(f.message))).toBe(true);
  });

  it('updateMember reports an enterprise of another union together with the field rules', async () => {
    const created = (
      await jianlang.ok(`mutation($input: MemberInput!) { createMember(input: $input) { ... on MemberPayload { member { id version } } } }`, {
        input: member(),
      })
    ).createMember.member;
    const foreign = (await (await s.as('xuhui-gr1')).ok('{ enterprises(pageSize: 1) { nodes { id } } }')).enterprises.nodes[0].id;
    const r = (
      await jianlang.ok(UPDATE_MEMBER, {
        input: { ...member({ name: '赵一二', idExpiry: '2020-01-01', workAddress: '上海浦东', category: 'IN_ENTERPRISE', enterpriseId: foreign }), ...created },
      })
    ).updateMember;
    expect(r.fields).toEqual([
      { field: 'idExpiry', message: '证件已过期' },
      { field: 'workAddress', message: expect.stringContaining('工作单位详细地址') },
      { field: 'enterpriseId', message: '所选关联企业不属于本工会' },
    ]);
  });

  it('createOrganization with three bad fields answers three errors', async () => {
    const r = (await pudong.ok(CREATE_ORGANIZATION, { input: { parentId: 2, name: 'A', tier: 'DISTRICT', creditCode: '91310000MA1FL0000X' } }))
      .createOrganization;
    expect(r).toMatchObject({ __typename: 'UserError', code: 'BAD_USER_INPUT', field: 'name' });
    expect(r.fields).toEqual([
      { field: 'name', message: '组织名称须为 2-100 个字符' },
      { field: 'tier', message: '浦东新区总工会下不能设立该层级的组织' },
      { field: 'creditCode', message: '统一社会信用代码无效（应为18位，校验位正确）' },
    ]);
  });

  it('createEnterprise names both a short name and a bad credit code', async () => {
    const r = (await jianlang.ok(CREATE_ENTERPRISE, { input: { name: 'A', creditCode: '123' } })).createEnterprise;
    expect(r.fields.map((f: { field: string }) => f.field)).toEqual(['name', 'creditCode']);
  });

  it('refused text in several fields is named field by field', async () => {
    const r = (await jianlang.ok(CREATE_MEMBER, { input: member({ name: '赵\u0007一', workAddress: '上海市\u200b浦东新区世纪大道一百号' }) })).createMember;
    expect(r.fields).toEqual([
      { field: 'name', message: '姓名：含有控制字符（如换行、制表符或终端转义符），请删除' },
      { field: 'workAddress', message: '工作单位详细地址：含有不可见字符（如零宽空格、文字方向控制符或软连字符），请删除' },
    ]);
  });

  it('changePassword names a wrong current password and a weak new one together', async () => {
    const clerk = await s.as('xuhui-gr2');
    const r = (await clerk.ok(CHANGE_PASSWORD, { input: { currentPassword: 'not-mine-1', newPassword: 'short1' } })).changePassword;
    expect(r).toMatchObject({ code: 'WRONG_CREDENTIALS', field: 'currentPassword' });
    expect(r.fields).toEqual([
      { field: 'currentPassword', message: '当前密码不正确' },
      { field: 'newPassword', message: '新密码至少 8 位' },
    ]);
  });

  it('a refusal about no field has an empty list, and a one-field refusal lists that field', async () => {
    const self = (await pudong.ok('{ me { id } }')).me.id;
    const version = (await pudong.ok(`{ accounts(pageSize: 100) { nodes { id version } } }`)).accounts.nodes.find((a: { id: string }) => a.id === self).version;
    const refused = (
      await pudong.ok(`mutation { setAccountDisabled(input: { id: ${self}, disabled: true, version: ${version} }) { __typename ${USER_ERROR} } }`)
    ).setAccountDisabled;
    expect(refused).toMatchObject({ code: 'FORBIDDEN', field: null, fields: [] });
    const taken = (
      await pudong.ok(
        `mutation { createAccount(input: { organizationId: 2, username: "jianlang", displayName: "x", role: CLERK }) { __typename ${USER_ERROR} } }`,
      )
    ).createAccount;
    expect(taken).toMatchObject({ code: 'CONFLICT', field: 'username', fields: [{ field: 'username', message: '用户名已存在' }] });
  });
});
