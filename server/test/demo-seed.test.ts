import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ENTERPRISES, DEMO_MEMBERS_PER_UNION, DEMO_TODAY, demoMembers } from '../src/db/seed/demo-members.js';
import { checkMember } from '../src/modules/member/member-rules.js';
import { maskIdNumber, maskMobile } from '../src/domain/mask.js';
import { countHanzi } from '../src/domain/work-address.js';
import { isCardNumber, maskCardNumber } from '../src/domain/card-number.js';
import { simulatedOutcome } from '../src/adapters/card-issuer/simulator.js';
import { simulatedStatus } from '../src/adapters/social-security/simulator.js';
import { readPdf } from '../src/documents/pdf-text.js';
import { PiiCipher } from '../src/pii/pii-cipher.js';
import { startTestServer, TEST_DATA_KEY, type TestServer } from './support/test-server.js';

/**
 * The demo city's rolls (SPEC §15): the same people on every run, every one valid by the field rules,
 * stored exactly as MemberService stores members, so search, reveal and the workbench work on them.
 */

interface Row {
  member_no: string;
  union_key: string;
  enterprise: string | null;
  name: string;
  gender: string;
  id_type: string;
  id_number_sealed: string;
  id_number_index: string;
  id_number_masked: string;
  mobile_sealed: string | null;
  mobile_index: string | null;
  mobile_masked: string | null;
  id_expiry: string | null;
  id_expiry_long_term: boolean;
  work_address: string | null;
  category: string;
  life_status: string;
  life_status_date: string | null;
  joined_at: string;
  needs_confirmation: boolean;
  ecard_activated_at: string | null;
}

const UNION_KEYS: Record<string, string> = { 6: 'jianlang', 7: 'ljz-finance', 8: 'zhangjiang', 9: 'xuhui-gr1', 10: 'xuhui-gr2', 11: 'jianjiao-gr1' };
const cipher = new PiiCipher(Buffer.from(TEST_DATA_KEY, 'base64'));

let s: TestServer;
let rows: Row[];
beforeAll(async () => {
  s = await startTestServer({ APP_TODAY: DEMO_TODAY });
  const date = (col: string) => `to_char(m.${col}, 'YYYY-MM-DD') as ${col}`;
  rows = (
    await s.orm.em.getConnection().execute<(Row & { organization_id: number })[]>(
      `select m.*, ${['id_expiry', 'life_status_date', 'joined_at', 'ecard_activated_at'].map(date).join(', ')}, e.name as enterprise
         from member m left join enterprise e on e.id = m.enterprise_id order by m.id`,
    )
  ).map((r) => ({ ...r, union_key: UNION_KEYS[r.organization_id] }));
});
afterAll(() => s.close());

describe('demo rolls', () => {
  it('has the planned members per union and the planned special cases', () => {
    expect(rows).toHaveLength(200);
    const perUnion = Object.fromEntries(Object.keys(DEMO_MEMBERS_PER_UNION).map((k) => [k, rows.filter((r) => r.union_key === k).length]));
    expect(perUnion).toEqual(DEMO_MEMBERS_PER_UNION);
    const count = (p: (r: Row) => boolean) => rows.filter(p).length;
    expect(count((r) => r.life_status === 'RETIRED' && !!r.life_status_date)).toBe(8);
    expect(count((r) => r.life_status === 'DECEASED' && !!r.life_status_date)).toBe(3);
    expect(count((r) => r.life_status !== 'ACTIVE')).toBe(11);
    expect(count((r) => r.needs_confirmation)).toBe(10);
    expect(count((r) => r.ecard_activated_at !== null)).toBe(20);
    expect(count((r) => r.id_type !== 'RESIDENT_ID')).toBe(15);
    expect(count((r) => r.id_type === 'HK_MACAO_TAIWAN_PERMIT' && /^8[123]0000/.test(cipher.decrypt(r.id_number_sealed)))).toBe(9);
    expect(count((r) => r.joined_at > '2024-11-27')).toBeGreaterThanOrEqual(30);
    expect(count((r) => r.joined_at === DEMO_TODAY)).toBeGreaterThan(0);
    expect(count((r) => r.category !== 'IN_ENTERPRISE')).toBeGreaterThan(20);
    expect(new Set(rows.map((r) => r.joined_at.slice(0, 4)))).toEqual(
      new Set(['2015', '2016', '2017', '2018', '2019', '2020', '2021', '2022', '2023', '2024']),
    );
  });

  it('is the same data on every run: the template seeded in another process equals a fresh generation', () => {
    expect(rows.map((r) => [r.union_key, r.name, cipher.decrypt(r.id_number_sealed), r.joined_at, r.life_status, r.ecard_activated_at])).toEqual(
      demoMembers().map((m) => [m.union, m.name, m.idNumber, m.joinedAt, m.lifeStatus, m.ecardActivatedAt]),
    );
  });

  it('every member passes the field rules; IDs and mobiles are unique; in-enterprise members work at one of their union’s enterprises', () => {
    for (const m of demoMembers()) {
      const checked = checkMember(m, DEMO_TODAY);
      expect(checked.ok ? [] : checked.problems, m.name).toEqual([]);
      if (m.category === 'IN_ENTERPRISE') {
        expect(DEMO_ENTERPRISES[m.enterprise!].union).toBe(m.union);
        expect(countHanzi(m.workAddress!)).toBeGreaterThanOrEqual(7);
        expect(countHanzi(m.workAddress!)).toBeLessThanOrEqual(19);
      } else expect(m.enterprise).toBeNull();
      if (m.idExpiry !== '长期') expect(m.idExpiry > DEMO_TODAY).toBe(true);
      if (m.lifeStatusDate) expect(m.lifeStatusDate >= m.joinedAt && m.lifeStatusDate <= DEMO_TODAY).toBe(true);
      if (m.ecardActivatedAt) expect(m.ecardActivatedAt >= m.joinedAt && m.ecardActivatedAt <= DEMO_TODAY).toBe(true);
    }
    expect(new Set(rows.map((r) => r.id_number_index)).size).toBe(200);
    expect(new Set(rows.map((r) => r.mobile_index)).size).toBe(200);
    expect(new Set(rows.map((r) => r.member_no)).size).toBe(200);
    expect(rows.every((r) => /^\d{12}$/.test(r.member_no))).toBe(true);
    expect(new Set(rows.map((r) => r.enterprise).filter(Boolean))).toEqual(new Set(DEMO_ENTERPRISES.map((e) => e.name)));
  });

  it('stores personal data as MemberService does: sealed with the server key, blind-indexed, masked', () => {
    for (const r of rows) {
      const id = cipher.decrypt(r.id_number_sealed);
      expect(r.id_number_index).toBe(cipher.blindIndex('id', id));
      expect(r.id_number_masked).toBe(maskIdNumber(id));
      const mobile = cipher.decrypt(r.mobile_sealed!);
      expect(r.mobile_index).toBe(cipher.blindIndex('mobile', mobile));
      expect(r.mobile_masked).toBe(maskMobile(mobile));
    }
    expect(JSON.stringify(rows)).not.toContain(demoMembers()[0].idNumber);
  });

  it('a clerk finds a seeded member by exact ID number and by mobile, and reveals them', async () => {
    const clerk = await s.as('jianlang');
    const m = demoMembers().find((x) => x.union === 'jianlang' && x.idType === 'RESIDENT_ID')!;
    const find = async (search: string) => (await clerk.ok(`query($q: String) { members(search: $q) { nodes { id name } } }`, { q: search })).members.nodes;
    const [byId] = await find(m.idNumber);
    expect(byId.name).toBe(m.name);
    expect(await find(m.mobile)).toEqual([byId]);
    expect((await clerk.ok(`mutation { revealMemberPersonalData(id: ${byId.id}) { idNumber mobile } }`)).revealMemberPersonalData).toEqual({
      idNumber: m.idNumber,
      mobile: m.mobile,
    });
  });
});

describe('demo cards', () => {
  it('some members have cards; one batch is in production; one revocation waits for 浦东’s reviewer', async () => {
    const pudongReviewer = await s.as('pudong-reviewer');
    const batches = (
      await (
        await s.as('center')
      ).ok(`{ cardBatches(sort: BATCH_NO) { nodes { batchNo status memberCount issuedCount organization { name } timeline { event actor } } } }`)
    ).cardBatches.nodes;
    expect(batches.map((b: { status: string; memberCount: number; organization: { name: string } }) => [b.organization.name, b.status, b.memberCount])).toEqual(
      [
        ['上海建朗信息科技有限公司工会', 'ISSUED', 12],
        ['上海张江软件园发展有限公司工会', 'REVOCATION_REQUESTED', 6],
        ['上海陆家嘴金融服务有限公司工会', 'IN_PRODUCTION', 8],
      ],
    );
    expect(batches[1].timeline).toEqual([
      { event: 'CREATE', actor: 'zhangjiang' },
      { event: 'START_PRODUCTION', actor: null },
      { event: 'ALL_ISSUED', actor: null },
      { event: 'REQUEST_REVOCATION', actor: 'zhangjiang' },
    ]);
    const waiting = (await pudongReviewer.ok(`{ cardBatches(status: REVOCATION_REQUESTED) { nodes { batchNo availableEvents revocationReason } } }`))
      .cardBatches.nodes;
    expect(waiting).toHaveLength(1);
    expect(waiting[0].availableEvents).toEqual(['APPROVE_REVOCATION', 'REFUSE_REVOCATION']);
    expect((await pudongReviewer.ok(`{ messages { nodes { kind text } } }`)).messages.nodes).toContainEqual({
      kind: 'CARD_REVOCATION_REQUESTED',
      text: expect.stringContaining(waiting[0].batchNo),
    });
  });

  it('the cards carry the simulator’s numbers for their members’ ID numbers, sealed, and show in members(hasCard:)', async () => {
    const cards = await s.orm.em
      .getConnection()
      .execute<{ card_number_sealed: string; card_number_masked: string; id_number_sealed: string; status: string }[]>(
        `select c.card_number_sealed, c.card_number_masked, m.id_number_sealed, c.status from member_card c join member m on m.id = c.member_id`,
      );
    expect(cards).toHaveLength(18);
    for (const c of cards) {
      const number = cipher.decrypt(c.card_number_sealed);
      expect(isCardNumber(number)).toBe(true);
      expect(simulatedOutcome(cipher.decrypt(c.id_number_sealed), 0)).toEqual({ cardNumber: number });
      expect(c).toMatchObject({ card_number_masked: maskCardNumber(number), status: 'ACTIVE' });
    }
    const center = await s.as('center');
    expect((await center.ok(`{ members(hasCard: true) { totalCount } }`)).members.totalCount).toBe(18);
  });
});

describe('demo enrollment', () => {
  const OVERVIEW = `{ enrollmentOverview(year: 2025) { submitted eligibleMemberCard eligibleSocialSecurityCard planId batchNo version } }`;
  const SS_UNIONS = ['xuhui-gr2', 'jianjiao-gr1', 'xuhui-gr1', 'ljz-finance'];

  it('five unions submitted, as the registry answered; the campaign shows every state; 建朗 has not started', async () => {
    const center = await s.as('center');
    const submissions = (await center.ok(`{ enrollmentSubmissions(year: 2025) { nodes { id channel status memberCount batchNo organization { name } } } }`))
      .enrollmentSubmissions.nodes;
    expect(
      submissions.map((x: { organization: { name: string }; channel: string; status: string }) => [x.organization.name, x.channel, x.status]).sort(),
    ).toEqual(
      [
        ['上海漕河泾科技服务有限公司工会', 'SOCIAL_SECURITY_CARD', 'PENDING_REVIEW'],
        ['上海徐家汇商城有限公司工会', 'SOCIAL_SECURITY_CARD', 'APPROVED'],
        ['上海陆家嘴金融服务有限公司工会', 'SOCIAL_SECURITY_CARD', 'CONFIRMED'],
        ['上海城建隧道工程有限公司工会', 'SOCIAL_SECURITY_CARD', 'COMPLETED'],
        ['上海张江软件园发展有限公司工会', 'MEMBER_CARD', 'RETURNED'],
      ].sort(),
    );
    for (const username of SS_UNIONS) {
      const clerk = await s.as(username);
      const checks = await s.orm.em
        .getConnection()
        .execute<{ id_number_sealed: string; status: string; card_status: string; employment_status: string; enrolled: boolean }[]>(
          `select m.id_number_sealed, c.status, c.card_status, c.employment_status, em.id is not null as enrolled
             from social_security_check c join member m on m.id = c.member_id join account a on a.organization_id = c.organization_id
             left join enrollment_member em on em.member_id = m.id and em.holding
            where a.username = ?`,
          [username],
        );
      expect(checks.length).toBeGreaterThan(0);
      for (const c of checks) {
        const answer = simulatedStatus(cipher.decrypt(c.id_number_sealed));
        expect(c).toMatchObject({ card_status: answer.cardStatus, employment_status: answer.employmentStatus });
        // Every READY member was submitted, and only they.
        expect(c.enrolled).toBe(c.status === 'READY');
      }
      const ready = checks.filter((c) => c.status === 'READY').length;
      const mine = (await clerk.ok(`{ enrollmentSubmissions(year: 2025) { nodes { memberCount timeline { event actor } } } }`)).enrollmentSubmissions.nodes;
      expect(mine).toHaveLength(1);
      expect(mine[0].memberCount).toBe(ready);
      expect(mine[0].timeline[0]).toEqual({ event: 'CREATE', actor: username });
      expect((await clerk.ok(OVERVIEW)).enrollmentOverview).toMatchObject({
        submitted: ready,
        planId: '1',
        version: 1,
        batchNo: expect.stringMatching(/^JB2025/),
      });
      const notice = await fetch(`${s.url}/api/notices/2025/notice.pdf`, { headers: { cookie: clerk.cookie! } });
      expect(notice.status).toBe(200);
      const text = (await readPdf(Buffer.from(await notice.arrayBuffer()))).pages.join('').replace(/\s+/g, '');
      for (const part of [String(ready), '2024年12月25日', 'A类会员专享基本保障']) expect(text).toContain(part);
    }
    // 张江's card holders were returned to it with the reviewer's reason: free to submit again.
    const zhangjiang = await s.as('zhangjiang');
    const [returned] = (await zhangjiang.ok(`{ enrollmentSubmissions(year: 2025) { nodes { returnReason timeline { event actor } } } }`)).enrollmentSubmissions
      .nodes;
    expect(returned.returnReason).toContain('撤销');
    expect(returned.timeline.map((t: { event: string; actor: string }) => [t.event, t.actor])).toEqual([
      ['CREATE', 'zhangjiang'],
      ['RETURN', 'pudong-reviewer'],
    ]);
    expect((await zhangjiang.ok(OVERVIEW)).enrollmentOverview.eligibleMemberCard).toBeGreaterThan(0);
    expect((await (await s.as('jianlang')).ok(OVERVIEW)).enrollmentOverview).toMatchObject({ submitted: 0, planId: null, version: 0 });

    // The city's monitor, from the maintained counters: one union in each standing but VOID.
    expect((await center.ok(`{ enrollmentMonitor(year: 2025) { unions notStarted pending returned submitted voided } }`)).enrollmentMonitor).toEqual({
      unions: 6,
      notStarted: 1,
      pending: 1,
      returned: 1,
      submitted: 3,
      voided: 0,
    });
  });

  it('the districts’ batches: 建设交通’s completed (its members covered), 浦东’s sent back once and then confirmed, 徐汇’s ready list waiting', async () => {
    const BATCHES = `{ centerBatches(year: 2025) { nodes { id batchNo status memberCount feeFen cityFen districtFen grassrootsFen returnReason confirmedAt completedAt vouchersSubmittedAt
                        vouchers { contentType } } } }`;
    const batches = (await (await s.as('center-operator')).ok(BATCHES)).centerBatches.nodes;
    const districts = await s.orm.em
      .getConnection()
      .execute<{ id: string; name: string }[]>(`select b.id::text, o.name from district_batch b join organization o on o.id = b.organization_id`);
    const districtOf = new Map(districts.map((d) => [d.id, d.name]));
    expect(batches.map((b: { id: string; status: string }) => [districtOf.get(b.id), b.status]).sort()).toEqual(
      [
        ['建设交通工会', 'COMPLETED'],
        ['浦东新区总工会', 'CONFIRMED'],
        ['浦东新区总工会', 'RETURNED'],
      ].sort(),
    );
    for (const b of batches) {
      // Each batch's split adds up to its fee, and every one was paid with a PDF receipt.
      expect(b.cityFen + b.districtFen + b.grassrootsFen).toBe(b.feeFen);
      expect(b.feeFen).toBe(b.memberCount * 2600);
      expect(b.vouchers.map((v: { contentType: string }) => v.contentType)).toEqual(['application/pdf']);
      expect(b.vouchersSubmittedAt).not.toBeNull();
    }
    const byStatus = Object.fromEntries(batches.map((b: { status: string }) => [b.status, b]));
    expect(byStatus.RETURNED.returnReason).toContain('金额');
    expect(byStatus.CONFIRMED.confirmedAt).not.toBeNull();
    expect(byStatus.COMPLETED.completedAt).not.toBeNull();

    const jianjiao = await s.as('jianjiao');
    const covered = (await jianjiao.ok(`{ coverage(year: 2025, pageSize: 100) { totalCount nodes { coverageStart coverageEnd } } }`)).coverage;
    expect(covered.totalCount).toBe(byStatus.COMPLETED.memberCount);
    expect(new Set(covered.nodes.map((c: { coverageStart: string; coverageEnd: string }) => `${c.coverageStart}..${c.coverageEnd}`))).toEqual(
      new Set(['2025-01-01..2025-12-31']),
    );
    expect((await (await s.as('xuhui')).ok(`{ coverage(year: 2025) { totalCount } }`)).coverage.totalCount).toBe(0);
    const ready = (await (await s.as('xuhui')).ok(`{ readyList(year: 2025) { totalCount } }`)).readyList;
    expect(ready.totalCount).toBe(1);
  });
});
