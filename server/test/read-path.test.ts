import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { startTestServer, type TestServer } from './support/test-server.js';
import type { GraphQLClient } from './support/graphql-client.js';
import { scopedEm } from '../src/org-scope/scoped-em.js';
import { subtreePattern } from '../src/org-scope/org-path.js';
import { sortOrder, SortDirection, type Order } from '../src/common/pagination/page.js';
import { Member } from '../src/modules/member/member.entity.js';
import { Enterprise } from '../src/modules/enterprise/enterprise.entity.js';
import { Account } from '../src/auth/account.entity.js';
import { Organization } from '../src/org-scope/organization.entity.js';
import { AuditEntry } from '../src/audit-trail/audit-entry.entity.js';
import { Tier } from '../src/org-scope/tier.js';

/**
 * The read path (org-scope/read-db.ts) answers every list exactly as the ORM did before it: the same
 * rows in the same order, the same totalCount and page info, page by page, in every sort and direction,
 * with filters, for callers at each tier; on the demo city and on 1,500 generated members with many
 * equal names and dates (ties are where orders differ). The ORM here is the reference: the scoped
 * EntityManager with the entity filters the lists used before.
 */
let s: TestServer;
const clients = new Map<string, GraphQLClient>();
const VIEWERS = ['center', 'pudong', 'lujiazui', 'jianlang', 'xuhui-gr1'];
/** Those who may read accounts, organizations and the log. */
const ADMINS = ['center', 'pudong', 'lujiazui'];
const GENERATED = 1500;

interface Answer {
  totalCount: number;
  pageInfo: { page: number; pageCount: number; hasNextPage: boolean; hasPreviousPage: boolean };
  ids: string[];
}

const PAGE_FIELDS = 'totalCount pageInfo { page pageCount hasNextPage hasPreviousPage } nodes { id }';

async function api(username: string, field: string, args: string): Promise<Answer> {
  const body = await clients.get(username)!.ok(`{ list: ${field}(${args}) { ${PAGE_FIELDS} } }`);
  const list = (body as { list: { totalCount: number; pageInfo: Answer['pageInfo']; nodes: { id: string }[] } }).list;
  return { totalCount: list.totalCount, pageInfo: list.pageInfo, ids: list.nodes.map((n) => n.id) };
}

async function viewerPath(username: string): Promise<string> {
  const [row] = await s.orm.em.getConnection().execute<{ org_path: string }[]>('select org_path from account where username = ?', [username]);
  return row.org_path;
}

/** The reference: a page as the ORM reads it through the caller's scoped EntityManager. */
async function reference<T extends object>(
  em: EntityManager,
  entity: new () => T,
  where: FilterQuery<T>,
  order: Order,
  page: number,
  pageSize: number,
): Promise<Answer> {
  const totalCount = await em.count(entity, where);
  const pageCount = Math.max(1, Math.ceil(totalCount / pageSize));
  const shown = Math.min(page, pageCount);
  const rows = (await em.find(entity, where, { orderBy: order as never, offset: (shown - 1) * pageSize, limit: pageSize })) as { id: number }[];
  return {
    totalCount,
    pageInfo: { page: shown, pageCount, hasNextPage: shown < pageCount, hasPreviousPage: shown > 1 },
    ids: rows.map((r) => String(r.id)),
  };
}

beforeAll(async () => {
  s = await startTestServer();
  for (const u of VIEWERS) clients.set(u, await s.as(u));
  const sql = (text: string, params: unknown[] = []) => s.orm.em.getConnection().execute(text, params);
  // Generated members in four unions of two districts: 12 names, 30 join dates, every category, some
  // retired or deceased, some to confirm, so every sort has long runs of ties.
  const unions = await sql(`select id, path from organization where tier = 'GRASSROOTS' order by id limit 4`);
  await sql(
    `insert into member (org_path, organization_id, member_no, name, gender, id_type, id_number_sealed, id_number_index, id_number_masked,
                         category, life_status, life_status_date, needs_confirmation, joined_at, created_at, updated_at)
     select u.path, u.id, 'G' || lpad(g::text, 11, '0'), (array['张伟','王芳','李娜','刘洋','陈静','杨磊','赵敏','黄强','周杰','吴昊','徐丽','孙涛'])[1 + g % 12],
            case when g % 2 = 0 then 'MALE' else 'FEMALE' end::gender, 'RESIDENT_ID', 'sealed', md5('gen-' || g), '3101 **** **** ' || lpad((g % 10000)::text, 4, '0'),
            (array['IN_ENTERPRISE','FLEXIBLE','OUTSIDE_ENTERPRISE'])[1 + g % 3]::member_category,
            case when g % 17 = 0 then 'RETIRED' when g % 29 = 0 then 'DECEASED' else 'ACTIVE' end::life_status,
            case when g % 17 = 0 or g % 29 = 0 then date '2024-01-01' end,
            g % 11 = 0, date '2020-01-01' + (g % 30), now(), now()
       from generate_series(1, ?) g join (select id, path, row_number() over (order by id) - 1 as k from organization where id in (${unions.map((u) => u.id).join(',')})) u on u.k = g % 4`,
    [GENERATED],
  );
});
afterAll(() => s?.close());

const MEMBER_SORTS: Record<string, Order> = { NEWEST: { id: 'asc' }, NAME: { name: 'asc' }, MEMBER_NO: { memberNo: 'asc' }, JOINED_AT: { joinedAt: 'asc' } };

describe('lists on the read path answer what the ORM answered', () => {
  it('members: every sort and direction, first, middle, last and past-the-end pages, for each tier', async () => {
    let compared = 0;
    for (const username of VIEWERS) {
      const em = scopedEm(s.orm, await viewerPath(username));
      for (const [sort, columns] of Object.entries(MEMBER_SORTS)) {
        for (const direction of [SortDirection.ASC, SortDirection.DESC]) {
          const total = await em.count(Member, {});
          const lastPage = Math.max(1, Math.ceil(total / 37));
          for (const page of [1, 2, Math.ceil(lastPage / 2), lastPage, lastPage + 3]) {
            const got = await api(username, 'members', `sort: ${sort}, direction: ${direction}, page: ${page}, pageSize: 37`);
            const want = await reference(em, Member, {}, sortOrder(columns, direction), page, 37);
            expect(got, `${username} ${sort} ${direction} page ${page}`).toEqual(want);
            compared += got.ids.length;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(GENERATED);
  });

  it('members: each filter and a name search, alone and together', async () => {
    const filters: [string, FilterQuery<Member>][] = [
      ['category: FLEXIBLE', { category: 'FLEXIBLE' } as FilterQuery<Member>],
      ['lifeStatus: RETIRED', { lifeStatus: 'RETIRED' } as FilterQuery<Member>],
      ['needsConfirmation: true', { needsConfirmation: true }],
      ['hasCard: true', { hasCard: true }],
      ['hasCard: false', { hasCard: false }],
      ['search: "张"', { name: { $ilike: '%张%' } }],
      [
        'search: "张", category: IN_ENTERPRISE, lifeStatus: ACTIVE',
        { name: { $ilike: '%张%' }, category: 'IN_ENTERPRISE', lifeStatus: 'ACTIVE' } as FilterQuery<Member>,
      ],
    ];
    for (const username of ['pudong', 'jianlang']) {
      const em = scopedEm(s.orm, await viewerPath(username));
      for (const [args, where] of filters) {
        for (const page of [1, 3]) {
          const got = await api(username, 'members', `${args}, sort: NAME, page: ${page}, pageSize: 25`);
          expect(got, `${username} ${args} page ${page}`).toEqual(await reference(em, Member, where, sortOrder({ name: 'asc' }, SortDirection.ASC), page, 25));
        }
      }
    }
  });

  it("members of one union below the caller, by organizationId: that union's subtree only", async () => {
    const em = scopedEm(s.orm, await viewerPath('pudong'));
    const union = (await em.findOneOrFail(
      Organization,
      { tier: Tier.GRASSROOTS, path: { $like: subtreePattern(await viewerPath('pudong')) } },
      { orderBy: { id: 'asc' } },
    ))!;
    const got = await api('pudong', 'members', `organizationId: "${union.id}", sort: JOINED_AT, pageSize: 50`);
    const want = await reference(em, Member, { orgPath: { $like: subtreePattern(union.path) } }, sortOrder({ joinedAt: 'asc' }, SortDirection.ASC), 1, 50);
    expect(got).toEqual(want);
    expect(got.totalCount).toBeGreaterThan(0);
  });

  it('enterprises, in each sort and direction, for each tier', async () => {
    for (const username of VIEWERS) {
      const em = scopedEm(s.orm, await viewerPath(username));
      for (const direction of [SortDirection.ASC, SortDirection.DESC]) {
        for (const [sort, columns] of [
          ['NAME', { name: 'asc' }],
          ['CREDIT_CODE', { creditCode: 'asc' }],
        ] as const) {
          const got = await api(username, 'enterprises', `sort: ${sort}, direction: ${direction}, pageSize: 3`);
          expect(got, `${username} enterprises ${sort}`).toEqual(await reference(em, Enterprise, {}, sortOrder(columns, direction), 1, 3));
        }
      }
    }
  });

  it('accounts, organizations (children and subtree) and audit entries, in each sort and direction', async () => {
    for (const username of ADMINS) {
      const path = await viewerPath(username);
      const em = scopedEm(s.orm, path);
      const self = await em.findOneOrFail(Organization, { path });
      for (const direction of [SortDirection.ASC, SortDirection.DESC]) {
        for (const [sort, columns] of [
          ['USERNAME', { username: 'asc' }],
          ['DISPLAY_NAME', { displayName: 'asc' }],
        ] as const) {
          for (const page of [1, 2]) {
            const got = await api(username, 'accounts', `sort: ${sort}, direction: ${direction}, page: ${page}, pageSize: 4`);
            expect(got, `${username} accounts ${sort}`).toEqual(await reference(em, Account, {}, sortOrder(columns, direction), page, 4));
          }
        }
        for (const [sort, columns] of [
          ['NAME', { name: 'asc' }],
          ['TIER', { tier: 'asc', name: 'asc' }],
        ] as const) {
          const subtree = await api(username, 'organizations', `subtree: true, sort: ${sort}, direction: ${direction}, pageSize: 5`);
          const where = { path: { $like: subtreePattern(path) }, id: { $ne: self.id } };
          expect(subtree, `${username} organizations ${sort}`).toEqual(await reference(em, Organization, where, sortOrder(columns, direction), 1, 5));
          const children = await api(username, 'organizations', `sort: ${sort}, direction: ${direction}, pageSize: 5`);
          expect(children).toEqual(await reference(em, Organization, { parent: self.id }, sortOrder(columns, direction), 1, 5));
        }
      }
      for (const page of [1, 2]) {
        const got = await api(username, 'auditEntries', `organizationId: "${self.id}", page: ${page}, pageSize: 5`);
        expect(got, `${username} audit`).toEqual(await reference(em, AuditEntry, { organizationId: self.id }, { id: 'desc' }, page, 5));
      }
    }
  });

  it('detail lookups answer the same fields as the entity, and nothing outside the caller subtree', async () => {
    const em = scopedEm(s.orm, await viewerPath('jianlang'));
    const [member] = await em.find(Member, {}, { orderBy: { id: 'desc' }, limit: 1 });
    const body = (await clients
      .get('jianlang')!
      .ok(
        `{ member(id: "${member.id}") { memberNo name gender birthDate idType idNumberMasked idExpiry idExpiryLongTerm mobileMasked category lifeStatus lifeStatusDate joinedAt needsConfirmation version organization { id } } }`,
      )) as { member: Record<string, unknown> };
    expect(body.member).toEqual({
      memberNo: member.memberNo,
      name: member.name,
      gender: member.gender,
      birthDate: member.birthDate ?? null,
      idType: member.idType,
      idNumberMasked: member.idNumberMasked,
      idExpiry: member.idExpiry ?? null,
      idExpiryLongTerm: member.idExpiryLongTerm,
      mobileMasked: member.mobileMasked ?? null,
      category: member.category,
      lifeStatus: member.lifeStatus,
      lifeStatusDate: member.lifeStatusDate ?? null,
      joinedAt: member.joinedAt,
      needsConfirmation: member.needsConfirmation,
      version: member.version,
      organization: { id: String(member.organization.id) },
    });
    expect(await clients.get('xuhui-gr1')!.errorCode(`{ member(id: "${member.id}") { id } }`)).toBe('NOT_FOUND');
  });
});
