import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckChar } from '../src/domain/resident-id.js';
import { AuditEntry } from '../src/audit-trail/audit-entry.entity.js';
import { systemEm } from '../src/org-scope/system-em.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import type { GraphQLClient } from './support/graphql-client.js';

const FIELDS =
  'id memberNo name gender birthDate idType idNumberMasked idExpiry idExpiryLongTerm mobileMasked workAddress category lifeStatus lifeStatusDate joinedAt version organization { name } enterprise { name }';
const CREATE = `mutation($input: MemberInput!) { createMember(input: $input) { __typename ... on MemberPayload { member { ${FIELDS} } } ... on UserError { code field message } } }`;
const UPDATE = `mutation($input: UpdateMemberInput!) { updateMember(input: $input) { __typename ... on MemberPayload { member { ${FIELDS} } } ... on ErrorResult { code message } ... on UserError { field } ... on VersionConflict { currentVersion } } }`;
const LIST = `query($search: String, $sort: MemberSort, $direction: SortDirection, $page: Int, $pageSize: Int) { members(search: $search, sort: $sort, direction: $direction, page: $page, pageSize: $pageSize) { totalCount nodes { id name memberNo joinedAt idNumberMasked mobileMasked } pageInfo { page pageCount hasNextPage } } }`;

/** Valid resident IDs: Pudong address code, a birth date, a sequence (odd = male). */
const id = (birth: string, seq: string) => withCheckChar(`310115${birth}${seq}`);
const WANG = { id: id('19850315', '123'), mobile: '13800138000' };
const LI = { id: id('19900420', '244'), mobile: '13900139000' };

let s: TestServer;
let jianlang: GraphQLClient;
let other: GraphQLClient;
/** Members the demo seed put in a subtree, counted before this file writes any. */
const seeded: Record<string, number> = {};
beforeAll(async () => {
  s = await startTestServer({ APP_TODAY: '2024-12-27' });
  [jianlang, other] = await Promise.all([s.as('jianlang'), s.as('xuhui-gr1')]);
  for (const [key, path] of [
    ['pudong', '/1/2/'],
    ['xuhui-gr1', '/1/3/9/'],
  ]) {
    seeded[key] = (await s.orm.em.getConnection().execute('select count(*)::int as n from member where org_path like ?', [`${path}%`]))[0].n;
  }
});
afterAll(() => s.close());

const member = (over: Record<string, unknown> = {}) => ({
  name: '王建国',
  idType: 'RESIDENT_ID',
  idNumber: WANG.id,
  idExpiry: '2033-01-01',
  mobile: WANG.mobile,
  workAddress: '上海市浦东新区世纪大道一百号建朗大厦',
  category: 'IN_ENTERPRISE',
  joinedAt: '2020-05-01',
  ...over,
});

describe('members', () => {
  let wang: { id: string; version: number; memberNo: string; joinedAt: string };

  it('creates a member with derived birth date and gender, masked personal data and a member number', async () => {
    const r = (await jianlang.ok(CREATE, { input: member({ idNumber: ` ${WANG.id.toLowerCase()} `, mobile: '+86 138 0013 8000' }) })).createMember;
    expect(r.__typename).toBe('MemberPayload');
    wang = r.member;
    expect(r.member).toMatchObject({
      name: '王建国',
      gender: 'MALE',
      birthDate: '1985-03-15',
      idNumberMasked: `${WANG.id.slice(0, 4)} **** **** ${WANG.id.slice(-4)}`,
      mobileMasked: '138****8000',
      idExpiry: '2033-01-01',
      organization: { name: '上海建朗信息科技有限公司工会' },
    });
    expect(r.member.memberNo).toMatch(/^\d{12}$/);
  });

  it('stores no plaintext ID number or phone: a raw SQL read shows ciphertext only', async () => {
    const rows = await s.orm.em.getConnection().execute('select * from member');
    const raw = JSON.stringify(rows);
    expect(rows.length).toBeGreaterThan(0);
    expect(raw).not.toContain(WANG.id);
    expect(raw).not.toContain(WANG.mobile);
  });

  it('reveals the full values to the clerk, and audits the reveal without the values', async () => {
    const r = (await jianlang.ok(`mutation { revealMemberPersonalData(id: ${wang.id}) { idNumber mobile } }`)).revealMemberPersonalData;
    expect(r).toEqual({ idNumber: WANG.id, mobile: WANG.mobile });
    const audit = await systemEm(s.orm).find(AuditEntry, { action: 'member.revealed', targetId: String(wang.id) });
    expect(audit).toHaveLength(1);
    const all = JSON.stringify(await systemEm(s.orm).find(AuditEntry, { targetType: 'Member' }));
    expect(all).not.toContain(WANG.id);
    expect(all).not.toContain(WANG.mobile);
  });

  it('a reviewer reads members masked but cannot reveal', async () => {
    const reviewer = await s.as('pudong-reviewer');
    expect((await reviewer.ok(LIST, {})).members.totalCount).toBe(seeded.pudong + 1);
    expect((await reviewer.ok(LIST, { search: WANG.id })).members.nodes).toEqual([
      {
        id: wang.id,
        name: '王建国',
        memberNo: wang.memberNo,
        joinedAt: wang.joinedAt,
        idNumberMasked: `${WANG.id.slice(0, 4)} **** **** ${WANG.id.slice(-4)}`,
        mobileMasked: '138****8000',
      },
    ]);
    expect(await reviewer.errorCode(`mutation { revealMemberPersonalData(id: ${wang.id}) { idNumber } }`)).toBe('FORBIDDEN');
  });

  it('finds members by exact ID number, mobile, part of the name and member number', async () => {
    await jianlang.ok(CREATE, { input: member({ name: '李梅', idNumber: LI.id, mobile: LI.mobile, idExpiry: '长期' }) });
    const names = async (search: string) => (await jianlang.ok(LIST, { search })).members.nodes.map((n: { name: string }) => n.name);
    expect(await names(WANG.id)).toEqual(['王建国']);
    expect(await names(LI.mobile)).toEqual(['李梅']);
    expect(await names('建国')).toEqual(['王建国']);
    expect(await names(wang.memberNo)).toEqual(['王建国']);
    expect(await names(id('19850315', '125'))).toEqual([]);
  });

  it('pages by number in each sort order and direction: every member once, in order', async () => {
    type Node = { id: string; name: string; memberNo: string; joinedAt: string };
    const byId = (a: Node, b: Node) => Number(a.id) < Number(b.id);
    const ascending: Record<string, (a: Node, b: Node) => boolean> = {
      NEWEST: byId,
      NAME: (a, b) => a.name < b.name || (a.name === b.name && byId(a, b)),
      MEMBER_NO: (a, b) => a.memberNo < b.memberNo,
      JOINED_AT: (a, b) => a.joinedAt < b.joinedAt || (a.joinedAt === b.joinedAt && byId(a, b)),
    };
    for (const sort of Object.keys(ascending)) {
      for (const direction of [null, 'ASC', 'DESC']) {
        // Without a direction, NEWEST is newest first and the others ascending.
        const descending = direction === 'DESC' || (direction === null && sort === 'NEWEST');
        const inOrder = (a: Node, b: Node) => (descending ? ascending[sort](b, a) : ascending[sort](a, b));
        const seen: Node[] = [];
        let page = 1;
        let pageCount = 0;
        let totalCount = 0;
        do {
          const answer: { totalCount: number; nodes: Node[]; pageInfo: { page: number; pageCount: number } } = (
            await jianlang.ok(LIST, { sort, direction, page, pageSize: 25 })
          ).members;
          expect(answer.pageInfo.page).toBe(page);
          seen.push(...answer.nodes);
          ({
            totalCount,
            pageInfo: { pageCount },
          } = answer);
          page++;
        } while (page <= pageCount);
        expect(pageCount).toBeGreaterThan(1);
        expect(seen).toHaveLength(totalCount);
        expect(new Set(seen.map((n) => n.id)).size).toBe(totalCount);
        expect(
          seen.every((n, i) => i === 0 || inOrder(seen[i - 1], n)),
          `${sort} ${direction}`,
        ).toBe(true);
      }
    }
  });

  it('refuses bad fields with the clerk-language reason and writes nothing', async () => {
    const before = (await jianlang.ok(LIST, {})).members.totalCount;
    const bad = async (over: Record<string, unknown>) =>
      (await jianlang.ok(CREATE, { input: member({ idNumber: id('19700101', '111'), mobile: null, ...over }) })).createMember;
    expect(await bad({ idNumber: '110105194912310021' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idNumber', message: '证件号码校验位不正确，请核对' });
    expect(await bad({ idExpiry: '2020-01-01' })).toMatchObject({ field: 'idExpiry', message: '证件已过期' });
    expect(await bad({ mobile: '12800138000' })).toMatchObject({ field: 'mobile' });
    expect(await bad({ workAddress: '上海浦东' })).toMatchObject({ field: 'workAddress' });
    expect(await bad({ joinedAt: '2030-01-01' })).toMatchObject({ field: 'joinedAt' });
    expect(await bad({ idType: 'PASSPORT', idNumber: 'E12345678' })).toMatchObject({ field: 'gender' });
    expect((await jianlang.ok(LIST, {})).members.totalCount).toBe(before);
  });

  it('the same person twice: "already ours" in the union, "another union" elsewhere; a phone in use is refused', async () => {
    expect((await jianlang.ok(CREATE, { input: member({ mobile: null }) })).createMember).toMatchObject({
      code: 'CONFLICT',
      field: 'idNumber',
      message: '该证件号码已是本会会员',
    });
    expect((await other.ok(CREATE, { input: member({ mobile: null }) })).createMember).toMatchObject({
      code: 'CONFLICT',
      field: 'idNumber',
      message: '该证件号码已在其他工会登记为会员，请联系上级工会办理转会',
    });
    expect((await other.ok(CREATE, { input: member({ idNumber: id('19770707', '331'), mobile: WANG.mobile }) })).createMember).toMatchObject({
      code: 'CONFLICT',
      field: 'mobile',
    });
  });

  it('updates with optimistic locking: a stale version gets CONFLICT', async () => {
    const r = (await jianlang.ok(UPDATE, { input: { ...member({ name: '王建华' }), id: wang.id, version: wang.version } })).updateMember;
    expect(r.member).toMatchObject({ name: '王建华', version: wang.version + 1 });
    expect((await jianlang.ok(UPDATE, { input: { ...member(), id: wang.id, version: wang.version } })).updateMember).toMatchObject({
      __typename: 'VersionConflict',
      code: 'CONFLICT',
      currentVersion: wang.version + 1,
    });
    wang = r.member;
  });

  it('marks retired with a date; refuses a missing or future date', async () => {
    const set = (lifeStatus: string, date: string | null, version: number) =>
      jianlang.ok(
        `mutation($i: SetMemberLifeStatusInput!) { setMemberLifeStatus(input: $i) { __typename ... on MemberPayload { member { lifeStatus lifeStatusDate version } } ... on ErrorResult { code } ... on UserError { field } } }`,
        { i: { id: wang.id, version, lifeStatus, date } },
      );
    expect((await set('RETIRED', null, wang.version)).setMemberLifeStatus).toMatchObject({ code: 'BAD_USER_INPUT', field: 'date' });
    expect((await set('RETIRED', '2025-01-01', wang.version)).setMemberLifeStatus).toMatchObject({ field: 'date' });
    const r = (await set('RETIRED', '2024/8/31', wang.version)).setMemberLifeStatus;
    expect(r.member).toMatchObject({ lifeStatus: 'RETIRED', lifeStatusDate: '2024-08-31' });
    wang.version = r.member.version;
    // Active and retired members' mobiles sit in two partial indexes: both are searched.
    expect((await jianlang.ok(LIST, { search: WANG.mobile })).members.nodes.map((n: { id: string }) => n.id)).toEqual([wang.id]);
  });

  it('another union sees none of them: by list, by id, by search on a known ID number', async () => {
    const theirs = (await other.ok(LIST, { pageSize: 100 })).members;
    expect(theirs.totalCount).toBe(seeded['xuhui-gr1']);
    expect(theirs.nodes.map((n: { id: string }) => n.id)).not.toContain(wang.id);
    expect((await other.ok(LIST, { search: WANG.id })).members.totalCount).toBe(0);
    expect(await other.errorCode(`{ member(id: ${wang.id}) { name } }`)).toBe('NOT_FOUND');
    expect(await other.errorCode(`mutation { revealMemberPersonalData(id: ${wang.id}) { idNumber } }`)).toBe('NOT_FOUND');
    expect(await other.errorCode(UPDATE, { input: { ...member({ mobile: null }), id: wang.id, version: wang.version } })).toBe('NOT_FOUND');
  });

  it('a superior of both unions transfers a member; the union itself cannot', async () => {
    const transfer = (c: GraphQLClient, to: number) =>
      c.request(
        `mutation { transferMember(input: { id: ${wang.id}, version: ${wang.version}, toOrganizationId: ${to} }) { __typename ... on MemberPayload { member { organization { name } version } } ... on ErrorResult { code } } }`,
      );
    expect((await transfer(jianlang, 7)).errors?.[0].extensions.code).toBe('FORBIDDEN');
    const xuhui = await s.as('xuhui');
    expect((await transfer(xuhui, 9)).errors?.[0].extensions.code).toBe('NOT_FOUND');
    const lujiazui = await s.as('lujiazui');
    expect((await transfer(lujiazui, 5)).data.transferMember).toMatchObject({ code: 'BAD_USER_INPUT' });
    const moved = (await transfer(lujiazui, 7)).data.transferMember;
    expect(moved.member.organization.name).toBe('上海陆家嘴金融服务有限公司工会');
    expect(await jianlang.errorCode(`{ member(id: ${wang.id}) { name } }`)).toBe('NOT_FOUND');
  });
});
