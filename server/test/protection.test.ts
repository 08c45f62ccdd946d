import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server.js';
import type { GraphQLClient } from './support/graphql-client.js';

/**
 * 保障计划, 保障年度 and 保障金额设置 (SPEC §7): the center keeps plans and years, every union reads them,
 * a district splits a plan's non-city share inside the adjustment window only. Bad input writes
 * nothing; concurrent changes end in one winner and CONFLICTs.
 */
const PLAN = `mutation($input: ProtectionPlanInput!) { createProtectionPlan(input: $input) {
  __typename ... on ProtectionPlanPayload { plan { id name feeFen version } } ... on UserError { code message fields { field message } } } }`;
const UPDATE_PLAN = `mutation($input: UpdateProtectionPlanInput!) { updateProtectionPlan(input: $input) {
  __typename ... on ProtectionPlanPayload { plan { version } } ... on ErrorResult { code message } } }`;
const YEAR = `mutation($input: ProtectionYearInput!) { saveProtectionYear(input: $input) {
  __typename ... on ProtectionYearPayload { year { year version planIds } } ... on UserError { code fields { field message } } ... on ErrorResult { code message } } }`;
const YEARS = `query { protectionYears { year version centerAccountName centerAccountNo centerBank } }`;
const SPLIT = `mutation($input: FeeSplitInput!) { setFeeSplit(input: $input) {
  __typename ... on FeeSplitPayload { split { districtShareFen grassrootsShareFen custom version } } ... on ErrorResult { code message } } }`;
const SPLITS = `query($year: Int!) { feeSplits(year: $year) { plan { id name } cityShareFen districtShareFen grassrootsShareFen custom version } }`;

const planA = {
  feeFen: 3000,
  cityShareFen: 1500,
  districtShareFen: 1000,
  grassrootsShareFen: 500,
  halfYearFeeFen: 1500,
  validFrom: '2026-01-01',
  validTo: '2026-12-31',
};

function year(y: number, over: Record<string, unknown> = {}) {
  return {
    year: y,
    coverageStart: `${y}-01-01`,
    coverageEnd: `${y}-12-31`,
    grassrootsOpen: `${y - 1}-10-08`,
    grassrootsClose: `${y - 1}-12-25`,
    paymentDeadline: `${y - 1}-12-25`,
    adjustmentOpen: `${y - 1}-10-25`,
    adjustmentClose: `${y - 1}-10-31`,
    districtOpen: `${y - 1}-12-26`,
    districtClose: `${y - 1}-12-31`,
    planIds: ['1'],
    ...over,
  };
}

let s: TestServer;
let center: GraphQLClient;
let pudong: GraphQLClient;
let xuhui: GraphQLClient;
let jianlang: GraphQLClient;
const count = async (table: string) => (await s.orm.em.getConnection().execute<{ n: number }[]>(`select count(*)::int as n from ${table}`))[0].n;

beforeAll(async () => {
  // Inside 2025's adjustment window (2024-10-25..10-31).
  s = await startTestServer({ APP_TODAY: '2024-10-27' });
  [center, pudong, xuhui, jianlang] = await Promise.all(['center', 'pudong', 'xuhui', 'jianlang'].map((u) => s.as(u)));
});
afterAll(() => s?.close());

describe('protection plans', () => {
  it('every union reads the plans and years; the demo city offers plan A (26.00 = 13.00 + 13.00 + 0.00) in 2025', async () => {
    for (const c of [center, pudong, jianlang]) {
      const { protectionPlans, protectionYears } = await c.ok<{ protectionPlans: Record<string, unknown>[]; protectionYears: Record<string, unknown>[] }>(
        `{ protectionPlans { id name feeFen cityShareFen districtShareFen grassrootsShareFen } protectionYears { year paymentDeadline districtOpen districtClose planIds } }`,
      );
      expect(protectionPlans).toContainEqual({
        id: '1',
        name: 'A类会员专享基本保障',
        feeFen: 2600,
        cityShareFen: 1300,
        districtShareFen: 1300,
        grassrootsShareFen: 0,
      });
      expect(protectionYears).toContainEqual({
        year: 2025,
        paymentDeadline: '2024-12-25',
        districtOpen: '2024-12-26',
        districtClose: '2024-12-31',
        planIds: ['1'],
      });
    }
  });

  it('the center adds a plan; bad amounts get every problem at once and write nothing', async () => {
    const before = await count('protection_plan');
    const bad = await center.ok<{ createProtectionPlan: { code: string; fields: { field: string }[] } }>(PLAN, {
      input: { ...planA, name: 'B', grassrootsShareFen: 400, halfYearFeeFen: 3100 },
    });
    expect(bad.createProtectionPlan.code).toBe('BAD_USER_INPUT');
    expect(bad.createProtectionPlan.fields.map((f) => f.field).sort()).toEqual(['cityShareFen', 'halfYearFeeFen', 'name']);
    const negative = await center.ok<{ createProtectionPlan: { fields: { field: string; message: string }[] } }>(PLAN, {
      input: { ...planA, name: 'B类', cityShareFen: -1500, districtShareFen: 4000 },
    });
    expect(negative.createProtectionPlan.fields[0].message).toMatch(/精确到分/);
    const reversed = await center.ok<{ createProtectionPlan: { fields: { field: string }[] } }>(PLAN, {
      input: { ...planA, name: 'B类', validFrom: '2026-12-31', validTo: '2026-01-01' },
    });
    expect(reversed.createProtectionPlan.fields.map((f) => f.field)).toEqual(['validTo']);
    expect(await count('protection_plan')).toBe(before);

    const made = await center.ok<{ createProtectionPlan: { plan: { name: string; feeFen: number } } }>(PLAN, { input: { ...planA, name: 'B类保障' } });
    expect(made.createProtectionPlan.plan).toMatchObject({ name: 'B类保障', feeFen: 3000 });
    const again = await center.ok<{ createProtectionPlan: { code: string; message: string } }>(PLAN, { input: { ...planA, name: 'B类保障' } });
    expect(again.createProtectionPlan).toMatchObject({ code: 'CONFLICT', message: '已有同名保障计划' });
    expect(await count('protection_plan')).toBe(before + 1);
  });

  it('the same plan added three times at once (a double click, two operators): one is made, the others get CONFLICT on the name', async () => {
    const before = await count('protection_plan');
    const answers = await Promise.all(
      [1, 2, 3].map(() =>
        center.ok<{ createProtectionPlan: { __typename: string; code?: string; message?: string } }>(PLAN, { input: { ...planA, name: 'E类保障' } }),
      ),
    );
    const made = answers.filter((a) => !a.createProtectionPlan.code);
    const refused = answers.filter((a) => a.createProtectionPlan.code);
    expect(made).toHaveLength(1);
    expect(refused.map((a) => a.createProtectionPlan)).toEqual([
      expect.objectContaining({ code: 'CONFLICT', message: '已有同名保障计划' }),
      expect.objectContaining({ code: 'CONFLICT', message: '已有同名保障计划' }),
    ]);
    expect(await count('protection_plan')).toBe(before + 1);
  });

  it('a district or a grassroots union cannot add or change plans', async () => {
    for (const c of [pudong, jianlang]) expect(await c.errorCode(PLAN, { input: { ...planA, name: 'C类' } })).toBe('FORBIDDEN');
  });

  it('three changes of one plan at once: one wins, the others get CONFLICT, never an internal error', async () => {
    const made = await center.ok<{ createProtectionPlan: { plan: { id: string; version: number } } }>(PLAN, { input: { ...planA, name: 'D类保障' } });
    const { id, version } = made.createProtectionPlan.plan;
    const answers = await Promise.all(
      [1, 2, 3].map((i) =>
        center.ok<{ updateProtectionPlan: { __typename: string; code?: string } }>(UPDATE_PLAN, { input: { ...planA, id, version, name: `D类保障${i}` } }),
      ),
    );
    const kinds = answers.map((a) => a.updateProtectionPlan.__typename).sort();
    expect(kinds).toEqual(['ProtectionPlanPayload', 'VersionConflict', 'VersionConflict']);
  });
});

describe('protection years', () => {
  it('the center sets up a year; a calendar out of order is refused with each problem and writes nothing', async () => {
    const before = await count('protection_year');
    const bad = await center.ok<{ saveProtectionYear: { code: string; fields: { field: string; message: string }[] } }>(YEAR, {
      input: year(2027, {
        coverageEnd: '2027-11-30',
        paymentDeadline: '2026-12-27',
        adjustmentOpen: '2026-09-01',
        districtClose: '2027-01-02',
        planIds: ['999'],
      }),
    });
    expect(bad.saveProtectionYear.code).toBe('BAD_USER_INPUT');
    expect(bad.saveProtectionYear.fields.map((f) => f.field).sort()).toEqual([
      'adjustmentOpen',
      'coverageStart',
      'districtClose',
      'paymentDeadline',
      'planIds',
    ]);
    expect(await count('protection_year')).toBe(before);

    const made = await center.ok<{ saveProtectionYear: { year: { year: number; version: number } } }>(YEAR, { input: year(2027) });
    expect(made.saveProtectionYear.year).toEqual({ year: 2027, version: 1, planIds: ['1'] });
    // A second creation (no version) of the same year: CONFLICT, the first one stays.
    const twice = await center.ok<{ saveProtectionYear: { code: string } }>(YEAR, {
      input: year(2027, { paymentDeadline: '2026-12-26', districtOpen: '2026-12-27' }),
    });
    expect(twice.saveProtectionYear.code).toBe('CONFLICT');
    const changes = await Promise.all(
      ['2026-12-20', '2026-12-21'].map((d) =>
        center.ok<{ saveProtectionYear: { __typename: string } }>(YEAR, { input: year(2027, { version: 1, grassrootsClose: d }) }),
      ),
    );
    expect(changes.map((c) => c.saveProtectionYear.__typename).sort()).toEqual(['ProtectionYearPayload', 'VersionConflict']);
  });

  it("the center's account (户名, 帐号, 开户行) is stored and read back; a blank or too long value is a clear error and writes nothing", async () => {
    type Year = { year: number; version: number; centerAccountName: string; centerAccountNo: string; centerBank: string };
    const read = async (y: number) => (await center.ok<{ protectionYears: Year[] }>(YEARS)).protectionYears.find((x) => x.year === y);
    // A year made without an account takes the manual's.
    expect(await read(2027)).toMatchObject({ centerAccountNo: '316023-03002745697', centerBank: '上海银行人民广场支行' });
    const account = { centerAccountName: '上海市职工保障互助中心测试专户', centerAccountNo: '6222-0210-0100-1234', centerBank: '上海银行测试支行' };
    const made = await center.ok<{ saveProtectionYear: { __typename: string } }>(YEAR, { input: year(2028, account) });
    expect(made.saveProtectionYear.__typename).toBe('ProtectionYearPayload');
    expect(await read(2028)).toEqual({ year: 2028, version: 1, ...account });

    const blank = await center.ok<{ saveProtectionYear: { code: string; fields: { field: string; message: string }[] } }>(YEAR, {
      input: year(2028, { version: 1, ...account, centerAccountNo: '  ', centerBank: '' }),
    });
    expect(blank.saveProtectionYear.code).toBe('BAD_USER_INPUT');
    expect(blank.saveProtectionYear.fields.map((f) => f.field).sort()).toEqual(['centerAccountNo', 'centerBank']);
    // One field alone: the others are not kept from the year but required with it.
    const alone = await center.ok<{ saveProtectionYear: { code: string; fields: { field: string }[] } }>(YEAR, {
      input: year(2028, { version: 1, centerAccountName: '新户名' }),
    });
    expect(alone.saveProtectionYear.fields.map((f) => f.field).sort()).toEqual(['centerAccountNo', 'centerBank']);
    const tooLong = await center.request(YEAR, { input: year(2028, { version: 1, ...account, centerAccountNo: '1'.repeat(41) }) });
    expect(tooLong.data).toBeNull();
    expect(tooLong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['centerAccountNo'] });
    expect(tooLong.errors?.[0].message).toContain('centerAccountNo');
    expect(await read(2028)).toEqual({ year: 2028, version: 1, ...account });

    const changed = { centerAccountName: '上海市职工保障互助中心新专户', centerAccountNo: '9'.repeat(40), centerBank: '上海银行新支行' };
    const saved = await center.ok<{ saveProtectionYear: { year: { version: number } } }>(YEAR, { input: year(2028, { version: 1, ...changed }) });
    expect(saved.saveProtectionYear.year.version).toBe(2);
    expect(await read(2028)).toEqual({ year: 2028, version: 2, ...changed });
  });
});

describe('fee splits (保障金额设置)', () => {
  it("each year says where the server's today stands against its adjustment window, so the page knows before a save", async () => {
    const { protectionYears } = await pudong.ok<{ protectionYears: { year: number; adjustmentState: string }[] }>(
      `{ protectionYears { year adjustmentState } }`,
    );
    expect(protectionYears.find((y) => y.year === 2025)?.adjustmentState).toBe('OPEN');
    // 2027 (set up above) adjusts in 2026-10-25..10-31.
    expect(protectionYears.find((y) => y.year === 2027)?.adjustmentState).toBe('BEFORE');
  });

  it('a district splits plan A inside the window; its unions see the split, another district keeps the defaults', async () => {
    const first = await pudong.ok<{ setFeeSplit: { split: { districtShareFen: number; custom: boolean; version: number } } }>(SPLIT, {
      input: { year: 2025, planId: '1', districtShareFen: 1000, grassrootsShareFen: 300 },
    });
    expect(first.setFeeSplit.split).toMatchObject({ districtShareFen: 1000, custom: true, version: 1 });
    const seen = await jianlang.ok<{ feeSplits: Record<string, unknown>[] }>(SPLITS, { year: 2025 });
    expect(seen.feeSplits).toEqual([
      { plan: { id: '1', name: 'A类会员专享基本保障' }, cityShareFen: 1300, districtShareFen: 1000, grassrootsShareFen: 300, custom: true, version: 1 },
    ]);
    const other = await xuhui.ok<{ feeSplits: Record<string, unknown>[] }>(SPLITS, { year: 2025 });
    expect(other.feeSplits[0]).toMatchObject({ districtShareFen: 1300, grassrootsShareFen: 0, custom: false, version: null });
  });

  it('a split that does not add up, a plan not offered, or a stale first split: a clear error, nothing written', async () => {
    const before = await count('fee_split');
    const wrong = await xuhui.ok<{ setFeeSplit: { code: string; message: string } }>(SPLIT, {
      input: { year: 2025, planId: '1', districtShareFen: 1000, grassrootsShareFen: 200 },
    });
    expect(wrong.setFeeSplit).toEqual({
      __typename: 'UserError',
      code: 'BAD_USER_INPUT',
      message: '区局（产业）与基层分担金额之和应等于 13.00 元（参保费用减去市总统一划拨）',
    });
    const notOffered = await xuhui.ok<{ setFeeSplit: { code: string } }>(SPLIT, {
      input: { year: 2025, planId: '9999', districtShareFen: 1300, grassrootsShareFen: 0 },
    });
    expect(notOffered.setFeeSplit.code).toBe('BAD_USER_INPUT');
    expect(await xuhui.errorCode(SPLIT, { input: { year: 2031, planId: '1', districtShareFen: 1300, grassrootsShareFen: 0 } })).toBe('NOT_FOUND');
    // pudong already has its split: a "first" split (no version) is a CONFLICT, not a second row.
    const stale = await pudong.ok<{ setFeeSplit: { code: string } }>(SPLIT, {
      input: { year: 2025, planId: '1', districtShareFen: 1300, grassrootsShareFen: 0 },
    });
    expect(stale.setFeeSplit.code).toBe('CONFLICT');
    expect(await count('fee_split')).toBe(before);
  });

  it('two first splits of one district at once, then two changes at once: one wins each time, the other gets CONFLICT', async () => {
    const jianjiao = await s.as('jianjiao');
    const firsts = await Promise.all(
      [1000, 900].map((d) =>
        jianjiao.ok<{ setFeeSplit: { __typename: string; code?: string } }>(SPLIT, {
          input: { year: 2025, planId: '1', districtShareFen: d, grassrootsShareFen: 1300 - d },
        }),
      ),
    );
    expect(firsts.map((f) => f.setFeeSplit.code ?? f.setFeeSplit.__typename).sort()).toEqual(['CONFLICT', 'FeeSplitPayload']);
    const changes = await Promise.all(
      [800, 700].map((d) =>
        jianjiao.ok<{ setFeeSplit: { __typename: string } }>(SPLIT, {
          input: { year: 2025, planId: '1', districtShareFen: d, grassrootsShareFen: 1300 - d, version: 1 },
        }),
      ),
    );
    expect(changes.map((c) => c.setFeeSplit.__typename).sort()).toEqual(['FeeSplitPayload', 'VersionConflict']);
  });

  it('outside the adjustment window: OUTSIDE_WINDOW with the window dates in the clerk language; the split stays', async () => {
    s.clock.advance(5 * 86_400_000); // 2024-11-01; sessions have expired meanwhile
    try {
      const r = await (await s.as('pudong')).request(SPLIT, { input: { year: 2025, planId: '1', districtShareFen: 1300, grassrootsShareFen: 0, version: 1 } });
      expect(r.errors?.[0].extensions.code).toBe('OUTSIDE_WINDOW');
      expect(r.errors?.[0].message).toBe('保障金额调整的办理时间为 2024-10-25 至 2024-10-31，今天（2024-11-01）不在此时间内');
      const { protectionYears } = await (
        await s.as('pudong')
      ).ok<{ protectionYears: { year: number; adjustmentState: string }[] }>(`{ protectionYears { year adjustmentState } }`);
      expect(protectionYears.find((y) => y.year === 2025)?.adjustmentState).toBe('AFTER');
      const seen = await (await s.as('jianlang')).ok<{ feeSplits: { districtShareFen: number }[] }>(SPLITS, { year: 2025 });
      expect(seen.feeSplits[0].districtShareFen).toBe(1000);
    } finally {
      s.clock.advance(-5 * 86_400_000);
    }
  });

  it('only a district sets a split', async () => {
    for (const c of [await s.as('center'), await s.as('jianlang')])
      expect(await c.errorCode(SPLIT, { input: { year: 2025, planId: '1', districtShareFen: 1300, grassrootsShareFen: 0 } })).toBe('FORBIDDEN');
  });
});
