import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckChar } from '../src/domain/resident-id.js';
import { makeCreditCode } from '../src/domain/credit-code.js';
import { AuditEntry } from '../src/audit-trail/audit-entry.entity.js';
import { systemEm } from '../src/org-scope/system-em.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import type { GraphQLClient } from './support/graphql-client.js';

/**
 * The readable history (issue 9, item 3): an edit that changes nothing writes nothing and says so; a
 * real edit records the changed fields only, shown with names; each thing's history is visible to the
 * clerk of its union and to the superiors, and NOT_FOUND to anyone else.
 */

const MEMBER = 'id memberNo name version';
const CREATE_MEMBER = `mutation($input: MemberInput!) { createMember(input: $input) { __typename ... on MemberPayload { changed member { ${MEMBER} } } } }`;
const UPDATE_MEMBER = `mutation($input: UpdateMemberInput!) { updateMember(input: $input) { __typename ... on MemberPayload { changed member { ${MEMBER} } } ... on ErrorResult { code message } } }`;
const LIFE_STATUS = `mutation($input: SetMemberLifeStatusInput!) { setMemberLifeStatus(input: $input) { __typename ... on MemberPayload { changed member { version } } } }`;
const TRANSFER = `mutation($input: TransferMemberInput!) { transferMember(input: $input) { __typename ... on MemberPayload { changed member { version } } ... on ErrorResult { code message } } }`;
const ENTRY = 'action actorUsername targetType targetId targetName changes { field before after }';
const MEMBER_HISTORY = `query($id: ID!) { memberHistory(id: $id) { totalCount nodes { ${ENTRY} } } }`;

let s: TestServer;
let jianlang: GraphQLClient;
let sibling: GraphQLClient;
let otherBranch: GraphQLClient;
let lujiazui: GraphQLClient;
let center: GraphQLClient;
let enterprises: { id: string; name: string }[];

beforeAll(async () => {
  s = await startTestServer({ APP_TODAY: '2024-12-27' });
  [jianlang, sibling, otherBranch, lujiazui, center] = await Promise.all(['jianlang', 'ljz-finance', 'xuhui-gr1', 'lujiazui', 'center'].map((u) => s.as(u)));
  enterprises = (await jianlang.ok(`{ enterprises(pageSize: 2) { nodes { id name } } }`)).enterprises.nodes;
  expect(enterprises).toHaveLength(2);
});
afterAll(() => s.close());

const auditRows = (targetId: string) => systemEm(s.orm).find(AuditEntry, { targetType: 'Member', targetId }, { orderBy: { id: 'asc' } });
const xminOf = async (table: string, id: string) => (await s.orm.em.getConnection().execute(`select xmin::text as x from ${table} where id = ?`, [id]))[0].x;

const draft = {
  name: '赵无改',
  idType: 'RESIDENT_ID',
  idNumber: withCheckChar('31011519800202123'),
  idExpiry: '2034-02-02',
  mobile: '13611112222',
  workAddress: '上海市浦东新区世纪大道一百号建朗大厦',
  category: 'IN_ENTERPRISE',
  joinedAt: '2021-03-01',
};

/** The same member as an update input: every field as stored (idNumber and mobile left out keep theirs). */
const unchanged = (m: { id: string; version: number }) => {
  const { idNumber: _idNumber, mobile: _mobile, ...rest } = draft;
  return { ...rest, id: m.id, version: m.version, enterpriseId: enterprises[0].id };
};

describe('an edit that changes nothing', () => {
  it('writes no row, no audit entry, and answers changed: false (没有修改)', async () => {
    const created = (await jianlang.ok(CREATE_MEMBER, { input: { ...draft, enterpriseId: enterprises[0].id } })).createMember;
    expect(created).toMatchObject({ __typename: 'MemberPayload', changed: true });
    const m = created.member;
    const xmin = await xminOf('member', m.id);

    const saved = (await jianlang.ok(UPDATE_MEMBER, { input: unchanged(m) })).updateMember;
    expect(saved).toMatchObject({ __typename: 'MemberPayload', changed: false, member: { version: m.version } });
    // The number and phone sent whole again (as the edit form does) are no change either, though sealed anew.
    const resent = (await jianlang.ok(UPDATE_MEMBER, { input: { ...unchanged(m), idNumber: draft.idNumber, mobile: draft.mobile } })).updateMember;
    expect(resent).toMatchObject({ changed: false, member: { version: m.version } });
    const status = (await jianlang.ok(LIFE_STATUS, { input: { id: m.id, version: m.version, lifeStatus: 'ACTIVE' } })).setMemberLifeStatus;
    expect(status).toMatchObject({ __typename: 'MemberPayload', changed: false, member: { version: m.version } });

    expect(await xminOf('member', m.id)).toBe(xmin); // not even an UPDATE of updatedAt
    expect((await auditRows(m.id)).map((r) => r.action)).toEqual(['member.created']);
    // And the next real edit still goes through with the version the clerk holds.
    const renamed = (await jianlang.ok(UPDATE_MEMBER, { input: { ...unchanged(m), name: '赵已改' } })).updateMember;
    expect(renamed).toMatchObject({ changed: true, member: { name: '赵已改', version: m.version + 1 } });
  });

  it('holds for enterprises and accounts too', async () => {
    const e = (await jianlang.ok(`query($id: ID!) { enterprise(id: $id) { id name creditCode address version } }`, { id: enterprises[1].id })).enterprise;
    const update = `mutation($input: UpdateEnterpriseInput!) { updateEnterprise(input: $input) { __typename ... on EnterprisePayload { changed enterprise { version } } } }`;
    const same = (await jianlang.ok(update, { input: { id: e.id, version: e.version, name: e.name, creditCode: e.creditCode, address: e.address } }))
      .updateEnterprise;
    expect(same).toEqual({ __typename: 'EnterprisePayload', changed: false, enterprise: { version: e.version } });
    expect(await systemEm(s.orm).count(AuditEntry, { action: 'enterprise.updated', targetId: e.id })).toBe(0);

    const account = await createAccount('history-same');
    const disable = `mutation($input: SetAccountDisabledInput!) { setAccountDisabled(input: $input) { __typename ... on AccountPayload { changed account { version disabled } } } }`;
    const r = (await lujiazui.ok(disable, { input: { id: account.id, version: account.version, disabled: false } })).setAccountDisabled;
    expect(r).toEqual({ __typename: 'AccountPayload', changed: false, account: { version: account.version, disabled: false } });
    expect(
      await systemEm(s.orm).count(AuditEntry, { targetType: 'Account', targetId: account.id, action: { $in: ['account.disabled', 'account.enabled'] } }),
    ).toBe(0);
  });
});

describe('a real edit', () => {
  it('records only the changed fields, before → after, the enterprise by name', async () => {
    const m = (
      await jianlang.ok(CREATE_MEMBER, {
        input: { ...draft, name: '钱改企业', idNumber: withCheckChar('31011519810303123'), mobile: '13622223333', enterpriseId: enterprises[0].id },
      })
    ).createMember.member;
    const input = { ...unchanged(m), name: '钱已改企业', idExpiry: '长期' };
    expect((await jianlang.ok(UPDATE_MEMBER, { input: { ...input, enterpriseId: enterprises[1].id } })).updateMember.changed).toBe(true);

    const [updated, created] = (await jianlang.ok(MEMBER_HISTORY, { id: m.id })).memberHistory.nodes;
    expect(updated).toMatchObject({ action: 'MEMBER_UPDATED', actorUsername: 'jianlang', targetType: 'MEMBER', targetName: `钱已改企业（${m.memberNo}）` });
    expect(updated.changes).toEqual([
      { field: 'NAME', before: '钱改企业', after: '钱已改企业' },
      { field: 'ID_EXPIRY', before: '2034-02-02', after: null },
      { field: 'ID_EXPIRY_LONG_TERM', before: 'false', after: 'true' },
      { field: 'ENTERPRISE_ID', before: enterprises[0].name, after: enterprises[1].name },
    ]);
    expect(created.action).toBe('MEMBER_CREATED');
    expect(created.changes).toContainEqual({ field: 'ID_NUMBER', before: null, after: expect.stringMatching(/^3101 \*{4} \*{4} \w{4}$/) });
    expect(JSON.stringify(created.changes)).not.toContain('13622223333');
  });

  it('counts a digit hidden by the mask as a change, and keeps the number masked', async () => {
    const m = (
      await jianlang.ok(CREATE_MEMBER, {
        input: { ...draft, name: '孙换号', idNumber: withCheckChar('31011519820404123'), mobile: '13633334444', enterpriseId: enterprises[0].id },
      })
    ).createMember.member;
    // Same first three and last four digits: the masked form does not change, the number does.
    const r = (await jianlang.ok(UPDATE_MEMBER, { input: { ...unchanged(m), name: '孙换号', mobile: '13699994444' } })).updateMember;
    expect(r).toMatchObject({ changed: true, member: { version: m.version + 1 } });
    const [latest] = (await jianlang.ok(MEMBER_HISTORY, { id: m.id })).memberHistory.nodes;
    expect(latest.changes).toEqual([{ field: 'MOBILE', before: '136****4444', after: '136****4444' }]);
  });
});

describe("a member's history", () => {
  let m: { id: string; version: number; memberNo: string };

  beforeAll(async () => {
    m = (await jianlang.ok(CREATE_MEMBER, { input: { ...draft, name: '李历史', idNumber: withCheckChar('31011519830505123'), mobile: '13655556666' } }))
      .createMember.member;
  });

  it('is visible to the clerk of its union and to every superior, newest first', async () => {
    for (const c of [jianlang, lujiazui, center, await s.as('pudong'), await s.as('pudong-reviewer')]) {
      const history = (await c.ok(MEMBER_HISTORY, { id: m.id })).memberHistory;
      expect(history.totalCount).toBe(1);
      expect(history.nodes[0]).toMatchObject({ action: 'MEMBER_CREATED', targetName: `李历史（${m.memberNo}）` });
    }
  });

  it('is NOT_FOUND to a sibling union and to another branch, with nothing leaked', async () => {
    for (const c of [sibling, otherBranch]) {
      const r = await c.request(MEMBER_HISTORY, { id: m.id });
      expect(r.errors?.[0].extensions.code).toBe('NOT_FOUND');
      expect(r.data).toBeNull();
      expect(JSON.stringify(r)).not.toContain('李历史');
    }
  });

  it('shows a transfer as union names below the reader, and hides a union outside its scope', async () => {
    const r = (await lujiazui.ok(TRANSFER, { input: { id: m.id, version: m.version, toOrganizationId: 7 } })).transferMember;
    expect(r.changed).toBe(true);
    const transfer = (await lujiazui.ok(MEMBER_HISTORY, { id: m.id })).memberHistory.nodes[0];
    expect(transfer.action).toBe('MEMBER_TRANSFERRED');
    const path = transfer.changes.find((c: { field: string }) => c.field === 'ORG_PATH');
    expect(path).toEqual({ field: 'ORG_PATH', before: '上海建朗信息科技有限公司工会', after: expect.not.stringMatching(/\d|\//) });
    const centerView = (await center.ok(MEMBER_HISTORY, { id: m.id })).memberHistory.nodes[0].changes.find((c: { field: string }) => c.field === 'ORG_PATH');
    expect(centerView.before).toBe('浦东新区总工会 / 陆家嘴金融贸易区工会 / 上海建朗信息科技有限公司工会');
    expect(centerView.after).toBe(`浦东新区总工会 / 陆家嘴金融贸易区工会 / ${path.after}`);

    // The union it left still reads the transfer in its log, without the name of a union it cannot see.
    const admin = await createAccount('history-admin', 'ADMIN');
    const left = await s.as(admin.username, admin.password);
    const changed = await left.ok(`mutation($p: String!, $n: String!) { changePassword(input: { currentPassword: $p, newPassword: $n }) { __typename } }`, {
      p: admin.password,
      n: 'Ledger-Check-2025x',
    });
    expect(changed.changePassword.__typename).toBe('ChangePasswordSuccess');
    const log = (await left.ok(`{ auditEntries(organizationId: 6, pageSize: 50) { nodes { ${ENTRY} } } }`)).auditEntries.nodes;
    const seen = log.find((e: { action: string; targetId: string }) => e.action === 'MEMBER_TRANSFERRED' && e.targetId === m.id);
    expect(seen.changes.find((c: { field: string }) => c.field === 'ORG_PATH')).toEqual({
      field: 'ORG_PATH',
      before: '上海建朗信息科技有限公司工会',
      after: '（不在您的查看范围内）',
    });
    // The member itself is out of its sight now: the client names it by type and id only.
    expect(seen.targetName).toBeNull();
  });
});

describe('other histories and the log', () => {
  it("shows an account's history to its superiors by name, and not to a clerk", async () => {
    const account = await createAccount('history-acct');
    const disable = `mutation($input: SetAccountDisabledInput!) { setAccountDisabled(input: $input) { __typename ... on AccountPayload { changed } } }`;
    expect((await lujiazui.ok(disable, { input: { id: account.id, version: account.version, disabled: true } })).setAccountDisabled.changed).toBe(true);
    const query = `query($id: ID!) { accountHistory(id: $id) { nodes { ${ENTRY} } } }`;
    const nodes = (await center.ok(query, { id: account.id })).accountHistory.nodes;
    expect(nodes.map((n: { action: string }) => n.action)).toEqual(['ACCOUNT_DISABLED', 'ACCOUNT_CREATED']);
    expect(nodes[0]).toMatchObject({ targetName: '历史（history-acct）', changes: [{ field: 'DISABLED', before: 'false', after: 'true' }] });
    expect(await jianlang.errorCode(query, { id: account.id })).toBe('FORBIDDEN');
    expect(await (await s.as('xuhui')).errorCode(query, { id: account.id })).toBe('NOT_FOUND');
  });

  it("shows a union's and an enterprise's history to the clerk of the union and NOT_FOUND to a sibling", async () => {
    const created = await lujiazui.ok(
      `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { __typename ... on OrganizationPayload { organization { id } } } }`,
      { input: { parentId: 5, name: '历史测试基层工会', tier: 'GRASSROOTS', creditCode: makeCreditCode(7777) } },
    );
    const orgId = created.createOrganization.organization.id;
    const union = `query($id: ID!) { organizationHistory(id: $id) { nodes { ${ENTRY} } } }`;
    const [entry] = (await lujiazui.ok(union, { id: orgId })).organizationHistory.nodes;
    expect(entry).toMatchObject({ action: 'ORGANIZATION_CREATED', targetType: 'ORGANIZATION', targetName: '历史测试基层工会' });
    expect(entry.changes).toContainEqual({ field: 'TIER', before: null, after: 'GRASSROOTS' });
    expect(await sibling.errorCode(union, { id: orgId })).toBe('NOT_FOUND');
    expect((await jianlang.ok(union, { id: 6 })).organizationHistory.nodes).toEqual([]);
    expect(await sibling.errorCode(union, { id: 6 })).toBe('NOT_FOUND');

    const enterprise = `query($id: ID!) { enterpriseHistory(id: $id) { totalCount nodes { ${ENTRY} } } }`;
    expect((await jianlang.ok(enterprise, { id: enterprises[1].id })).enterpriseHistory.totalCount).toBe(0); // the unchanged save above wrote none
    expect(await sibling.errorCode(enterprise, { id: enterprises[1].id })).toBe('NOT_FOUND');
  });

  it('names the targets of the log (members, enterprises) and shows an export by its count and filter', async () => {
    const exported = await fetch(`${s.url}/api/members/export.xlsx`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: jianlang.cookie! },
      body: JSON.stringify({ search: '13655556666', category: 'IN_ENTERPRISE' }),
    });
    expect(exported.status).toBe(200);
    const e = await jianlang.ok(
      `mutation($input: EnterpriseInput!) { createEnterprise(input: $input) { ... on EnterprisePayload { enterprise { id name } } } }`,
      { input: { name: '历史日志企业', creditCode: makeCreditCode(7788) } },
    );
    const log = (await lujiazui.ok(`{ auditEntries(organizationId: 6, pageSize: 100) { nodes { ${ENTRY} } } }`)).auditEntries.nodes as {
      action: string;
      targetName: string | null;
      targetId: string | null;
    }[];
    expect(log.find((n) => n.action === 'ENTERPRISE_CREATED' && n.targetId === e.createEnterprise.enterprise.id)?.targetName).toBe('历史日志企业');
    for (const n of log.filter((n) => n.targetId && n.action.startsWith('MEMBER_') && n.action !== 'MEMBER_TRANSFERRED')) {
      expect(n.targetName, n.action).toMatch(/（\d{12}）$/);
    }
    const exportEntry = log.find((n) => n.action === 'MEMBER_EXPORTED') as unknown as { targetName: string | null; changes: unknown[] };
    expect(exportEntry.targetName).toBeNull();
    // The filter flat, field by field; the searched phone masked as everywhere in the trail.
    expect(exportEntry.changes).toEqual([
      { field: 'CATEGORY', before: null, after: 'IN_ENTERPRISE' },
      { field: 'COUNT', before: null, after: expect.stringMatching(/^\d+$/) },
      { field: 'SEARCH', before: null, after: expect.stringMatching(/\*/) },
    ]);
    expect(JSON.stringify(exportEntry)).not.toContain('13655556666');
  });
});

/** A fresh clerk account of jianlang's union, made by its superior lujiazui (version and temporary password for logging in). */
async function createAccount(username: string, role = 'CLERK'): Promise<{ id: string; version: number; username: string; password: string }> {
  const r = await lujiazui.ok(
    `mutation($input: CreateAccountInput!) { createAccount(input: $input) { __typename ... on TemporaryPassword { temporaryPassword account { id version } } } }`,
    { input: { organizationId: 6, username, displayName: '历史', role } },
  );
  const { account, temporaryPassword } = r.createAccount;
  return { id: account.id, version: account.version, username, password: temporaryPassword };
}
