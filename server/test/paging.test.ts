import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server.js';
import { GraphQLClient } from './support/graphql-client.js';

const MEMBERS = `query($page: Int, $pageSize: Int, $search: String) {
  members(page: $page, pageSize: $pageSize, search: $search) { totalCount nodes { id } pageInfo { page pageSize pageCount hasNextPage hasPreviousPage } }
}`;

type MemberPage = {
  totalCount: number;
  nodes: { id: string }[];
  pageInfo: { page: number; pageSize: number; pageCount: number; hasNextPage: boolean; hasPreviousPage: boolean };
};

let s: TestServer;
let pudong: GraphQLClient;
/** Every member id of the district, in the list's default order (newest first). */
let all: string[];
const PAGE_SIZE = 7;

beforeAll(async () => {
  s = await startTestServer();
  pudong = await s.as('pudong');
  all = [];
  for (let p = 1, pageCount = 1; p <= pageCount; p++) {
    const answer: MemberPage = (await pudong.ok(MEMBERS, { page: p, pageSize: 100 })).members;
    all.push(...answer.nodes.map((n) => n.id));
    pageCount = answer.pageInfo.pageCount;
  }
});
afterAll(() => s.close());

const page = async (variables: Record<string, unknown>): Promise<MemberPage> => (await pudong.ok(MEMBERS, variables)).members;

describe('page-number paging', () => {
  it('page 2 of N holds the rows after the first page, and says where it is', async () => {
    expect(all.length).toBeGreaterThan(2 * PAGE_SIZE);
    expect(new Set(all).size).toBe(all.length);
    const second = await page({ page: 2, pageSize: PAGE_SIZE });
    expect(second.nodes.map((n) => n.id)).toEqual(all.slice(PAGE_SIZE, 2 * PAGE_SIZE));
    expect(second.totalCount).toBe(all.length);
    expect(second.pageInfo).toEqual({
      page: 2,
      pageSize: PAGE_SIZE,
      pageCount: Math.ceil(all.length / PAGE_SIZE),
      hasNextPage: true,
      hasPreviousPage: true,
    });
    const first = await page({ pageSize: PAGE_SIZE });
    expect(first.pageInfo).toMatchObject({ page: 1, hasPreviousPage: false, hasNextPage: true });
  });

  it('the last page holds the remainder and has no next page', async () => {
    const pageCount = Math.ceil(all.length / PAGE_SIZE);
    const last = await page({ page: pageCount, pageSize: PAGE_SIZE });
    expect(last.nodes.map((n) => n.id)).toEqual(all.slice((pageCount - 1) * PAGE_SIZE));
    expect(last.pageInfo).toMatchObject({ page: pageCount, pageCount, hasNextPage: false, hasPreviousPage: true });
  });

  it('a page past the end answers the last page (pageInfo.page says which); an empty list answers page 1', async () => {
    const pageCount = Math.ceil(all.length / PAGE_SIZE);
    const past = await page({ page: pageCount + 5, pageSize: PAGE_SIZE });
    expect(past.pageInfo.page).toBe(pageCount);
    expect(past.nodes.map((n) => n.id)).toEqual(all.slice((pageCount - 1) * PAGE_SIZE));
    const none = await page({ page: 3, pageSize: PAGE_SIZE, search: '没有这个人' });
    expect(none).toEqual({ totalCount: 0, nodes: [], pageInfo: { page: 1, pageSize: PAGE_SIZE, pageCount: 1, hasNextPage: false, hasPreviousPage: false } });
  });

  it('refuses a page size over 100 or under 1 and a page under 1 with BAD_USER_INPUT naming the argument, in the caller language', async () => {
    for (const [variables, field] of [
      [{ pageSize: 101 }, 'pageSize'],
      [{ pageSize: 0 }, 'pageSize'],
      [{ page: 0 }, 'page'],
      [{ page: -2 }, 'page'],
    ] as const) {
      const r = await pudong.request(MEMBERS, variables);
      expect(r.errors?.[0].extensions, JSON.stringify(variables)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect((await pudong.request(MEMBERS, { pageSize: 500 })).errors?.[0].message).toBe('每页条数应为 1 到 100');
    const english = new GraphQLClient(s.url, 'en');
    english.cookie = pudong.cookie;
    expect((await english.request(MEMBERS, { pageSize: 500 })).errors?.[0].message).toBe('Rows per page must be between 1 and 100.');
    expect((await pudong.request(MEMBERS, { pageSize: 100 })).errors).toBeUndefined();
  });

  it('takes an explicit null page, size, sort or direction as the default, not as an error', async () => {
    const query = `query($page: Int, $pageSize: Int, $sort: OrganizationSort, $direction: SortDirection) {
      organizations(subtree: true, page: $page, pageSize: $pageSize, sort: $sort, direction: $direction) { nodes { id } pageInfo { page pageSize } }
    }`;
    const nulls = await pudong.request(query, { page: null, pageSize: null, sort: null, direction: null });
    expect(nulls.errors).toBeUndefined();
    expect(nulls.data.organizations.pageInfo).toEqual({ page: 1, pageSize: 20 });
    expect(nulls.data.organizations.nodes).toEqual((await pudong.ok(query)).organizations.nodes);
    expect((await pudong.request(MEMBERS, { page: null, pageSize: null })).errors).toBeUndefined();
  });

  it('every list takes a page number and answers where it is', async () => {
    const orgId = (await pudong.ok('{ me { organization { id } } }')).me.organization.id;
    const lists: Record<string, string> = {
      organizations: 'organizations(subtree: true, page: $page, pageSize: 2)',
      accounts: 'accounts(page: $page, pageSize: 2)',
      enterprises: 'enterprises(page: $page, pageSize: 2)',
      auditEntries: `auditEntries(organizationId: ${orgId}, page: $page, pageSize: 2)`,
      messages: 'messages(page: $page, pageSize: 2)',
    };
    const pageCounts: Record<string, number> = {};
    for (const [name, call] of Object.entries(lists)) {
      const query = `query($page: Int) { x: ${call} { totalCount nodes { id } pageInfo { page pageCount } } }`;
      const [first, second] = [(await pudong.ok(query, { page: 1 })).x, (await pudong.ok(query, { page: 2 })).x];
      pageCounts[name] = first.pageInfo.pageCount;
      expect(first.pageInfo.pageCount, name).toBe(Math.max(1, Math.ceil(first.totalCount / 2)));
      expect(second.pageInfo.page, name).toBe(Math.min(2, first.pageInfo.pageCount));
      if (first.pageInfo.pageCount > 1) {
        const ids = (p: { nodes: { id: string }[] }) => p.nodes.map((n) => n.id);
        expect(
          ids(second).some((id: string) => ids(first).includes(id)),
          name,
        ).toBe(false);
      }
    }
    // The district has several unions and accounts: those two lists really went to page 2.
    expect(pageCounts.organizations).toBeGreaterThan(1);
    expect(pageCounts.accounts).toBeGreaterThan(1);
  });
});

describe('a chosen union narrows a list to its subtree', () => {
  it('members and enterprises of a secondary union are those of every grassroots union below it, and of no other', async () => {
    const ORGS = `{ organizations(subtree: true, pageSize: 100) { nodes { id name path } } }`;
    const orgs: { id: string; name: string; path: string }[] = (await pudong.ok(ORGS)).organizations.nodes;
    const secondary = orgs.find((o) => o.name === '陆家嘴金融贸易区工会')!;
    const below = orgs.filter((o) => o.path.startsWith(secondary.path) && o.id !== secondary.id);
    expect(below.map((o) => o.name).sort()).toEqual(['上海建朗信息科技有限公司工会', '上海陆家嘴金融服务有限公司工会'].sort());

    const LIST = `query($org: ID) {
      members(organizationId: $org, pageSize: 100) { totalCount nodes { organization { id } } }
      enterprises(organizationId: $org, pageSize: 100) { totalCount }
    }`;
    const whole = await pudong.ok(LIST, { org: secondary.id });
    const parts = await Promise.all(below.map((o) => pudong.ok(LIST, { org: o.id })));
    expect(parts.every((p) => p.members.totalCount > 0)).toBe(true);
    expect(whole.members.totalCount).toBe(parts.reduce((n, p) => n + p.members.totalCount, 0));
    expect(whole.enterprises.totalCount).toBe(parts.reduce((n, p) => n + p.enterprises.totalCount, 0));
    const unions = new Set(whole.members.nodes.map((m: { organization: { id: string } }) => m.organization.id));
    expect([...unions].every((id) => below.some((o) => o.id === id))).toBe(true);
  });
});
