import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckChar } from '../src/domain/resident-id.js';
import { DEMO_ENTERPRISES, DEMO_MEMBERS_PER_UNION } from '../src/db/seed/demo-members.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { GraphQLClient } from './support/graphql-client.js';

/**
 * 业务工作台 (SPEC §12). Every figure is checked against a count over the member table computed here in
 * SQL, for a grassroots union, a secondary union's subtree and the whole city, before and after writes
 * through the API and through plain set-based SQL.
 */

const TODAY = '2024-12-27'; // a Friday: its week started on Monday 2024-12-23
const WEEK_START = '2024-12-23';
const MONTH_START = '2024-12-01';
const JIANLANG = { id: 6, path: '/1/2/5/6/' };
const LJZ_FINANCE = { id: 7, path: '/1/2/5/7/' };
const LUJIAZUI = { id: 5, path: '/1/2/5/' };
const CITY = { id: 1, path: '/1/' };

const WORKBENCH = `query($org: ID, $from: String, $to: String) {
  workbench(organizationId: $org, from: $from, to: $to) {
    organization { id name } today from to memberCount activeMemberCount grassrootsCount enterpriseCount
    newToday newThisWeek newThisMonth newInRange ecardActivationsInRange daily { date newMembers ecardActivations }
  }
}`;
const CREATE = `mutation($input: MemberInput!) { createMember(input: $input) { __typename ... on MemberPayload { member { id version joinedAt } } ... on UserError { code message } } }`;

interface Day {
  date: string;
  newMembers: number;
  ecardActivations: number;
}
interface Figures {
  memberCount: number;
  activeMemberCount: number;
  grassrootsCount: number;
  enterpriseCount: number;
  newToday: number;
  newThisWeek: number;
  newThisMonth: number;
  newInRange: number;
  ecardActivationsInRange: number;
  daily: Day[];
}

let s: TestServer;
const clients: Record<string, GraphQLClient> = {};
beforeAll(async () => {
  s = await startTestServer({ APP_TODAY: TODAY });
  for (const name of ['jianlang', 'lujiazui', 'center', 'xuhui-gr1', 'pudong-reviewer']) clients[name] = await s.as(name);
});
afterAll(() => s.close());

const sql = <T = Record<string, number>>(query: string, params: unknown[] = []) => s.orm.em.getConnection().execute<T[]>(query, params);

/** The figures counted straight from the member, organization and enterprise tables. */
async function recount(path: string, from: string, to: string): Promise<Figures> {
  const like = `${path}%`;
  const [m] = await sql(`select count(*)::int as members, (count(*) filter (where life_status = 'ACTIVE'))::int as active from member where org_path like ?`, [
    like,
  ]);
  const [g] = await sql(`select count(*)::int as n from organization where path like ? and tier = 'GRASSROOTS'`, [like]);
  const [e] = await sql(`select count(*)::int as n from enterprise where org_path like ?`, [like]);
  const joinedBetween = async (a: string, b: string) =>
    (await sql(`select count(*)::int as n from member where org_path like ? and joined_at between ? and ?`, [like, a, b]))[0].n;
  const [ecards] = await sql(`select count(*)::int as n from member where org_path like ? and ecard_activated_at between ? and ?`, [like, from, to]);
  const joinedByDay = await sql<{ d: string; n: number }>(
    `select to_char(joined_at, 'YYYY-MM-DD') as d, count(*)::int as n from member where org_path like ? and joined_at between ? and ? group by 1`,
    [like, from, to],
  );
  const ecardByDay = await sql<{ d: string; n: number }>(
    `select to_char(ecard_activated_at, 'YYYY-MM-DD') as d, count(*)::int as n from member where org_path like ? and ecard_activated_at between ? and ? group by 1`,
    [like, from, to],
  );
  const daily: Day[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) {
    const date = d.toISOString().slice(0, 10);
    daily.push({ date, newMembers: joinedByDay.find((r) => r.d === date)?.n ?? 0, ecardActivations: ecardByDay.find((r) => r.d === date)?.n ?? 0 });
  }
  return {
    memberCount: m.members,
    activeMemberCount: m.active,
    grassrootsCount: g.n,
    enterpriseCount: e.n,
    newToday: await joinedBetween(TODAY, TODAY),
    newThisWeek: await joinedBetween(WEEK_START, TODAY),
    newThisMonth: await joinedBetween(MONTH_START, TODAY),
    newInRange: await joinedBetween(from, to),
    ecardActivationsInRange: ecards.n,
    daily,
  };
}

async function workbench(
  client: GraphQLClient,
  vars: { org?: number; from?: string; to?: string } = {},
): Promise<Figures & { from: string; to: string; today: string; organization: { id: string } }> {
  return (await client.ok(WORKBENCH, vars)).workbench;
}

/** Every counter of the workbench for `org`, as `client` sees it, against a recount. */
async function expectExact(client: GraphQLClient, org: { id: number; path: string }, from = '2024-11-28', to = TODAY) {
  const w = await workbench(client, { org: org.id, from, to });
  expect(w).toMatchObject({ from, to, today: TODAY, organization: { id: String(org.id) } });
  expect(w).toMatchObject(await recount(org.path, from, to));
  return w;
}

const diff = (after: Figures, before: Figures) => ({
  memberCount: after.memberCount - before.memberCount,
  activeMemberCount: after.activeMemberCount - before.activeMemberCount,
  newToday: after.newToday - before.newToday,
  newThisWeek: after.newThisWeek - before.newThisWeek,
  newThisMonth: after.newThisMonth - before.newThisMonth,
  newInRange: after.newInRange - before.newInRange,
  ecardActivationsInRange: after.ecardActivationsInRange - before.ecardActivationsInRange,
});
const NO_CHANGE = { memberCount: 0, activeMemberCount: 0, newToday: 0, newThisWeek: 0, newThisMonth: 0, newInRange: 0, ecardActivationsInRange: 0 };
const day = (w: Figures, date: string) => w.daily.find((d) => d.date === date)!;

describe('workbench figures', () => {
  it("a grassroots clerk's own union, by default over the last 30 days, equals a direct count", async () => {
    const w = await workbench(clients.jianlang);
    expect(w).toMatchObject({ today: TODAY, from: '2024-11-28', to: TODAY, organization: { id: String(JIANLANG.id) } });
    expect(w.daily.map((d) => d.date)).toHaveLength(30);
    expect(w).toMatchObject(await recount(JIANLANG.path, '2024-11-28', TODAY));
    // The seeded union, so the comparison is not one of zeros.
    expect(w.memberCount).toBe(DEMO_MEMBERS_PER_UNION.jianlang);
    expect(w.enterpriseCount).toBe(DEMO_ENTERPRISES.filter((e) => e.union === 'jianlang').length);
    expect(w.grassrootsCount).toBe(1);
    expect(w.activeMemberCount).toBeLessThan(w.memberCount);
    expect(w.newInRange).toBeGreaterThan(0);
  });

  it('陆家嘴 sees its subtree: two grassroots unions', async () => {
    const w = await expectExact(clients.lujiazui, LUJIAZUI);
    expect(w.grassrootsCount).toBe(2);
    expect(w.memberCount).toBe(DEMO_MEMBERS_PER_UNION.jianlang + DEMO_MEMBERS_PER_UNION['ljz-finance']);
  });

  it('the center sees the whole city, over the default range and a whole leap year', async () => {
    const w = await expectExact(clients.center, CITY);
    expect(w.grassrootsCount).toBe(6);
    expect(w.newToday).toBeGreaterThan(0);
    expect(w.newThisWeek).toBeGreaterThan(w.newToday);
    expect(w.ecardActivationsInRange).toBeGreaterThan(0);
    const year = await expectExact(clients.center, CITY, '2024-01-01', '2024-12-31');
    expect(year.daily).toHaveLength(366);
    expect(await expectExact(clients.center, CITY, '2019-03-01', '2019-05-31')).toMatchObject({ newToday: w.newToday, newThisMonth: w.newThisMonth });
  });

  it("a superior reads a union below it, a reviewer too; the figures are the union's own", async () => {
    await expectExact(clients.center, JIANLANG);
    await expectExact(clients['pudong-reviewer'], LJZ_FINANCE);
  });
});

describe('the counters follow every write exactly', () => {
  const ALL = [JIANLANG, LJZ_FINANCE, LUJIAZUI, CITY];
  const snapshot = async () => Promise.all(ALL.map((o) => expectExact(clients.center, o)));
  const seq = { n: 0 };
  const newMember = (over: Record<string, unknown> = {}) => ({
    name: '工作台测试',
    idType: 'RESIDENT_ID',
    idNumber: withCheckChar(`31011019900101${String(100 + seq.n++).padStart(3, '0')}`),
    idExpiry: '长期',
    category: 'FLEXIBLE',
    ...over,
  });

  it('createMember: one more member, active, joined today, in the union and every superior', async () => {
    const before = await snapshot();
    const r = (await clients.jianlang.ok(CREATE, { input: newMember() })).createMember;
    expect(r.member.joinedAt).toBe(TODAY);
    const after = await snapshot();
    const joinedToday = { memberCount: 1, activeMemberCount: 1, newToday: 1, newThisWeek: 1, newThisMonth: 1, newInRange: 1, ecardActivationsInRange: 0 };
    expect(diff(after[0], before[0])).toEqual(joinedToday);
    expect(diff(after[1], before[1])).toEqual(NO_CHANGE);
    expect(diff(after[2], before[2])).toEqual(joinedToday);
    expect(diff(after[3], before[3])).toEqual(joinedToday);
    expect(day(after[0], TODAY).newMembers).toBe(day(before[0], TODAY).newMembers + 1);

    // Joined earlier this month, before this week: counted on that day, this month, not this week.
    await clients.jianlang.ok(CREATE, { input: newMember({ joinedAt: '2024-12-02' }) });
    const later = await snapshot();
    expect(diff(later[3], after[3])).toEqual({ ...NO_CHANGE, memberCount: 1, activeMemberCount: 1, newThisMonth: 1, newInRange: 1 });
    expect(day(later[3], '2024-12-02').newMembers).toBe(day(after[3], '2024-12-02').newMembers + 1);
  });

  it('setMemberLifeStatus DECEASED: one fewer active member, nothing else moves; back to ACTIVE restores it', async () => {
    const m = (await clients.jianlang.ok(CREATE, { input: newMember() })).createMember.member;
    const before = await snapshot();
    const set = (lifeStatus: string, version: number, date: string | null) =>
      clients.jianlang.ok(
        `mutation($i: SetMemberLifeStatusInput!) { setMemberLifeStatus(input: $i) { ... on MemberPayload { member { version lifeStatus } } } }`,
        { i: { id: m.id, version, lifeStatus, date } },
      );
    const dead = (await set('DECEASED', m.version, '2024-12-26')).setMemberLifeStatus.member;
    expect(dead.lifeStatus).toBe('DECEASED');
    const after = await snapshot();
    for (const i of [0, 2, 3]) expect(diff(after[i], before[i])).toEqual({ ...NO_CHANGE, activeMemberCount: -1 });
    expect(diff(after[1], before[1])).toEqual(NO_CHANGE);
    await set('ACTIVE', dead.version, null);
    const restored = await snapshot();
    for (const i of [0, 1, 2, 3]) expect(diff(restored[i], before[i])).toEqual(NO_CHANGE);
  });

  it('transferMember 6 -> 7 by 陆家嘴: the member and its joining day move between the unions; the subtree keeps them', async () => {
    const list = (await clients.lujiazui.ok(`{ members(organizationId: ${JIANLANG.id}, lifeStatus: ACTIVE, pageSize: 100) { nodes { id version joinedAt } } }`))
      .members.nodes as { id: string; version: number; joinedAt: string }[];
    const m = list.find((n) => n.joinedAt >= '2024-11-28' && n.joinedAt < WEEK_START)!; // joined in the range, before this week
    expect(m).toBeDefined();
    const before = await snapshot();
    const r = await clients.lujiazui.ok(
      `mutation { transferMember(input: { id: ${m.id}, version: ${m.version}, toOrganizationId: ${LJZ_FINANCE.id} }) { __typename } }`,
    );
    expect(r.transferMember.__typename).toBe('MemberPayload');
    const after = await snapshot();
    const moved = { ...NO_CHANGE, memberCount: 1, activeMemberCount: 1, newInRange: 1, newThisMonth: m.joinedAt >= MONTH_START ? 1 : 0 };
    expect(diff(after[0], before[0])).toEqual(Object.fromEntries(Object.entries(moved).map(([k, v]) => [k, 0 - v])));
    expect(diff(after[1], before[1])).toEqual(moved);
    expect(diff(after[2], before[2])).toEqual(NO_CHANGE);
    expect(diff(after[3], before[3])).toEqual(NO_CHANGE);
    expect(day(after[0], m.joinedAt).newMembers).toBe(day(before[0], m.joinedAt).newMembers - 1);
    expect(day(after[1], m.joinedAt).newMembers).toBe(day(before[1], m.joinedAt).newMembers + 1);
  });

  it('set-based SQL (multi-row insert, upsert, update of every counted column, delete) keeps the counter tables equal to a full recount', async () => {
    const exact = async () => {
      const totals = await sql(
        `select organization_id as id, org_path as path, grassroots, members, active_members, enterprises from organization_totals order by 1`,
      );
      const recounted = await sql(
        `select o.id, o.path, o.tier = 'GRASSROOTS' as grassroots,
                (select count(*) from member m where m.organization_id = o.id)::int as members,
                (select count(*) from member m where m.organization_id = o.id and m.life_status = 'ACTIVE')::int as active_members,
                (select count(*) from enterprise e where e.organization_id = o.id)::int as enterprises
           from organization o order by 1`,
      );
      expect(totals).toEqual(recounted);
      const days = await sql(
        `select organization_id as id, to_char(day, 'YYYY-MM-DD') as day, org_path as path, joined, ecard_activated from member_daily_stats where joined <> 0 or ecard_activated <> 0 order by 1, 2`,
      );
      const recountedDays = await sql(
        `select organization_id as id, to_char(day, 'YYYY-MM-DD') as day, org_path as path, sum(joined)::int as joined, sum(ecard)::int as ecard_activated
           from (select organization_id, org_path, joined_at as day, 1 as joined, 0 as ecard from member
                 union all select organization_id, org_path, ecard_activated_at, 0, 1 from member where ecard_activated_at is not null) u
          group by 1, 2, 3 order by 1, 2`,
      );
      expect(days).toEqual(recountedDays);
      // Per subtree (what the workbench reads): every organization with everything below it.
      const subtree = await sql(`select organization_id as id, members, active_members, enterprises, grassroots from subtree_totals
                                  where members <> 0 or active_members <> 0 or enterprises <> 0 or grassroots <> 0 order by 1`);
      const recountedSubtree = await sql(
        `select * from (select o.id,
                (select count(*) from member m where m.org_path like o.path || '%')::int as members,
                (select count(*) from member m where m.org_path like o.path || '%' and m.life_status = 'ACTIVE')::int as active_members,
                (select count(*) from enterprise e where e.org_path like o.path || '%')::int as enterprises,
                (select count(*) from organization g where g.path like o.path || '%' and g.tier = 'GRASSROOTS')::int as grassroots
           from organization o) x where members <> 0 or active_members <> 0 or enterprises <> 0 or grassroots <> 0 order by 1`,
      );
      expect(subtree).toEqual(recountedSubtree);
      const subtreeDays = await sql(
        `select organization_id as id, to_char(day, 'YYYY-MM-DD') as day, joined, ecard_activated from subtree_daily_stats where joined <> 0 or ecard_activated <> 0 order by 1, 2`,
      );
      const recountedSubtreeDays = await sql(
        `select o.id, to_char(u.day, 'YYYY-MM-DD') as day, sum(u.joined)::int as joined, sum(u.ecard)::int as ecard_activated
           from organization o
           join (select org_path, joined_at as day, 1 as joined, 0 as ecard from member
                 union all select org_path, ecard_activated_at, 0, 1 from member where ecard_activated_at is not null) u on u.org_path like o.path || '%'
          group by 1, 2 order by 1, 2`,
      );
      expect(subtreeDays).toEqual(recountedSubtreeDays);
    };
    await exact(); // after the seed and the API writes above

    // An import-style bulk insert over all six unions.
    await sql(`insert into member (org_path, member_no, organization_id, name, gender, id_type, id_number_sealed, id_number_index, id_number_masked, category, life_status, joined_at, ecard_activated_at, created_at, updated_at)
      select o.path, 'B' || g, o.id, '批量' || g, 'MALE'::gender, 'OTHER'::id_type, 'x', 'bulk-' || g, 'x', 'FLEXIBLE'::member_category,
             (case when g % 7 = 0 then 'RETIRED' else 'ACTIVE' end)::life_status,
             date '2024-12-27' - (g % 400), case when g % 3 = 0 then date '2024-12-27' - (g % 20) end, now(), now()
        from generate_series(1, 600) g join organization o on o.id = 6 + g % 6`);
    await exact();
    // An upsert: half the rows exist (an update of joined_at), half are new (inserts).
    await sql(`insert into member (org_path, member_no, organization_id, name, gender, id_type, id_number_sealed, id_number_index, id_number_masked, category, joined_at, created_at, updated_at)
      select '/1/3/9/', 'U' || g, 9, '更新' || g, 'FEMALE'::gender, 'OTHER'::id_type, 'x', 'bulk-' || g, 'x', 'FLEXIBLE'::member_category, date '2024-12-20', now(), now() from generate_series(580, 640) g
      on conflict (id_number_index) do update set joined_at = excluded.joined_at`);
    await exact();
    await sql(`update member set ecard_activated_at = date '2024-12-25' where id_number_index like 'bulk-1%'`);
    await sql(`update member set life_status = 'DECEASED', life_status_date = date '2024-12-01' where id_number_index like 'bulk-2%'`);
    await sql(`update member set organization_id = 9, org_path = '/1/3/9/' where id_number_index like 'bulk-3%'`);
    await sql(`update member set joined_at = joined_at - 1, needs_confirmation = true where id_number_index like 'bulk-4%'`);
    await sql(`update member set name = name || '改' where id_number_index like 'bulk-5%'`); // counts nothing
    await exact();
    await sql(`delete from member where id_number_index like 'bulk-%' and id % 2 = 0`);
    await exact();
    // Enterprises are counted per union as well.
    await sql(
      `insert into enterprise (org_path, organization_id, name, credit_code, created_at) select '/1/4/11/', 11, '批量企业' || g, 'BULK' || g, now() from generate_series(1, 5) g`,
    );
    await sql(`update enterprise set organization_id = 10, org_path = '/1/3/10/' where credit_code = 'BULK1'`);
    await sql(`delete from enterprise where credit_code = 'BULK2'`);
    await exact();

    // And the workbench reads exactly those counters.
    await expectExact(clients.center, CITY);
    await expectExact(clients.center, { id: 9, path: '/1/3/9/' }, '2024-01-01', '2024-12-31');
  });

  it('the workbench reads the maintained counters, not the member table', async () => {
    const before = await workbench(clients.jianlang);
    await sql(`update organization_totals set members = members + 1000 where organization_id = ?`, [JIANLANG.id]);
    await sql(`update member_daily_stats set joined = joined + 1000 where organization_id = ? and day = ?`, [JIANLANG.id, TODAY]);
    try {
      const w = await workbench(clients.jianlang);
      expect(w.memberCount).toBe(before.memberCount + 1000);
      expect(w.newToday).toBe(before.newToday + 1000);
    } finally {
      await sql(`update organization_totals set members = members - 1000 where organization_id = ?`, [JIANLANG.id]);
      await sql(`update member_daily_stats set joined = joined - 1000 where organization_id = ? and day = ?`, [JIANLANG.id, TODAY]);
    }
  });
});

describe('workbench access and input', () => {
  it('an organization outside the subtree is NOT_FOUND, with no figures', async () => {
    for (const [client, org] of [
      ['xuhui-gr1', JIANLANG.id],
      ['lujiazui', 8],
      ['jianlang', LUJIAZUI.id],
      ['center', 99999],
    ] as const) {
      const r = await clients[client].request(WORKBENCH, { org });
      expect(r.errors?.[0].extensions.code).toBe('NOT_FOUND');
      expect(r.data).toBeNull();
    }
    expect(await clients.center.errorCode(WORKBENCH, { org: 'abc' })).toBe('NOT_FOUND');
  });

  it('a bad range is BAD_USER_INPUT with a message in the clerk’s language', async () => {
    const bad = async (client: GraphQLClient, vars: Record<string, string>) => {
      const r = await client.request(WORKBENCH, vars);
      expect(r.data).toBeNull();
      expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
      return r.errors![0].message;
    };
    expect(await bad(clients.jianlang, { from: '2024-12-27', to: '2024-12-01' })).toBe('开始日期不能晚于结束日期');
    expect(await bad(clients.jianlang, { from: '2023-01-01', to: '2024-12-27' })).toBe('日期范围最长 366 天');
    expect(await bad(clients.jianlang, { from: '2024-02-30' })).toMatch(/日期格式不正确/);
    expect(await bad(clients.jianlang, { to: '27/12/2024' })).toMatch(/YYYY-MM-DD/);
    const en = new GraphQLClient(s.url, 'en');
    en.cookie = clients.jianlang.cookie;
    expect(await bad(en, { from: '2023-01-01', to: '2024-12-27' })).toBe('A date range spans at most 366 days.');
  });
});
